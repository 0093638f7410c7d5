package org.nasbowl.experiments.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.space.nb101.Nb101Spec;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.testsupport.TestPaths;

/** Noise and planted failure regions on a benchmark: seeded draws, regret on noiseless values, feasible optima. */
class ModifiedBenchmarkTest {
  private final SyntheticBenchmark synthetic = new SyntheticBenchmark(0);

  @Test
  void noiseIsSeededUnbiasedAndOfTheGivenSdInPercentagePoints() {
    Benchmark<Nb201Cell> b = new ModifiedBenchmark.Modifiers(1.0, null, null).apply(synthetic);
    assertFalse(b.deterministic());
    Nb201Cell cell = synthetic.architectures().skip(777).findFirst().orElseThrow();
    double truth = synthetic.noiseless(cell).validationAccuracy();
    assertEquals(truth, b.noiseless(cell).validationAccuracy(), 0);
    SplittableRandom r1 = new SplittableRandom(3);
    SplittableRandom r2 = new SplittableRandom(3);
    int n = 4000;
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double v = b.query(cell, r1).validationAccuracy();
      assertEquals(v, b.query(cell, r2).validationAccuracy(), 0, "the same seed gives the same draws");
      sum += v;
      sq += (v - truth) * (v - truth);
    }
    double sd = 0.01; // 1.0 percentage point as a fraction
    assertEquals(truth, sum / n, 4 * sd / Math.sqrt(n));
    assertEquals(sd, Math.sqrt(sq / n), 0.1 * sd);
    // The test accuracy (what regret is measured on) is never noisy, and the optima are the table's.
    assertEquals(synthetic.noiseless(cell).testAccuracy(), b.query(cell, r1).testAccuracy());
    assertEquals(synthetic.bestValidationAccuracy(), b.bestValidationAccuracy(), 0);
    // Nothing changed: the benchmark itself.
    assertTrue(ModifiedBenchmark.Modifiers.none().apply(synthetic) == synthetic);
  }

  @Test
  void everyCellWithThePlantedOperationFailsAndTheOptimumIsTheFeasibleOne() {
    Benchmark<Nb201Cell> b = new ModifiedBenchmark.Modifiers(0, "avg_pool_3x3", null).apply(synthetic);
    assertTrue(b.deterministic());
    SplittableRandom rng = new SplittableRandom(0);
    double[] best = {0, 0};
    int[] failing = {0};
    synthetic.architectures().forEach(c -> {
      boolean has = c.archString().contains("avg_pool_3x3");
      if (has) {
        EvaluationFailedException e = assertThrows(EvaluationFailedException.class, () -> b.query(c, rng));
        assertTrue(e.getMessage().contains("avg_pool_3x3"), e.getMessage());
        failing[0]++;
      } else {
        Evaluation e = b.query(c, rng);
        best[0] = Math.max(best[0], e.validationAccuracy());
        best[1] = Math.max(best[1], e.testAccuracy().orElse(e.validationAccuracy()));
      }
    });
    // 5^6 cells, 4^6 without the operation.
    assertEquals(15_625 - 4_096, failing[0]);
    assertEquals(best[0], b.bestValidationAccuracy(), 0);
    assertEquals(best[1], b.bestRegretMetric(), 0);
    assertTrue(b.bestValidationAccuracy() <= synthetic.bestValidationAccuracy());
  }

  @Test
  void moreParametersThanTheLimitFailAsOutOfMemoryWould() {
    Path dir = TestPaths.requireData(Nb101Benchmark.SUBSET_FILE).getParent();
    Nb101Benchmark base = Nb101Benchmark.subset20k(dir);
    double limit = 2e6;
    Benchmark<Nb101Spec> b = new ModifiedBenchmark.Modifiers(0, null, limit).apply(base);
    SplittableRandom rng = new SplittableRandom(0);
    double[] best = {0};
    int[] counts = {0, 0};
    base.architectures().forEach(a -> {
      double params = base.noiseless(a).parameters().orElseThrow();
      if (params > limit) {
        assertThrows(EvaluationFailedException.class, () -> b.query(a, rng));
        counts[0]++;
      } else {
        best[0] = Math.max(best[0], b.query(a, rng).validationAccuracy());
        counts[1]++;
      }
    });
    assertTrue(counts[0] > 0 && counts[1] > 0, counts[0] + " fail, " + counts[1] + " do not");
    assertEquals(best[0], b.bestValidationAccuracy(), 0);
  }

  @Test
  void impossibleModificationsAreRefusedWithTheReason() {
    IllegalArgumentException op = assertThrows(IllegalArgumentException.class,
        () -> new ModifiedBenchmark.Modifiers(0, "conv7x7", null).apply(synthetic));
    assertTrue(op.getMessage().contains("conv7x7") && op.getMessage().contains("synthetic"), op.getMessage());
    IllegalArgumentException params = assertThrows(IllegalArgumentException.class,
        () -> new ModifiedBenchmark.Modifiers(0, null, 1e6).apply(synthetic));
    assertTrue(params.getMessage().contains("no parameter counts"), params.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ModifiedBenchmark.Modifiers(-1, null, null));
    assertThrows(IllegalArgumentException.class, () -> new ModifiedBenchmark.Modifiers(Double.NaN, null, null));
  }
}
