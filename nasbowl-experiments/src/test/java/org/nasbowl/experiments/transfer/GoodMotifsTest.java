package org.nasbowl.experiments.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.experiments.interpret.MotifReport;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;

class GoodMotifsTest {
  private static final double TOL = 1e-12;

  @Test
  void percentileInterpolatesLinearlyBetweenOrderStatistics() {
    double[] v = {4, 1, 3, 2, 10};
    // Sorted 1 2 3 4 10; position p/100 * 4.
    assertEquals(1, GoodMotifs.percentile(v, 0), TOL);
    assertEquals(3, GoodMotifs.percentile(v, 50), TOL);
    assertEquals(3.8, GoodMotifs.percentile(v, 70), TOL); // position 2.8: 3 + 0.8 * (4 - 3)
    assertEquals(5.2, GoodMotifs.percentile(v, 80), TOL); // position 3.2: 4 + 0.2 * (10 - 4)
    assertEquals(10, GoodMotifs.percentile(v, 100), TOL);
    assertEquals(7, GoodMotifs.percentile(new double[] {7}, 70), TOL);
  }

  @Test
  void thePlantedGoodMotifIsGoodAndThePlantedBadOnesAreNot(@TempDir Path tmp) throws Exception {
    SyntheticBenchmark bench = new SyntheticBenchmark(0);
    Nb201Space space = new Nb201Space();
    SplittableRandom rng = new SplittableRandom(3);
    List<Nb201Cell> archs = new ArrayList<>();
    for (int i = 0; i < 300; i++) archs.add(space.sample(rng));
    double[] acc = archs.stream().mapToDouble(SyntheticBenchmark::accuracy).toArray();
    GoodMotifs good = GoodMotifs.learn(space, archs, acc, 1, bench.deterministic(), 10, 70, false);
    List<String> labels = good.motifs().stream().map(Motif::label).toList();
    assertTrue(labels.contains("nor_conv_3x3(nor_conv_3x3)"), labels.toString());
    assertFalse(labels.contains("avg_pool_3x3(avg_pool_3x3)"), labels.toString());
    assertFalse(labels.contains("avg_pool_3x3(output)"), labels.toString());
    for (Motif m : good.motifs()) assertTrue(m.depth() <= 1 && !MotifReport.INPUT_OUTPUT.contains(m.label()), m.toString());
    // The top 30%: as many motifs as have AG >= the 70th percentile, and the threshold is one of the scores' range.
    int expected = (int) Math.ceil(good.ranked() * 0.3 - 1e-9);
    assertTrue(Math.abs(good.good().size() - expected) <= 1, good.good().size() + " of " + good.ranked());
    for (GoodMotifs.Scored s : good.good()) assertTrue(s.averageGradient() >= good.threshold());
    for (int i = 1; i < good.good().size(); i++) {
      assertTrue(good.good().get(i - 1).averageGradient() >= good.good().get(i).averageGradient());
    }

    Path file = tmp.resolve("m.csv");
    good.write(file);
    List<GoodMotifs.Scored> back = GoodMotifs.readScored(file);
    assertEquals(good.good().size(), back.size());
    for (int i = 0; i < back.size(); i++) {
      GoodMotifs.Scored a = good.good().get(i);
      GoodMotifs.Scored b = back.get(i);
      assertEquals(a.motif(), b.motif());
      assertEquals(a.rank(), b.rank());
      assertEquals(a.averageGradient(), b.averageGradient(), 0, "17 significant digits round-trip");
      assertEquals(a.occurrences(), b.occurrences());
      assertEquals(a.meanAccuracy(), b.meanAccuracy(), 5e-7);
    }
    assertEquals(good.motifs(), GoodMotifs.readMotifs(file));
    assertTrue(Files.readString(file).startsWith(GoodMotifs.HEADER + "\n"));
  }
}
