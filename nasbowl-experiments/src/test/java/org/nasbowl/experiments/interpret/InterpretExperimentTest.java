package org.nasbowl.experiments.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;

class InterpretExperimentTest {
  private static MotifReport.Row row(int rank) {
    return new MotifReport.Row(rank, "m" + rank, 1, 0, 10 - rank, 10, 0.5);
  }

  @Test
  void splitTakesTheEndsOfTheRankingAndSwapsThemForTheOriginalsScore() {
    List<MotifReport.Row> rows = new ArrayList<>();
    for (int r = 1; r <= 8; r++) rows.add(row(r));
    var ag = InterpretExperiment.split(rows, 0.25, MotifReport.Variant.AVERAGE_GRADIENT);
    assertEquals(List.of(row(1), row(2)), ag.good());
    assertEquals(List.of(row(7), row(8)), ag.bad());
    var orig = InterpretExperiment.split(rows, 0.25, MotifReport.Variant.ORIGINAL);
    assertEquals(List.of(row(7), row(8)), orig.good());
    assertEquals(List.of(row(1), row(2)), orig.bad());
    // At least one motif at each end, never overlapping.
    assertEquals(1, InterpretExperiment.split(rows.subList(0, 3), 0.1, MotifReport.Variant.AVERAGE_GRADIENT).good().size());
    assertEquals(1, InterpretExperiment.split(rows.subList(0, 2), 0.5, MotifReport.Variant.AVERAGE_GRADIENT).bad().size());
  }

  @Test
  void quantilesInterpolateLinearly() {
    double[] v = {1, 2, 3, 4};
    assertEquals(1.75, InterpretExperiment.quantile(v, 0.25), 1e-12);
    assertEquals(2.5, InterpretExperiment.quantile(v, 0.5), 1e-12);
    assertEquals(3.25, InterpretExperiment.quantile(v, 0.75), 1e-12);
    assertTrue(Double.isNaN(InterpretExperiment.quantile(new double[0], 0.5)));
  }

  private static InterpretExperiment.Settings settings(Path out) {
    return new InterpretExperiment.Settings(List.of("synthetic"), null, List.of(), List.of(0L, 1L), 40, "nasbowl-m",
        List.of(0.25, 0.1), 5, 20000, out, out, "test");
  }

  @Test
  void validationGroupsAreTheHeldOutArchitecturesContainingTheMotifsAndRunsResume(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("interp");
    InterpretExperiment.run(settings(out), new PrintWriter(new StringWriter()));
    List<String> lines = Files.readAllLines(out.resolve("validation.csv"));
    assertEquals(1 + 2 * 2 * 2, lines.size(), "variants x fractions x seeds");
    String[] header = lines.get(0).split(",");
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.length; i++) col.put(header[i], i);
    String[] first = lines.get(1).split(",");
    assertEquals("ag", first[col.get("variant")]);
    assertEquals("0", first[col.get("seed")]);

    // Recompute seed 0's average-gradient groups at fraction 0.25 from its ranking and queried keys.
    Path dir = out.resolve("runs/synthetic/seed-0");
    Set<String> queried = new HashSet<>(Files.readAllLines(dir.resolve("queried.txt")));
    List<MotifReport.Row> ranking = MotifReport.readCsv(dir.resolve("motifs-ag.csv"));
    var split = InterpretExperiment.split(ranking, 0.25, MotifReport.Variant.AVERAGE_GRADIENT);
    SyntheticBenchmark b = new SyntheticBenchmark(0);
    List<Double> good = new ArrayList<>();
    int all = 0;
    for (int k = 0; k < 15625; k++) {
      Nb201Cell c = Nb201Cell.fromOrdinal(k);
      if (queried.contains(b.space().key(c))) continue;
      all++;
      boolean hasGood = false;
      for (MotifReport.Row r : split.good()) hasGood |= MotifReport.contains(b.space(), c, r);
      if (hasGood) good.add(SyntheticBenchmark.accuracy(c));
    }
    assertEquals(15625 - queried.size(), all);
    assertEquals(all, Integer.parseInt(first[col.get("n_all")]));
    assertEquals(good.size(), Integer.parseInt(first[col.get("n_good")]));
    double[] g = good.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    assertEquals(InterpretExperiment.quantile(g, 0.5), Double.parseDouble(first[col.get("median_good")]), 1e-6);

    // Every density integrates to one.
    Map<String, Double> mass = new HashMap<>();
    for (String l : Files.readAllLines(out.resolve("histograms.csv")).subList(1, 151)) {
      String[] f = l.split(",");
      mass.merge(f[1], (Double.parseDouble(f[3]) - Double.parseDouble(f[2])) * Double.parseDouble(f[4]), Double::sum);
    }
    for (double m : mass.values()) assertEquals(1, m, 1e-4);

    // A restart reuses the finished seeds; a seed whose run was lost is redone with the same result.
    String before = Files.readString(out.resolve("validation.csv"));
    Files.delete(dir.resolve("queried.txt"));
    InterpretExperiment.run(settings(out), new PrintWriter(new StringWriter()));
    assertEquals(before, Files.readString(out.resolve("validation.csv")));
  }

  @Test
  void aTransferSourceOutsideTheBenchmarksIsRejected(@TempDir Path tmp) {
    var s = new InterpretExperiment.Settings(List.of("synthetic"), "nb201-cifar10", List.of(), List.of(0L), 40, "nasbowl-m",
        List.of(0.25), 5, 100, tmp, tmp, "test");
    var e = assertThrows(IllegalArgumentException.class, () -> InterpretExperiment.run(s, new PrintWriter(new StringWriter())));
    assertTrue(e.getMessage().contains("--transfer-source nb201-cifar10"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new InterpretExperiment.Settings(List.of("synthetic"), null, List.of(),
        List.of(0L), 40, "nasbowl-m", List.of(0.7), 5, 100, tmp, tmp, "test"));
    var noSource = new InterpretExperiment.Settings(List.of("synthetic"), null, List.of("synthetic"), List.of(0L), 40,
        "nasbowl-m", List.of(0.25), 5, 100, tmp, tmp, "test");
    e = assertThrows(IllegalArgumentException.class, () -> InterpretExperiment.run(noSource, new PrintWriter(new StringWriter())));
    assertTrue(e.getMessage().contains("--transfer-targets needs --transfer-source"), e.getMessage());
    assertTrue(Arrays.asList(tmp.toFile().list()).isEmpty(), "no output on bad input");
  }
}
