package org.nasbowl.experiments.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

class SyntheticBenchmarkTest {
  private static final double EPS = 1e-12;
  private final Nb201Space space = new Nb201Space();

  private double acc(String arch) {
    return SyntheticBenchmark.accuracy(space.parse(arch));
  }

  @Test
  void handComputedValues() {
    // Disconnected cell.
    assertEquals(0.10, acc("|nor_conv_3x3~0|+|nor_conv_3x3~0|none~1|+|none~0|none~1|none~2|"), EPS);
    // input -> skip -> output only: no op node, no motif.
    assertEquals(0.62, acc("|none~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|"), EPS);
    // input -> conv1x1 (e0) -> conv3x3 (e4) -> output: planted "conv1x1 -> conv3x3 -> output" once, 2 convs.
    assertEquals(0.62 + 2 * 0.015 + 0.06, acc("|nor_conv_1x1~0|+|none~0|none~1|+|none~0|nor_conv_3x3~1|none~2|"), EPS);
    // input -> conv3x3 (e1) -> conv3x3 (e5) -> output: "conv3x3 feeding only a conv3x3" once.
    assertEquals(0.62 + 2 * 0.015 + 0.07, acc("|none~0|+|nor_conv_3x3~0|none~1|+|none~0|none~1|nor_conv_3x3~2|"), EPS);
    // input -> pool (e1) -> pool (e5) -> output: "pool feeding only a pool" and "pool feeding only the output".
    assertEquals(0.62 - 0.08 - 0.05, acc("|none~0|+|avg_pool_3x3~0|none~1|+|none~0|none~1|avg_pool_3x3~2|"), EPS);
    // The all-conv3x3 cell: 6 convs; e1 -> e5 and e2 -> e5 are conv3x3 nodes feeding only a conv3x3.
    assertEquals(0.62 + 6 * 0.015 + 2 * 0.07, acc("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|"
        + "nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"), EPS);
  }

  @Test
  void everyValueIsAnAccuracyAndTheOptimumIsTheMaximum() {
    SyntheticBenchmark b = new SyntheticBenchmark(0);
    double max = 0;
    for (int k = 0; k < Nb201Space.SIZE; k++) {
      double a = SyntheticBenchmark.accuracy(Nb201Cell.fromOrdinal(k));
      assertTrue(a > 0 && a < 1, "accuracy " + a);
      max = Math.max(max, a);
    }
    assertEquals(max, b.bestRegretMetric(), EPS);
    assertEquals(max, b.bestValidationAccuracy(), EPS);
    assertEquals(15_625, b.architectures().count());
  }

  @Test
  void eachPlantedMotifChangesAccuracyWithItsSign() {
    // Averaged over the space, cells containing a good motif beat cells containing a bad one.
    double[] sum = new double[SyntheticBenchmark.MOTIFS.size()];
    int[] n = new int[sum.length];
    for (int k = 0; k < Nb201Space.SIZE; k++) {
      Nb201Cell c = Nb201Cell.fromOrdinal(k);
      var g = Nb201Space.encodeCell(c);
      String[][] labels = org.nasbowl.core.kernel.WlSubtreeLabels.compute(g, 2);
      for (int m = 0; m < sum.length; m++) {
        var motif = SyntheticBenchmark.MOTIFS.get(m);
        for (String l : labels[motif.depth()]) {
          if (l.equals(motif.label())) {
            sum[m] += SyntheticBenchmark.accuracy(c);
            n[m]++;
            break;
          }
        }
      }
    }
    for (int m = 0; m < sum.length; m++) assertTrue(n[m] > 100, "motif " + m + " occurs in " + n[m] + " cells");
    double good = Math.min(sum[0] / n[0], sum[1] / n[1]);
    double bad = Math.max(sum[2] / n[2], sum[3] / n[3]);
    assertTrue(good > bad + 0.1, "good " + good + " bad " + bad);
  }

  @Test
  void noiseIsSeededAndLeavesTestAccuracyClean() {
    SyntheticBenchmark noisy = new SyntheticBenchmark(0.02);
    Nb201Cell c = space.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|"
        + "nor_conv_3x3~2|");
    Evaluation a = noisy.query(c, new SplittableRandom(5));
    Evaluation b = noisy.query(c, new SplittableRandom(5));
    Evaluation other = noisy.query(c, new SplittableRandom(6));
    assertEquals(a, b);
    assertNotEquals(a.validationAccuracy(), other.validationAccuracy());
    assertEquals(SyntheticBenchmark.accuracy(c), a.testAccuracy().getAsDouble(), EPS);
    double mean = 0;
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 10_000; i++) mean += noisy.query(c, r).validationAccuracy() / 10_000;
    // Standard error 0.02 / 100 = 2e-4.
    assertEquals(SyntheticBenchmark.accuracy(c), mean, 1e-3);
    assertEquals(SyntheticBenchmark.accuracy(c), new SyntheticBenchmark(0).query(c, r).validationAccuracy(), EPS);
  }
}
