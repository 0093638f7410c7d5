package org.nasbowl.core.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Where tests find the project's own reference files. Benchmark tables: the project's {@code data/} folder,
 * which ships them compressed ({@code name.gz}; a plain {@code name} beside it wins, as for the benchmarks).
 * The original implementation's golden values ({@code golden/}) and the official-format sample files
 * ({@code format-samples/}): test resources of nasbowl-core, read from the classpath (its test jar in the other
 * modules) and, where compressed, unpacked once per JVM into a temporary folder. A missing file is a failure,
 * not a skip: every file named here is part of the project.
 */
public final class TestPaths {
  private TestPaths() {}

  private static Path unpacked;

  /** The repository root (surefire passes it as the system property {@code nasbowl.root}). */
  public static Path root() {
    String prop = System.getProperty("nasbowl.root");
    if (prop != null && !prop.isBlank()) return Paths.get(prop).toAbsolutePath().normalize();
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve(".mvn"))) p = p.getParent();
    return p != null ? p : Paths.get("").toAbsolutePath();
  }

  /** The project's data folder. */
  public static Path dataDir() {
    return root().resolve("data");
  }

  /** A benchmark table of the project's data folder ({@code fileName}, else {@code fileName.gz}). */
  public static Path requireData(String fileName) {
    Path dir = dataDir();
    for (Path p : List.of(dir.resolve(fileName), dir.resolve(fileName + ".gz"))) {
      if (Files.isRegularFile(p)) return p;
    }
    throw new IllegalStateException("benchmark table " + fileName + " (or " + fileName + ".gz) missing from " + dir
        + ": the project ships it, see data/README.md");
  }

  /** A golden file of the original implementation, as a plain file. */
  public static Path requireGolden(String fileName) {
    return resource("golden/" + fileName);
  }

  /** An official-format sample file, as a plain file. */
  public static Path formatSample(String fileName) {
    return resource("format-samples/" + fileName);
  }

  /** Lines of a text file, read through gzip when its name ends in {@code .gz}. */
  public static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  /** All lines of a text file, read through gzip when its name ends in {@code .gz}. */
  public static List<String> readAllLines(Path file) throws IOException {
    try (BufferedReader r = open(file)) {
      return r.lines().toList();
    }
  }

  /**
   * A test resource as a file: the resource {@code name} itself when it is a plain file on the classpath,
   * otherwise copied (from {@code name}, or unpacked from {@code name.gz}) into a folder of this JVM.
   */
  static synchronized Path resource(String name) {
    ClassLoader cl = TestPaths.class.getClassLoader();
    URL plain = cl.getResource(name);
    URL packed = plain == null ? cl.getResource(name + ".gz") : null;
    if (plain == null && packed == null) {
      throw new IllegalStateException("test resource " + name + " (or " + name + ".gz) not on the classpath: it "
          + "lives in nasbowl-core/src/test/resources, see its README.md");
    }
    try {
      if (plain != null && plain.getProtocol().equals("file")) return Paths.get(plain.toURI());
      if (unpacked == null) {
        unpacked = Files.createTempDirectory("nasbowl-test-resources");
        Path dir = unpacked;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      }
      Path out = unpacked.resolve(name);
      if (Files.isRegularFile(out)) return out;
      Files.createDirectories(out.getParent());
      Path tmp = Files.createTempFile(out.getParent(), "part", ".tmp");
      try (InputStream in = plain != null ? plain.openStream() : new GZIPInputStream(packed.openStream(), 1 << 16)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      return Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort at exit
    }
  }
}
