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
    assertEquals("benchmark,method,seed,queries,final_regret,final_oracle_regret,best_valid,seconds", summary.get(0));
    assertEquals(13, summary.size(), "one row per run, no duplicates");
    assertTrue(Files.exists(a.resolve("provenance.json")) && Files.exists(a.resolve("aggregate.csv")));
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

  @Test
  void seedSpecifications() {
    assertEquals(List.of(0L, 1L, 2L, 7L), NasExperiment.parseSeeds("0-2,7"));
    assertThrows(IllegalArgumentException.class, () -> NasExperiment.parseSeeds("a-b"));
    assertThrows(IllegalArgumentException.class, () -> NasExperiment.parseSeeds("5-2"));
  }
}
