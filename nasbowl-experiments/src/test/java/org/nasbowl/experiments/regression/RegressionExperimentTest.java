package org.nasbowl.experiments.regression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;

class RegressionExperimentTest {
  private static RegressionExperiment.Settings settings(Path out, int jobs) {
    return new RegressionExperiment.Settings(List.of("synthetic"), List.of("gp-wl", "gp-vh"), List.of(10, 25, 50),
        100, List.of(0L, 1L), jobs, out, out, "test");
  }

  private static String stripTimes(String csv) {
    return csv.replaceAll(",[0-9.]+,[0-9.]+\n", "\n");
  }

  @Test
  void splitsAreNestedDisjointAndSharedBySurrogates() {
    SyntheticBenchmark b = new SyntheticBenchmark(0);
    List<Nb201Cell> table = b.architectures().toList();
    RegressionExperiment.Split<Nb201Cell> s = RegressionExperiment.split(b, table, 3, 100, 50);
    Set<String> test = new HashSet<>();
    for (Nb201Cell c : s.test()) test.add(c.archString());
    assertEquals(100, test.size());
    Set<String> train = new HashSet<>();
    for (Nb201Cell c : s.train()) {
      assertTrue(train.add(c.archString()));
      assertTrue(!test.contains(c.archString()), "train and test are disjoint");
    }
    RegressionExperiment.Split<Nb201Cell> again = RegressionExperiment.split(b, table, 3, 100, 50);
    assertEquals(s.test(), again.test());
    assertEquals(s.train(), again.train());
    assertEquals(SyntheticBenchmark.accuracy(s.train().get(7)), s.trainY()[7], 0);
  }

  @Test
  void resumableAndIndependentOfScheduling(@TempDir Path tmp) throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    PrintWriter log = new PrintWriter(new StringWriter());
    List<RegressionExperiment.Row> rows = RegressionExperiment.run(settings(a, 1), log);
    RegressionExperiment.run(settings(b, 2), log);
    assertEquals(2 * 2 * 3, rows.size());
    assertEquals(stripTimes(Files.readString(a.resolve("results.csv"))),
        stripTimes(Files.readString(b.resolve("results.csv"))));
    Path victim = a.resolve("rows/synthetic/gp-vh/seed-1.csv");
    Path kept = a.resolve("rows/synthetic/gp-wl/seed-0.csv");
    Files.setLastModifiedTime(kept, FileTime.fromMillis(5_000_000L));
    String before = stripTimes(Files.readString(a.resolve("results.csv")));
    Files.delete(victim);
    StringWriter out = new StringWriter();
    RegressionExperiment.run(settings(a, 2), new PrintWriter(out));
    assertTrue(out.toString().contains("4 tasks, 3 already done, 1 to run"), out.toString());
    assertEquals(FileTime.fromMillis(5_000_000L), Files.getLastModifiedTime(kept));
    assertEquals(before, stripTimes(Files.readString(a.resolve("results.csv"))));
    List<String> summary = Files.readAllLines(a.resolve("summary.csv"));
    assertEquals(1 + 2 * 3, summary.size());
    assertTrue(Files.readString(a.resolve("data_efficiency.csv")).startsWith("benchmark,surrogate,reference_n"));
  }

  @Test
  void dataEfficiencyInterpolatesOnLogN() {
    TreeMap<Integer, List<RegressionExperiment.Row>> by = new TreeMap<>();
    by.put(10, List.of(row(10, 0.5)));
    by.put(40, List.of(row(40, 0.7)));
    by.put(160, List.of(row(160, 0.9)));
    // 0.8 lies halfway between 40 and 160 in value, so halfway in log n: 80.
    assertEquals(80, Summaries.nNeeded(by, 0.8), 1e-9);
    assertEquals(10, Summaries.nNeeded(by, 0.3), 0);
    assertTrue(Double.isInfinite(Summaries.nNeeded(by, 0.95)));
  }

  private static RegressionExperiment.Row row(int n, double rho) {
    return new RegressionExperiment.Row("b", "s", n, 0, rho, 0, 0, Double.NaN, 0, 0);
  }

}
