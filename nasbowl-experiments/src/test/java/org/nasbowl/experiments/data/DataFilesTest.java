package org.nasbowl.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.testsupport.TestPaths;

/**
 * The tables the project ships in data/ are the ones data/README.md describes: every shipped file is listed with
 * its row count and the SHA-256 of the file and of its content, and git does not ignore it (that every benchmark
 * of the reproduction finds its tables there is checked by BenchmarksCommandTest).
 */
class DataFilesTest {
  private static final Path DATA = TestPaths.dataDir();
  private static final Pattern ROW = Pattern.compile(
      "^\\| `([^`]+\\.gz)` \\| ([0-9,]+) \\|.*\\| `([0-9a-f]{64})` \\| `([0-9a-f]{64})` \\|$", Pattern.MULTILINE);

  record Listed(long rows, String fileSha, String contentSha) {}

  @Test
  void everyShippedTableIsListedWithItsChecksumsAndRows() throws Exception {
    Map<String, Listed> listed = new TreeMap<>();
    Matcher m = ROW.matcher(Files.readString(DATA.resolve("README.md")));
    while (m.find()) listed.put(m.group(1), new Listed(Long.parseLong(m.group(2).replace(",", "")), m.group(3), m.group(4)));
    List<String> shipped;
    try (Stream<Path> s = Files.list(DATA)) {
      shipped = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".gz")).sorted().toList();
    }
    assertEquals(6, shipped.size(), "data/ ships six tables: " + shipped);
    assertEquals(List.copyOf(listed.keySet()), shipped, "data/README.md lists exactly the shipped files");
    String gitignore = Files.readString(TestPaths.root().resolve(".gitignore"));
    for (String name : shipped) {
      Path f = DATA.resolve(name);
      Listed l = listed.get(name);
      assertEquals(l.fileSha(), sha256(Files.newInputStream(f)), name + ": SHA-256 of the file");
      assertEquals(l.contentSha(), sha256(new GZIPInputStream(Files.newInputStream(f))), name + ": SHA-256 of the content");
      long lines;
      try (BufferedReader r = TestPaths.open(f)) {
        lines = r.lines().count();
      }
      assertEquals(l.rows() + 1, lines, name + ": rows plus the header");
      assertTrue(gitignore.contains("\n!data/" + name + "\n"), name + " is not un-ignored in .gitignore");
    }
  }

  private static String sha256(InputStream raw) throws IOException {
    try (DigestInputStream in = new DigestInputStream(raw, MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(in.getMessageDigest().digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
