package org.nasbowl.experiments.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.kernel.WlSubtreeLabels;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;

class MotifReportTest {
  @Test
  void reportIsRankedDeduplicatedAndItsStatisticsAreRight(@TempDir Path tmp) throws Exception {
    SyntheticBenchmark b = new SyntheticBenchmark(0);
    SplittableRandom rng = new SplittableRandom(1);
    List<Nb201Cell> archs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (archs.size() < 150) {
      Nb201Cell c = b.space().sample(rng);
      if (seen.add(c.archString())) archs.add(c);
    }
    double[] acc = archs.stream().mapToDouble(SyntheticBenchmark::accuracy).toArray();
    List<MotifReport.Row> rows = MotifReport.rank(b.space(), archs, acc, true, 10);
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      MotifReport.Row r = rows.get(i);
      assertEquals(i + 1, r.rank());
      if (i > 0) assertTrue(rows.get(i - 1).averageGradient() >= r.averageGradient());
      assertTrue(labels.add(r.motif()), "each motif reported once: " + r.motif());
      assertTrue(!r.motif().equals("output") && !r.motif().equals("input"), "bare input/output dropped");
      assertTrue(r.occurrences() >= 10);
    }
    // Occurrences and mean accuracy of the top motif, recomputed from the WL labels.
    MotifReport.Row top = rows.get(0);
    int count = 0;
    double sum = 0;
    Nb201Space space = new Nb201Space();
    for (int i = 0; i < archs.size(); i++) {
      String[] labelsAtDepth = WlSubtreeLabels.compute(space.encode(archs.get(i)).get(0), top.depth())[top.depth()];
      if (List.of(labelsAtDepth).contains(top.motif())) {
        count++;
        sum += acc[i];
      }
    }
    assertEquals(count, top.occurrences());
    assertEquals(sum / count, top.meanAccuracy(), 1e-12);
    Path csv = tmp.resolve("motifs.csv");
    MotifReport.writeCsv(csv, rows);
    List<String> lines = Files.readAllLines(csv);
    assertEquals("rank,motif,depth,cell,average_gradient,occurrences,mean_accuracy", lines.get(0));
    assertEquals(rows.size() + 1, lines.size());
  }

  @Test
  void scoresCanAverageOverASampleOfTheSpace() {
    SyntheticBenchmark b = new SyntheticBenchmark(0);
    SplittableRandom rng = new SplittableRandom(4);
    List<Nb201Cell> archs = new ArrayList<>();
    for (int i = 0; i < 60; i++) archs.add(b.space().sample(rng));
    double[] acc = archs.stream().mapToDouble(SyntheticBenchmark::accuracy).toArray();
    var settings = MotifReport.Settings.defaults(true).withSample(300, 9);
    List<MotifReport.Row> rows = MotifReport.rank(b.space(), archs, acc, settings);
    // The sample: 300 distinct architectures drawn in order from SplittableRandom(9).
    SplittableRandom s = new SplittableRandom(9);
    List<Nb201Cell> sample = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    while (sample.size() < 300) {
      Nb201Cell c = b.space().sample(s);
      if (keys.add(b.space().key(c))) sample.add(c);
    }
    assertTrue(rows.size() > 10);
    for (MotifReport.Row r : rows.subList(0, 5)) {
      long count = sample.stream().filter(c -> MotifReport.contains(b.space(), c, r)).count();
      assertEquals(count, r.occurrences(), r.motif());
    }
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> MotifReport.Settings.defaults(true).withSample(-1, 0));
  }
}
