package org.nasbowl.experiments.nas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;

class NasExperimentTest {
  private static final List<String> METHODS = List.of("nasbowl-m", "random", "evolution", "local");

  private static NasExperiment.Settings settings(Path out, int jobs, int budget) {
    return new NasExperiment.Settings(List.of("synthetic"), METHODS, List.of(0L, 1L, 2L), budget, jobs,
        out.resolve("no-data"), out, "test");
  }

  private static Map<String, String> traces(Path out) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (var files = Files.walk(out.resolve("traces"))) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        // Drop timing fields, which legitimately differ between runs.
        String content = Files.readString(p).replaceAll("\"(elapsed_s|surrogate_s|seconds)\":[0-9.eE-]+", "");
        m.put(out.relativize(p).toString(), content);
      }
    }
    return m;
  }

  @Test
  void resultsDependOnSeedsNotSchedulingAndResumeRecomputesOnlyWhatIsMissing(@TempDir Path tmp) throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    PrintWriter log = new PrintWriter(new StringWriter());
    List<Trace> ta = NasExperiment.run(settings(a, 1, 40), log);
    NasExperiment.run(settings(b, 2, 40), log);
    assertEquals(12, ta.size());
    assertEquals(traces(a), traces(b), "same seeds give identical runs whatever the scheduling");

    // Simulate a kill: one run's trace is missing. Restarting recomputes exactly that run.
    Path victim = a.resolve("traces/synthetic/random/seed-1.jsonl");
    Map<String, String> before = traces(a);
    Files.delete(victim);
    Path untouched = a.resolve("traces/synthetic/nasbowl-m/seed-0.jsonl");
    FileTime stamp = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(untouched, stamp);
    StringWriter out = new StringWriter();
    NasExperiment.run(settings(a, 2, 40), new PrintWriter(out));
    assertTrue(out.toString().contains("12 runs in the grid, 11 already done, 1 to run"), out.toString());
    assertEquals(stamp, Files.getLastModifiedTime(untouched), "finished runs are not rewritten");
    assertEquals(before, traces(a));
    List<String> summary = Files.readAllLines(a.resolve("summary.csv"));
    assertEquals("benchmark,method,seed,queries,final_regret,final_oracle_regret,best_valid,seconds,final_valid_regret,"
        + "recommended_regret,failed",
        summary.get(0));
    assertEquals(13, summary.size(), "one row per run, no duplicates");
    // The synthetic benchmark's objective is its metric: validation regret equals test regret in every run.
    for (String row : summary.subList(1, summary.size())) {
      String[] f = row.split(",");
      assertEquals(Double.parseDouble(f[4]), Double.parseDouble(f[8]), 1e-12, row);
    }
    assertTrue(Files.exists(a.resolve("provenance.json")) && Files.exists(a.resolve("aggregate.csv")));
  }

  /**
   * Under noise and a planted failure region every regret is on noiseless values: the recommendation's, the best
   * observation's; failed queries are counted; a model-free method recommends its best observation; and resuming
   * with another objective is refused.
   */
  @Test
  void noisyAndFailingGridsMeasureRegretOnNoiselessValuesAndCountFailures(@TempDir Path tmp) throws Exception {
    var mods = new org.nasbowl.experiments.benchmark.ModifiedBenchmark.Modifiers(1.0, "avg_pool_3x3", null);
    NasExperiment.Settings s = new NasExperiment.Settings(List.of("synthetic"), List.of("nasbowl-m", "random"),
        List.of(0L, 1L), 40, 2, tmp.resolve("no-data"), tmp, "test").with(mods);
    List<Trace> traces = NasExperiment.run(s, new PrintWriter(new StringWriter()));
    SyntheticBenchmark base = new SyntheticBenchmark(0);
    var bench = mods.apply(base);
    double optimum = bench.bestValidationAccuracy();
    assertTrue(optimum <= base.bestValidationAccuracy());
    Map<String, String[]> rows = new TreeMap<>();
    for (String row : Files.readAllLines(tmp.resolve("summary.csv")).subList(1, 5)) {
      String[] f = row.split(",");
      rows.put(f[1] + "/" + f[2], f);
    }
    for (Trace t : traces) {
      assertEquals("noise=1.0;fail-if=avg_pool_3x3", t.objective());
      long failed = t.queries().stream().filter(q -> q.failure() != null).count();
      assertTrue(t.queries().stream().filter(q -> q.failure() != null)
          .allMatch(q -> q.architecture().contains("avg_pool_3x3")));
      String[] f = rows.get(t.method() + "/" + t.seed());
      assertEquals(failed, Long.parseLong(f[10]));
      QueryRecord last = t.queries().get(t.queries().size() - 1);
      // The best observation's noiseless value, looked up again; the noisy best is another number.
      String bestKey = t.queries().stream().filter(q -> q.failure() == null)
          .max(java.util.Comparator.comparingDouble(QueryRecord::valid)).orElseThrow().architecture();
      double bestTrue = base.noiseless(base.space().parse(bestKey)).validationAccuracy();
      assertEquals(bestTrue, last.bestValidTrue(), 1e-12);
      assertEquals(optimum - bestTrue, Double.parseDouble(f[8]), 1e-6);
      double recTrue = base.noiseless(base.space().parse(last.recommended())).validationAccuracy();
      assertEquals(optimum - recTrue, Double.parseDouble(f[9]), 1e-6);
      if (t.method().equals("random")) assertEquals(bestKey, last.recommended(), "model-free: the best observation");
      for (QueryRecord q : t.queries()) {
        if (q.failure() != null) continue;
        assertEquals(base.noiseless(base.space().parse(q.architecture())).validationAccuracy(), q.validTrue(), 1e-12);
      }
    }
    assertTrue(traces.stream().anyMatch(t -> t.queries().stream().anyMatch(q -> q.valid() != q.validTrue())),
        "the optimiser saw noisy values");
    List<String> rec = Files.readAllLines(tmp.resolve("recommendation.csv"));
    assertEquals("benchmark,method,query,pairs,mean_recommended_regret,mean_observed_regret,mean_diff,se_diff",
        rec.get(0));
    assertTrue(rec.stream().anyMatch(r -> r.startsWith("synthetic,random,40,2,") && r.endsWith(",0.000000,0.000000")),
        rec.toString());
    IllegalStateException other = assertThrows(IllegalStateException.class, () -> NasExperiment.run(
        s.with(org.nasbowl.experiments.benchmark.ModifiedBenchmark.Modifiers.none()),
        new PrintWriter(new StringWriter())));
    assertTrue(other.getMessage().contains("noise=1.0;fail-if=avg_pool_3x3"), other.getMessage());
  }

  @Test
  void aDifferentBudgetInTheSameDirectoryIsRefused(@TempDir Path tmp) throws Exception {
    PrintWriter log = new PrintWriter(new StringWriter());
    NasExperiment.run(new NasExperiment.Settings(List.of("synthetic"), List.of("random"), List.of(0L), 20, 1,
        tmp, tmp, "test"), log);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> NasExperiment.run(
        new NasExperiment.Settings(List.of("synthetic"), List.of("random"), List.of(0L), 30, 1, tmp, tmp, "test"), log));
    assertTrue(e.getMessage().contains("budget 20"), e.getMessage());
  }

  @Test
  void regretBookkeepingIsConsistent() {
    SyntheticBenchmark bench = new SyntheticBenchmark(0.02);
    List<QueryRecord> qs = BenchmarkRun.run(bench, Methods.factory("evolution", false, false), 4,
        BenchmarkRun.Schedule.defaults(80), null);
    assertEquals(80, qs.size());
    double bestValid = Double.NEGATIVE_INFINITY;
    double testOfBest = Double.NaN;
    double bestTest = Double.NEGATIVE_INFINITY;
    for (QueryRecord q : qs) {
      if (q.valid() > bestValid) {
        bestValid = q.valid();
        testOfBest = q.test();
      }
      bestTest = Math.max(bestTest, q.test());
      assertEquals(bestValid, q.bestValid(), 0);
      assertEquals(bench.bestRegretMetric() - testOfBest, q.regret(), 1e-12);
      assertEquals(bench.bestRegretMetric() - bestTest, q.oracleRegret(), 1e-12);
      assertTrue(q.oracleRegret() <= q.regret() + 1e-12);
    }
    assertEquals(80, qs.stream().map(QueryRecord::key).distinct().count());
  }

  /** A 17-query trace (batches: 10 at 0 observations, 5 at 10, 2 at 15) with the given per-batch ask shares. */
  private static Trace tinyTrace(long seed, double[] regret, double[] oracle, double[] askShare) {
    List<QueryRecord> qs = new java.util.ArrayList<>();
    for (int q = 0; q < 17; q++) {
      int batch = q < 10 ? 0 : q < 15 ? 1 : 2;
      qs.add(new QueryRecord(q + 1, "a" + q, "a" + q, 0.5, 0.5, 0.5, 0.5, regret[Math.min(q, regret.length - 1)],
          oracle[Math.min(q, oracle.length - 1)], q, askShare[batch], null));
    }
    return new Trace("bench", "m", seed, 17, "test accuracy", qs, 1.0);
  }

  @Test
  void curvesAndCostAreMeansAndMediansOverTheTraces(@TempDir Path tmp) throws Exception {
    // Seed 0: regret 0.3 at query 1, then 0.2; oracle 0.2 then 0.1. Seed 1: regret 0.1 then 0.0; oracle 0.2 then 0.
    // Seed 0's two last batches record the same ask share (0.02), which only the schedule (5, then 2) separates.
    Trace a = tinyTrace(0, new double[] {0.3, 0.2}, new double[] {0.2, 0.1}, new double[] {0.001, 0.02, 0.02});
    Trace b = tinyTrace(1, new double[] {0.1, 0.0}, new double[] {0.2, 0.0}, new double[] {0.001, 0.06, 0.1});
    // The benchmark's best validation accuracy is 0.8 and both runs' best is 0.5: validation regret 0.3 +- 0.
    NasExperiment.writeSummaries(tmp, List.of(a, b), java.util.Map.of("bench", 0.8));

    List<String> curves = Files.readAllLines(tmp.resolve("curves.csv"));
    assertEquals("benchmark,method,query,runs,mean_regret,se_regret,mean_oracle_regret,se_oracle_regret,"
        + "mean_valid_regret,se_valid_regret,mean_recommended_regret,se_recommended_regret", curves.get(0));
    assertEquals(1 + 17, curves.size(), "one row per query");
    // Query 1: regret mean (0.3 + 0.1) / 2 = 0.2, s.e. = sd / sqrt(2) = sqrt(0.02) / sqrt(2) = 0.1; oracle 0.2 +- 0.
    assertEquals("bench,m,1,2,0.200000,0.100000,0.200000,0.000000,0.300000,0.000000,,", curves.get(1));
    // Query 2 onwards: regret (0.2 + 0.0) / 2 = 0.1 +- 0.1; oracle (0.1 + 0) / 2 = 0.05 +- 0.05.
    assertEquals("bench,m,2,2,0.100000,0.100000,0.050000,0.050000,0.300000,0.000000,,", curves.get(2));
    assertEquals("bench,m,17,2,0.100000,0.100000,0.050000,0.050000,0.300000,0.000000,,", curves.get(17));
    List<String> aggregate = Files.readAllLines(tmp.resolve("aggregate.csv"));
    assertTrue(aggregate.get(0).endsWith(",regret_metric,mean_final_valid_regret,se_final_valid_regret,"
        + "mean_recommended_regret,se_recommended_regret,mean_failed"));
    assertTrue(aggregate.get(1).endsWith(",test accuracy,0.300000,0.000000,,,0.000000"), aggregate.get(1));
    // Traces without a recommendation (model-free, or written before recommendations) leave it empty; no query failed.
    String summary = Files.readAllLines(tmp.resolve("summary.csv")).get(1);
    assertTrue(summary.endsWith(",0.300000,,0"), summary);
    // Without the benchmark's optimum the validation regret is left empty, never guessed.
    NasExperiment.writeSummaries(tmp, List.of(a, b));
    String noOptimum = Files.readAllLines(tmp.resolve("curves.csv")).get(1);
    assertTrue(noOptimum.endsWith(",0.000000,,,,"), noOptimum);

    List<String> cost = Files.readAllLines(tmp.resolve("cost.csv"));
    // At 10 observations: seed 0 asks 5 x 0.02 = 0.1 s, seed 1 5 x 0.06 = 0.3 s, median 0.2 s.
    // At 15: seed 0 2 x 0.02 = 0.04 s, seed 1 2 x 0.1 = 0.2 s, median 0.12 s. The random initial batch is no
    // BO iteration and has no row.
    assertEquals(List.of("benchmark,method,observations,median_iteration_s", "bench,m,10,0.200000",
        "bench,m,15,0.120000"), cost);
  }

  /**
   * NAS-BOWL with an initial design of 3 under the 10-then-5 schedule: asks return 3, then 31 batches of 5, then
   * 2 (160 = 3 + 155 + 2). Ask k's time is recorded as its per-query share; the last full iteration is the 5-batch
   * at 153 observations, not the 2-batch's share times 5.
   */
  @Test
  void theLastIterationIsTheLastFullBatchAsk() {
    List<QueryRecord> qs = new java.util.ArrayList<>();
    int q = 0;
    List<int[]> asks = new java.util.ArrayList<>(); // {size, milliseconds}
    asks.add(new int[] {3, 1});
    for (int k = 0; k < 31; k++) asks.add(new int[] {5, 10 + k});
    asks.add(new int[] {2, 50});
    for (int[] a : asks) {
      for (int i = 0; i < a[0]; i++) {
        q++;
        qs.add(new QueryRecord(q, "a" + q, "a" + q, 0.5, 0.5, 0.5, 0.5, 0.1, 0.1, q, a[1] / 1000.0 / a[0], null));
      }
    }
    Trace t = new Trace("bench", "m", 0, 160, "test accuracy", qs, 1.0);
    assertEquals(160, q);
    List<double[]> its = NasExperiment.iterations(t);
    assertEquals(33, its.size());
    assertEquals(153, its.get(31)[0]);
    assertEquals(5, its.get(31)[2]);
    assertEquals(0.040, NasExperiment.lastIterationSeconds(t), 1e-12, "the 5-batch asked at 153 observations");
    assertEquals(0.050, its.get(32)[1], 1e-12, "the final 2-batch's whole ask, not 2.5 times it");
  }

  @Test
  void seedSpecifications() {
    assertEquals(List.of(0L, 1L, 2L, 7L), NasExperiment.parseSeeds("0-2,7"));
    assertThrows(IllegalArgumentException.class, () -> NasExperiment.parseSeeds("a-b"));
    assertThrows(IllegalArgumentException.class, () -> NasExperiment.parseSeeds("5-2"));
  }

  /** A 120-query trace whose best validation accuracy is best[0] up to query 50, best[1] to 100, best[2] after. */
  private static Trace validTrace(String bench, String method, long seed, double... best) {
    List<QueryRecord> qs = new java.util.ArrayList<>();
    for (int q = 1; q <= 120; q++) {
      double b = best[q <= 50 ? 0 : q <= 100 ? 1 : 2];
      qs.add(new QueryRecord(q, "a" + q, "a" + q, b, b, b, b, 0.1, 0.1, q, 0.001, null));
    }
    return new Trace(bench, method, seed, 120, "test accuracy", qs, 1.0);
  }

  @Test
  void pairedDifferencesAreVariantMinusBaselinePerSeedAndOverTables(@TempDir Path tmp) throws Exception {
    List<Trace> traces = List.of(
        validTrace("b1", "base", 0, 0.80, 0.85, 0.90), validTrace("b1", "base", 1, 0.70, 0.80, 0.90),
        validTrace("b1", "v", 0, 0.82, 0.85, 0.88), validTrace("b1", "v", 1, 0.70, 0.84, 0.90),
        validTrace("b2", "base", 0, 0.5, 0.5, 0.5), validTrace("b2", "base", 1, 0.5, 0.5, 0.5),
        validTrace("b2", "v", 0, 0.6, 0.6, 0.6), validTrace("b2", "v", 1, 0.5, 0.5, 0.5),
        validTrace("b1", "w", 0, 0.80, 0.85, 0.90), validTrace("b1", "w", 1, 0.70, 0.80, 0.90),
        validTrace("b1", "w", 2, 0.99, 0.99, 0.99));
    NasExperiment.writePaired(tmp, traces, "base");
    List<String> rows = Files.readAllLines(tmp.resolve("paired.csv"));
    assertEquals("benchmark,method,baseline,query,benchmarks,pairs,mean_diff_valid_regret,se_diff_valid_regret",
        rows.get(0));
    // b1, v - base in validation regret = base's best - v's best. Query 50: seed 0 0.80 - 0.82 = -0.02, seed 1 0:
    // mean -0.01, s.e. |a - b| / 2 = 0.01. Query 100: 0 and -0.04. Query 120 (the last): +0.02 and 0.
    assertTrue(rows.contains("b1,v,base,50,1,2,-0.010000,0.010000"), rows.toString());
    assertTrue(rows.contains("b1,v,base,100,1,2,-0.020000,0.020000"), rows.toString());
    assertTrue(rows.contains("b1,v,base,120,1,2,0.010000,0.010000"), rows.toString());
    // b2: seed 0 -0.1 at every query, seed 1 0: mean -0.05 +- 0.05.
    assertTrue(rows.contains("b2,v,base,50,1,2,-0.050000,0.050000"), rows.toString());
    // Over both tables per seed: seed 0 (-0.02 + 0 + 0.02 - 0.3) / 6 = -0.05, seed 1 -0.04 / 6; mean -0.028333,
    // s.e. |-0.05 + 0.006667| / 2 = 0.021667.
    assertTrue(rows.contains("all,v,base,mean,2,2,-0.028333,0.021667"), rows.toString());
    // w ran on b1 only, identical to the baseline; its seed 2 has no baseline run and is left out.
    assertTrue(rows.contains("all,w,base,mean,1,2,0.000000,0.000000"), rows.toString());
    assertTrue(rows.stream().noneMatch(r -> r.contains(",base,base,")), "no row compares the baseline with itself");
    assertEquals(1 + 3 + 3 + 1 + 3 + 1, rows.size(), rows.toString());
  }
}
