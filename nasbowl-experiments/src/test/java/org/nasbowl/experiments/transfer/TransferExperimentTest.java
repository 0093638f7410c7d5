package org.nasbowl.experiments.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.kernel.WlSubtreeLabels;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.experiments.benchmark.Nb201Benchmark;
import org.nasbowl.experiments.benchmark.Nb201Task;
import org.nasbowl.experiments.cli.NasbowlCli;
import org.nasbowl.experiments.nas.QueryRecord;
import org.nasbowl.experiments.nas.Trace;
import picocli.CommandLine;

class TransferExperimentTest {
  private static final int TARGET_BUDGET = 25;
  private static final double TOL = 1e-6;

  /** Runs the CLI; returns exit code, stdout and stderr. */
  private static Object[] cli(String... args) {
    CommandLine cl = NasbowlCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Object[] {code, out.toString(), err.toString()};
  }

  private static String[] smallRun(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("transfer", "--source", "synthetic", "--targets", "synthetic",
        "--seeds", "0-1", "--source-initial", "20", "--source-budget", "40", "--target-initial", "10",
        "--target-budget", Integer.toString(TARGET_BUDGET), "--small-initial", "5", "--jobs", "2", "--data-dir", out.resolve("no-data").toString(),
        "--out", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(String[]::new);
  }

  /** Every output file's content, timing fields of traces removed. */
  private static Map<String, String> outputs(Path out) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (var files = Files.walk(out)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        if (p.getFileName().toString().equals("provenance.json")) continue;
        m.put(out.relativize(p).toString(),
            Files.readString(p).replaceAll("\"(elapsed_s|surrogate_s|seconds)\":[0-9.eE-]+", ""));
      }
    }
    return m;
  }

  @Test
  void endToEndOnTheSyntheticBenchmarkWithResume(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("transfer");
    Object[] first = cli(smallRun(out));
    assertEquals(0, first[0], (String) first[2]);
    assertTrue(((String) first[2]).contains("12 runs"), (String) first[2]);
    assertTrue(((String) first[1]).contains("restricted"), (String) first[1]);

    // curves.csv: exactly the promised columns, one row per query per variant, two runs each.
    List<String> curves = Files.readAllLines(out.resolve("curves.csv"));
    assertEquals("target,variant,query,runs,mean_regret,se_regret", curves.get(0));
    assertEquals(1 + 5 * TARGET_BUDGET, curves.size());
    for (String variant : List.of("restricted", "mixed", "restricted-small", "unrestricted", "unrestricted-small")) {
      Trace t0 = Trace.read(out.resolve("traces/synthetic/" + variant + "/seed-0.jsonl"));
      Trace t1 = Trace.read(out.resolve("traces/synthetic/" + variant + "/seed-1.jsonl"));
      List<String> rows = curves.stream().filter(l -> l.startsWith("synthetic," + variant + ",")).toList();
      assertEquals(TARGET_BUDGET, rows.size());
      for (int q = 1; q <= TARGET_BUDGET; q++) {
        String[] f = rows.get(q - 1).split(",", -1);
        assertEquals(q, Integer.parseInt(f[2]));
        assertEquals(2, Integer.parseInt(f[3]));
        double a = t0.queries().get(q - 1).regret();
        double b = t1.queries().get(q - 1).regret();
        // Two values: mean (a + b) / 2; sample sd |a - b| / sqrt(2), so s.e. = sd / sqrt(2) = |a - b| / 2.
        assertEquals((a + b) / 2, Double.parseDouble(f[4]), TOL);
        assertEquals(Math.abs(a - b) / 2, Double.parseDouble(f[5]), TOL);
      }
    }

    // Restricted runs only query architectures containing one of their seed's good motifs; the mixed runs query
    // some without one (the synthetic restriction keeps part of the space, and half the draws ignore it).
    int mixedOutside = 0;
    for (long seed : List.of(0L, 1L)) {
      List<Motif> motifs = GoodMotifs.readMotifs(out.resolve("motifs/seed-" + seed + ".csv"));
      assertFalse(motifs.isEmpty());
      Nb201Space space = new Nb201Space();
      for (String v : List.of("restricted", "restricted-small", "mixed")) {
        for (QueryRecord q : Trace.read(out.resolve("traces/synthetic/" + v + "/seed-" + seed + ".jsonl")).queries()) {
          LabelledDag g = Nb201Space.encodeCell(space.parse(q.architecture()));
          boolean has = motifs.stream().anyMatch(m -> WlSubtreeLabels.count(g, m.label(), m.depth()) > 0);
          if (v.equals("mixed")) mixedOutside += has ? 0 : 1;
          else assertTrue(has, v + " " + q.architecture());
        }
      }
    }
    assertTrue(mixedOutside > 0, "the mixed variant also queries architectures without a good motif");

    // paired.csv: the paired difference at query 10 and at the final query, by hand from the traces.
    List<String> paired = Files.readAllLines(out.resolve("paired.csv"));
    assertEquals("target,variant,baseline,metric,query,runs,mean_diff,se_diff,lower,level,higher", paired.get(0));
    assertEquals(1 + 5 * 2 * 1, paired.size(), "5 pairs x 2 metrics x the final query (budget 25 < 50)");
    String[] row = paired.stream().filter(l -> l.startsWith("synthetic,restricted-small,unrestricted-small,test,"))
        .findFirst().orElseThrow().split(",", -1);
    assertEquals(TARGET_BUDGET, Integer.parseInt(row[4]));
    double[] d = new double[2];
    for (int seed = 0; seed < 2; seed++) {
      d[seed] = Trace.read(out.resolve("traces/synthetic/restricted-small/seed-" + seed + ".jsonl")).last().regret()
          - Trace.read(out.resolve("traces/synthetic/unrestricted-small/seed-" + seed + ".jsonl")).last().regret();
    }
    assertEquals((d[0] + d[1]) / 2, Double.parseDouble(row[6]), TOL);
    assertEquals(Math.abs(d[0] - d[1]) / 2, Double.parseDouble(row[7]), TOL);
    int lower = 0;
    for (double x : d) if (x < -1e-12) lower++;
    assertEquals(lower, Integer.parseInt(row[8]));

    List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals("target,variant,runs,mean_final_regret,se_final_regret,kept_fraction,keeps_optimum,mean_good_motifs",
        summary.get(0));
    assertEquals(6, summary.size());
    String[] restricted = summary.get(1).split(",", -1);
    assertEquals("restricted", restricted[1]);
    assertEquals("2", restricted[2]);
    double kept = Double.parseDouble(restricted[5]);
    assertTrue(kept > 0 && kept < 1, "kept fraction " + kept);
    assertEquals(3, Files.readAllLines(out.resolve("restriction.csv")).size());
    assertTrue(Files.exists(out.resolve("provenance.json")));

    // Second run of the same command: nothing is rerun, nothing appended, same outputs.
    Map<String, String> before = outputs(out);
    Path trace = out.resolve("traces/synthetic/unrestricted/seed-1.jsonl");
    FileTime stamp = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(trace, stamp);
    Object[] second = cli(smallRun(out));
    assertEquals(0, second[0], (String) second[2]);
    assertTrue(((String) second[2]).contains("12 already done, 0 to run"), (String) second[2]);
    assertEquals(stamp, Files.getLastModifiedTime(trace), "finished runs are not rewritten");
    assertEquals(before, outputs(out));

    // A killed run: a restricted trace and the motifs of its seed are missing; only that run is redone, identically.
    Files.delete(out.resolve("traces/synthetic/restricted/seed-0.jsonl"));
    Files.delete(out.resolve("motifs/seed-0.csv"));
    Object[] third = cli(smallRun(out));
    assertEquals(0, third[0], (String) third[2]);
    assertTrue(((String) third[2]).contains("11 already done, 1 to run"), (String) third[2]);
    assertEquals(before, outputs(out));

    // Changing what shapes the runs in the same directory is refused.
    Object[] changed = cli(smallRun(out, "--percentile", "50"));
    assertEquals(2, changed[0]);
    assertTrue(((String) changed[2]).contains("percentile"), (String) changed[2]);
  }

  @Test
  void aMotifFilterThatKeepsNothingFailsClearlyAndWritesNothing(@TempDir Path tmp) throws Exception {
    Path motifs = tmp.resolve("motifs.csv");
    Files.writeString(motifs, "motif,depth\n\"nor_conv_3x3(input)\",1\n");
    Path out = tmp.resolve("out");
    Object[] r = cli("transfer", "--targets", "synthetic", "--seeds", "0-1", "--motifs", motifs.toString(),
        "--data-dir", tmp.resolve("no-data").toString(), "--out", out.toString());
    assertNotEquals(0, r[0]);
    String err = (String) r[2];
    assertTrue(err.contains("keeps nothing") && err.contains("nor_conv_3x3(input)") && err.contains("synthetic"), err);
    assertFalse(Files.exists(out), "no output directory");
  }

  @Test
  void givenMotifsApplyToEverySeed(@TempDir Path tmp) throws Exception {
    Path motifs = tmp.resolve("motifs.csv");
    Files.writeString(motifs, "motif,depth,cell\n\"nor_conv_3x3(nor_conv_3x3)\",1,0\n");
    Path out = tmp.resolve("out");
    Object[] r = cli("transfer", "--targets", "synthetic", "--seeds", "3", "--motifs", motifs.toString(),
        "--target-initial", "10", "--target-budget", "20", "--data-dir", tmp.resolve("no-data").toString(),
        "--out", out.toString());
    assertEquals(0, r[0], (String) r[2]);
    assertFalse(Files.exists(out.resolve("traces/source")), "no source search with given motifs");
    int hand = 0;
    for (int k = 0; k < Nb201Space.SIZE; k++) {
      if (WlSubtreeLabels.count(Nb201Space.encodeCell(org.nasbowl.core.space.nb201.Nb201Cell.fromOrdinal(k)),
          "nor_conv_3x3(nor_conv_3x3)", 1) > 0) hand++;
    }
    List<String> restriction = Files.readAllLines(out.resolve("restriction.csv"));
    assertEquals("synthetic,3,1," + hand + ",15625," + String.format(java.util.Locale.ROOT, "%.6f", hand / 15625.0)
        + ",true", restriction.get(1));
  }

  @Test
  void theTargetOptimumIsFoundAndItsRetentionCheckedOnNasBench201() {
    Path dir = TestPaths.requireData(Nb201Benchmark.TABLE_200).getParent();
    Nb201Benchmark b = Nb201Benchmark.load(dir, Nb201Task.CIFAR100, 200);
    java.util.Set<String> optimum = TransferExperiment.optimumKeys(b);
    assertFalse(optimum.isEmpty());
    double best = b.architectures().mapToDouble(a -> b.query(a, new java.util.SplittableRandom(0)).testAccuracy()
        .getAsDouble()).max().getAsDouble();
    assertEquals(best, b.bestRegretMetric(), 0);
    for (String k : optimum) {
      assertEquals(best, b.query(b.space().parse(k), new java.util.SplittableRandom(0)).testAccuracy().getAsDouble(), 0);
    }
    // A restriction to the motifs of an optimum keeps it; one to a motif it lacks, only if another optimum has it.
    String k = optimum.iterator().next();
    LabelledDag g = Nb201Space.encodeCell(b.space().parse(k));
    String[][] labels = WlSubtreeLabels.compute(g, 1);
    MotifRestrictedSpace<org.nasbowl.core.space.nb201.Nb201Cell> own =
        new MotifRestrictedSpace<>(b.space(), List.of(new Motif(0, 1, labels[1][1])));
    assertTrue(own.keepsKey(k));
    MotifRestrictedSpace<org.nasbowl.core.space.nb201.Nb201Cell> pools =
        new MotifRestrictedSpace<>(b.space(), List.of(new Motif(0, 1, "avg_pool_3x3(avg_pool_3x3)")));
    assertEquals(optimum.stream().anyMatch(o -> WlSubtreeLabels.count(Nb201Space.encodeCell(b.space().parse(o)),
        "avg_pool_3x3(avg_pool_3x3)", 1) > 0), optimum.stream().anyMatch(pools::keepsKey));
  }

  @Test
  void badOptionsAreUsageErrors(@TempDir Path tmp) {
    Path out = tmp.resolve("out");
    for (String[] bad : List.of(
        new String[] {"--percentile", "120"},
        new String[] {"--target-budget", "5", "--target-initial", "10"},
        new String[] {"--method", "magic"},
        new String[] {"--targets", "nb999"})) {
      List<String> a = new ArrayList<>(List.of("transfer", "--source", "synthetic", "--targets", "synthetic",
          "--data-dir", tmp.toString(), "--out", out.toString()));
      a.addAll(List.of(bad));
      Object[] r = cli(a.toArray(String[]::new));
      assertEquals(2, r[0], String.join(" ", bad) + ": " + r[2]);
      assertFalse(Files.exists(out));
    }
  }

  /**
   * The transfer protocol's initial design (the original's 200) is NAS-BOWL's own initial design: the first ask
   * returns all of it, not only the default design of {@code NasBowlConfig.INITIAL}; other methods are untouched.
   */
  @Test
  void nasBowlsInitialDesignIsTheSchedulesFirstBatch() {
    Nb201Space space = new Nb201Space();
    assertEquals(200, TransferExperiment.factory("nasbowl-m", null, 200, true, false).create(space, 3).ask(200).size());
    assertEquals(20, TransferExperiment.factory("nasbowl-m", 2, 20, true, false).create(space, 3).ask(200).size());
    assertEquals(org.nasbowl.core.bo.NasBowlConfig.INITIAL,
        org.nasbowl.experiments.nas.Methods.factory("nasbowl-m", true, false).create(space, 3).ask(200).size());
    assertEquals(200, TransferExperiment.factory("random", null, 20, true, false).create(space, 3).ask(200).size());
  }
}
