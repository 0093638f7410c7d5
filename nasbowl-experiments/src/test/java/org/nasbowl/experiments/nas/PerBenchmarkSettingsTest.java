package org.nasbowl.experiments.nas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.experiments.interpret.InterpretExperiment;
import org.nasbowl.experiments.interpret.MotifReport;
import org.nasbowl.experiments.regression.RegressionExperiment;

/** Per-benchmark budgets, sizes and learning sets of the experiment grids (--budget-for, --sizes-for, --learn-for). */
class PerBenchmarkSettingsTest {
  @TempDir Path tmp;
  private final PrintWriter quiet = new PrintWriter(new StringWriter());

  @Test
  void aBenchmarksOwnBudgetSetsItsRunLength() throws Exception {
    NasExperiment.Settings s = new NasExperiment.Settings(List.of("synthetic"), List.of("random"), List.of(0L), 30, 1,
        tmp, tmp.resolve("nas"), "test", Map.of("synthetic", 12));
    List<Trace> traces = NasExperiment.run(s, quiet);
    assertEquals(12, traces.get(0).queries().size());
    assertEquals(12, traces.get(0).budget());
    assertThrows(IllegalArgumentException.class, () -> new NasExperiment.Settings(List.of("synthetic"),
        List.of("random"), List.of(0L), 30, 1, tmp, tmp, "test", Map.of("nb301-1218", 100)));
  }

  @Test
  void aBenchmarksOwnSizesSetItsTrainingAndTestSets() throws Exception {
    RegressionExperiment.Sizes sizes = RegressionExperiment.Sizes.parse("10, 20/30");
    assertEquals(List.of(10, 20), sizes.train());
    assertEquals(30, sizes.test());
    assertThrows(IllegalArgumentException.class, () -> RegressionExperiment.Sizes.parse("10,20"));
    RegressionExperiment.Settings s = new RegressionExperiment.Settings(List.of("synthetic"), List.of("gp-vh"),
        List.of(10, 25, 50), 100, List.of(0L), 1, tmp, tmp.resolve("reg"), "test", Map.of("synthetic", sizes));
    List<RegressionExperiment.Row> rows = RegressionExperiment.run(s, quiet);
    assertEquals(Set.of(10, 20), rows.stream().map(RegressionExperiment.Row::nTrain).collect(Collectors.toSet()));
    assertTrue(Files.readString(tmp.resolve("reg/provenance.json")).contains("sizes_for"));
  }

  @Test
  void aBenchmarksOwnLearningSetAndMaximumShare() throws Exception {
    InterpretExperiment.Learning l = InterpretExperiment.Learning.parse("random:40:0.5");
    assertEquals("random", l.method());
    assertEquals(40, l.budget());
    assertEquals(0.5, l.maxShare());
    assertEquals(1.0, InterpretExperiment.Learning.parse("nasbowl-m:60").maxShare());
    assertThrows(IllegalArgumentException.class, () -> InterpretExperiment.Learning.parse("random:40:0"));
    assertThrows(IllegalArgumentException.class, () -> InterpretExperiment.Learning.parse("nope:40"));
    Path out = tmp.resolve("interp");
    InterpretExperiment.run(new InterpretExperiment.Settings(List.of("synthetic"), null, List.of(), List.of(0L), 40,
        "nasbowl-m", List.of(0.25), 3, 20000, tmp, out, "test", Map.of("synthetic", l)), quiet);
    Path run = out.resolve("runs/synthetic/seed-0");
    assertEquals(40, Files.readAllLines(run.resolve("queried.txt")).size(), "40 random architectures");
    // The good and bad motif counts in validation.csv are those of the ranking without motifs in more than 20 of
    // the 40 learning architectures.
    List<MotifReport.Row> ranking = MotifReport.readCsv(run.resolve("motifs-ag.csv"));
    List<MotifReport.Row> kept = ranking.stream().filter(r -> r.occurrences() <= 20).toList();
    assertTrue(kept.size() < ranking.size(), "some motifs are in more than half of the architectures");
    InterpretExperiment.Split split = InterpretExperiment.split(kept, 0.25, MotifReport.Variant.AVERAGE_GRADIENT);
    List<String> lines = Files.readAllLines(out.resolve("validation.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    String[] ag = lines.get(1).split(",");
    assertEquals("ag", ag[header.indexOf("variant")]);
    assertEquals(split.good().size(), Integer.parseInt(ag[header.indexOf("good_motifs")]));
  }
}
