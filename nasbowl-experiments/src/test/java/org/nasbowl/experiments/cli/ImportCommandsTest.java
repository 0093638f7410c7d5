package org.nasbowl.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.data.importer.NatsImporter;
import picocli.CommandLine;

class ImportCommandsTest {
  static final String FIXTURE = "nb101_fixture_best108_3runs.tfrecord";
  static final String NATS_PREFIX = "NATS-tss-v1_0-3ffb9-simple_";

  @TempDir Path tmp;

  /** The exit code, standard output and standard error of one command run. */
  record Run(int exit, String out, String err) {}

  /** Runs {@code nasbowl data <importer> args...} through the real command line. */
  static Run run(String importer, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = NasbowlCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] full = new String[args.length + 2];
    full[0] = "data";
    full[1] = importer;
    System.arraycopy(args, 0, full, 2, args.length);
    int exit = cl.execute(full);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void importNb101WritesTheTableAndOneSummaryLine() throws IOException {
    Path out = tmp.resolve("nb101.csv");
    Run r = run("import-nb101", "--tfrecord", TestPaths.formatSample(FIXTURE).toString(), "--out",
        out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.exists(out));
    assertEquals(2, Files.readAllLines(out).size());
    assertEquals(1, r.out().lines().count(), r.out());
    assertTrue(r.out().startsWith("import-nb101: 3 records (3 at 108 epochs) -> 1 cells written to " + out), r.out());
    assertEquals("", r.err(), "no progress lines for a short input");
  }

  @Test
  void importNb101ExitCodes() throws IOException {
    byte[] all = Files.readAllBytes(TestPaths.formatSample(FIXTURE));
    Path bad = tmp.resolve("bad.tfrecord");
    Files.write(bad, Arrays.copyOf(all, all.length - 10));
    Path out = tmp.resolve("bad.csv");
    Run r = run("import-nb101", "--tfrecord", bad.toString(), "--out", out.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains(bad + ", record 3, field '"), r.err());
    assertEquals("", r.out());
    assertFalse(Files.exists(out));

    r = run("import-nb101", "--tfrecord", tmp.resolve("absent.tfrecord").toString(), "--out",
        out.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("file not found: " + tmp.resolve("absent.tfrecord")), r.err());
    assertFalse(Files.exists(out));

    r = run("import-nb101", "--out", out.toString());
    assertEquals(2, r.exit(), "a missing option is a usage error");
    assertTrue(r.err().contains("--tfrecord"), r.err());
  }

  @Test
  void importNatsWritesTheTableAndOneSummaryLine() throws IOException {
    Path dir = natsDir("simple");
    Path out = tmp.resolve("nats.csv");
    Run r = run("import-nats", "--dir", dir.toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(1 + 51, Files.readAllLines(out).size());
    assertEquals(1, r.out().lines().count(), r.out());
    assertTrue(r.out().startsWith("import-nats: 3 architectures -> 51 rows written to " + out), r.out());
    assertEquals("", r.err());
  }

  @Test
  void importNatsExitCodes() throws IOException {
    Path dir = natsDir("nometa");
    Files.delete(dir.resolve(NATS_PREFIX + "meta.pickle.pbz2"));
    Path out = tmp.resolve("nats.csv");
    Run r = run("import-nats", "--dir", dir.toString(), "--out", out.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains(dir.resolve("meta.pickle.pbz2").toString()), r.err());
    assertFalse(Files.exists(out));

    r = run("import-nats", "--dir", tmp.resolve("absent").toString(), "--out", out.toString());
    assertEquals(1, r.exit());
    assertFalse(Files.exists(out));
  }

  @Test
  void nb201TablesFromTheNatsSamplesMatchTheReferenceTablesRows() throws IOException {
    Path seeds = tmp.resolve("nats.csv");
    assertEquals(0, run("import-nats", "--dir", natsDir("simple").toString(), "--out", seeds.toString()).exit());
    Path out = tmp.resolve("data");
    Run refused = run("nb201-tables", "--from", seeds.toString(), "--out-dir", out.toString());
    assertEquals(2, refused.exit());
    assertTrue(refused.err().contains(seeds + ": covers 3 of the 15625 NAS-Bench-201 architectures"), refused.err());
    assertFalse(Files.exists(out.resolve("nb201_200ep.csv")), "an incomplete table is not written by default");

    Run r = run("nb201-tables", "--from", seeds.toString(), "--out-dir", out.toString(), "--partial");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("nb201-tables: 51 per-seed rows -> 3 architectures written to "), r.out());
    // The means over the samples' seeds are the reference tables' values (written from NAS-Bench-201 v1.1) for
    // these three cells, column by column, in both schedules.
    for (String table : new String[] {"nb201_200ep.csv", "nb201_12ep.csv"}) {
      List<String> built = Files.readAllLines(out.resolve(table));
      Map<String, String> reference = new HashMap<>();
      List<String> refLines = TestPaths.readAllLines(TestPaths.requireData(table));
      assertEquals(refLines.get(0), built.get(0), table + " header");
      for (String line : refLines) reference.put(line.substring(0, line.indexOf(',')), line);
      assertEquals(4, built.size(), table);
      for (String line : built.subList(1, built.size())) {
        String[] b = line.split(",");
        String[] ref = reference.get(b[0]).split(",");
        assertEquals(ref.length, b.length, line);
        assertEquals(ref[1], b[1], table + " architecture " + b[0]);
        for (int c = 2; c < b.length; c++) {
          assertEquals(Double.parseDouble(ref[c]), Double.parseDouble(b[c]), 1e-6, table + " " + b[0] + " column " + c);
        }
      }
    }
  }

  @Test
  void nb201TablesNameTheLineOfABadRowAndWriteNothing() throws IOException {
    Path seeds = tmp.resolve("bad.csv");
    Files.writeString(seeds, NatsImporter.HEADER + "\n"
        + "0,|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,200,cifar100,777,10,10,10,1,1,1\n"
        + "0,|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,200,cifar1000,777,10,10,10,1,1,1\n");
    Path out = tmp.resolve("data");
    Run r = run("nb201-tables", "--from", seeds.toString(), "--out-dir", out.toString(), "--partial");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains(seeds + ", line 3, field 'dataset': expected one of"), r.err());
    // A well-formed file without every dataset: the first missing mean is named, and neither table is written.
    Files.writeString(seeds, NatsImporter.HEADER + "\n"
        + "0,|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,200,cifar100,777,10,10,10,1,1,1\n");
    r = run("nb201-tables", "--from", seeds.toString(), "--out-dir", out.toString(), "--partial");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("architecture 0 has no 200-epoch cifar10-valid train_acc"), r.err());
    assertFalse(Files.exists(out.resolve("nb201_200ep.csv")) || Files.exists(out.resolve("nb201_12ep.csv")));
  }

  private Path natsDir(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (String n : new String[] {"000000", "000011", "000284", "meta"}) {
      String file = NATS_PREFIX + n + ".pickle.pbz2";
      Files.copy(TestPaths.formatSample(file), dir.resolve(file));
    }
    return dir;
  }
}
