package org.nasbowl.experiments.data.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.data.DataFormatException;

class NatsImporterTest {
  static final String PREFIX = "NATS-tss-v1_0-3ffb9-simple_";
  static final String[] NAMES = {"000000", "000011", "000284", "meta"};
  /** Accuracies, times, parameters and FLOPs are compared to the expected means to this absolute tolerance. */
  static final double TOL = 1e-9;

  @TempDir Path tmp;

  /** Copies the format samples into a fresh directory, with their prefixed names or the official ones. */
  static Path sampleDir(Path parent, String name, boolean officialNames) throws IOException {
    Path dir = Files.createDirectories(parent.resolve(name));
    for (String n : NAMES) {
      Path src = TestPaths.formatSample(PREFIX + n + ".pickle.pbz2");
      Files.copy(src, dir.resolve((officialNames ? "" : PREFIX) + n + ".pickle.pbz2"));
    }
    return dir;
  }

  @Test
  void reproducesTheExpectedMeansOfTheSampleCells() throws IOException {
    Path expectedFile = TestPaths.formatSample("NATS-tss-simple_samples_expected_means.json");
    Path out = tmp.resolve("nats.csv");
    NatsImporter.Summary s = NatsImporter.importDirectory(sampleDir(tmp, "samples", false), out, ImportProgress.NONE);
    List<String> lines = Files.readAllLines(out);
    assertEquals(NatsImporter.HEADER, lines.get(0));
    // per architecture: 12 epochs -> cifar10-valid x2 seeds + 3 datasets x1; 200 epochs -> 4 datasets x 3 seeds
    assertEquals(new NatsImporter.Summary(3, 3 * (5 + 12)), s);
    assertEquals(1 + 3 * 17, lines.size());

    // group rows by (arch, hp, dataset), keeping the seed order
    Map<String, List<String[]>> groups = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",", -1);
      assertEquals(11, c.length, line);
      groups.computeIfAbsent(c[0] + "/" + c[2] + "/" + c[3], k -> new ArrayList<>()).add(c);
    }
    JsonNode expected = new ObjectMapper().readTree(expectedFile.toFile());
    int checkedGroups = 0;
    for (JsonNode arch : expected) {
      int index = arch.get("arch_index").asInt();
      for (String hp : List.of("12", "200")) {
        JsonNode e = arch.get(hp);
        for (Iterator<String> it = e.get("seeds").fieldNames(); it.hasNext(); ) {
          String dataset = it.next();
          List<String[]> rows = groups.get(index + "/" + hp + "/" + dataset);
          String what = index + "/" + hp + "/" + dataset;
          List<Integer> seeds = new ArrayList<>();
          e.get("seeds").get(dataset).forEach(n -> seeds.add(n.asInt()));
          assertEquals(seeds, rows.stream().map(r -> Integer.parseInt(r[4])).toList(), what);
          for (String[] r : rows) assertEquals(arch.get("arch_str").asText(), r[1], what);
          JsonNode acc = e.get(dataset);
          assertEquals(acc.get("train").asDouble(), mean(rows, 5), TOL, what + " train");
          String testSet = dataset.equals("cifar10") || dataset.equals("cifar10-valid") ? "ori-test" : "x-test";
          assertEquals(acc.get(testSet).asDouble(), mean(rows, 7), TOL, what + " " + testSet);
          if (dataset.equals("cifar10")) {
            assertFalse(acc.has("x-valid"));
            for (String[] r : rows) assertEquals("", r[6], what + " has no validation set");
          } else {
            assertEquals(acc.get("x-valid").asDouble(), mean(rows, 6), TOL, what + " x-valid");
          }
          int epochs = Integer.parseInt(hp);
          assertEquals(e.get("train_time_per_epoch_s").get(dataset).asDouble(), mean(rows, 8) / epochs, TOL,
              what + " train time per epoch");
          assertEquals(e.get("params_MB").get(dataset).asDouble(), mean(rows, 9), TOL, what + " params");
          assertEquals(e.get("flops_M").get(dataset).asDouble(), mean(rows, 10), TOL, what + " flops");
          checkedGroups++;
        }
      }
    }
    assertEquals(groups.size(), checkedGroups);
    assertEquals(3 * 2 * 4, checkedGroups);
  }

  @Test
  void officialFileNamesGiveTheSameTable() throws IOException {
    Path a = tmp.resolve("a.csv");
    Path b = tmp.resolve("b.csv");
    NatsImporter.importDirectory(sampleDir(tmp, "prefixed", false), a, ImportProgress.NONE);
    NatsImporter.importDirectory(sampleDir(tmp, "official", true), b, ImportProgress.NONE);
    assertEquals(Files.readString(a), Files.readString(b));
  }

  @Test
  void readsTheArchitectureStringsFromTheMetaFile() throws IOException {
    List<String> archs = NatsImporter.readMeta(TestPaths.formatSample(PREFIX + "meta.pickle.pbz2"));
    assertEquals(15625, archs.size());
    assertEquals("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|",
        archs.get(0));
    assertEquals("|skip_connect~0|+|skip_connect~0|skip_connect~1|+|none~0|nor_conv_1x1~1|none~2|", archs.get(284));
  }

  @Test
  void corruptBzip2FailsNamingTheFile() throws IOException {
    byte[] good = Files.readAllBytes(TestPaths.formatSample(PREFIX + "000011.pickle.pbz2"));
    // flips: the magic, the block size digit, the block header, compressed data, the stream trailer's CRC
    int[] flips = {0, 3, 6, 200, good.length / 2, good.length - 9};
    for (int pos : flips) {
      byte[] bad = good.clone();
      bad[pos] ^= (byte) 0xff;
      assertArchFileFails("flip" + pos, bad);
    }
    for (int keep : new int[] {0, 3, 100, good.length / 2, good.length - 1}) {
      assertArchFileFails("cut" + keep, Arrays.copyOf(good, keep));
    }
  }

  @Test
  void garbagePickleFailsNamingTheFile() throws IOException {
    byte[] garbage = new byte[5000];
    new java.util.Random(3).nextBytes(garbage);
    garbage[0] = (byte) 0x80; // PROTO
    garbage[1] = 4;
    DataFormatException e = assertArchFileFails("garbage", bzip2(garbage));
    assertTrue(e.getMessage().contains("not a valid bzip2-compressed pickle"), e.getMessage());
    // a valid pickle with the wrong structure: an empty list, protocol 2
    e = assertArchFileFails("list", bzip2(new byte[] {(byte) 0x80, 2, ']', 'q', 0, '.'}));
    assertTrue(e.getMessage().contains("expected a dict"), e.getMessage());
    // data after the pickle's STOP
    e = assertArchFileFails("trailing", bzip2(new byte[] {(byte) 0x80, 2, '}', '.', 'x'}));
    assertTrue(e.getMessage().contains("follow the pickle"), e.getMessage());
  }

  @Test
  void missingMetaFailsNamingTheMetaFile() throws IOException {
    Path dir = sampleDir(tmp, "nometa", true);
    Files.delete(dir.resolve("meta.pickle.pbz2"));
    Path out = tmp.resolve("nometa.csv");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> NatsImporter.importDirectory(dir, out, ImportProgress.NONE));
    assertEquals(dir.resolve("meta.pickle.pbz2"), e.file());
    assertTrue(e.getMessage().startsWith(dir.resolve("meta.pickle.pbz2").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("missing NATS-Bench meta file"), e.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void corruptMetaFailsNamingTheMetaFile() throws IOException {
    Path dir = sampleDir(tmp, "badmeta", true);
    Path meta = dir.resolve("meta.pickle.pbz2");
    byte[] b = Files.readAllBytes(meta);
    Files.write(meta, Arrays.copyOf(b, b.length / 3));
    Path out = tmp.resolve("badmeta.csv");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> NatsImporter.importDirectory(dir, out, ImportProgress.NONE));
    assertEquals(meta, e.file());
    assertFalse(Files.exists(out));
  }

  @Test
  void architectureFileMustMatchItsNameAndTheMeta() throws IOException {
    Path dir = sampleDir(tmp, "renamed", true);
    Files.move(dir.resolve("000011.pickle.pbz2"), dir.resolve("000012.pickle.pbz2"));
    Path out = tmp.resolve("renamed.csv");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> NatsImporter.importDirectory(dir, out, ImportProgress.NONE));
    assertEquals(dir.resolve("000012.pickle.pbz2"), e.file());
    assertEquals("['12']['arch_index']", e.field());
    assertFalse(Files.exists(out));
    assertNoTempFiles(tmp);
  }

  /** Replaces cell 11 of a sample directory by {@code content}; the import must fail naming that file. */
  private DataFormatException assertArchFileFails(String name, byte[] content) throws IOException {
    Path dir = sampleDir(tmp, name, true);
    Path bad = dir.resolve("000011.pickle.pbz2");
    Files.write(bad, content);
    Path out = tmp.resolve(name + ".csv");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> NatsImporter.importDirectory(dir, out, ImportProgress.NONE), name);
    assertEquals(bad, e.file(), name);
    assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
    assertFalse(Files.exists(out), name + ": no output after a failure");
    assertNoTempFiles(tmp);
    return e;
  }

  private static void assertNoTempFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(), s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
    }
  }

  private static double mean(List<String[]> rows, int col) {
    double s = 0;
    for (String[] r : rows) s += Double.parseDouble(r[col]);
    return s / rows.size();
  }

  static byte[] bzip2(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new BZip2CompressorOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }
}
