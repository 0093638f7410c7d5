package org.nasbowl.core.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThompsonSamplingTest {
  private static final double[] MEAN = {1, -1, 0.5, 3};
  private static final double[][] COV = {
      {1.0, 0.8, 0.2, 0.0},
      {0.8, 1.0, 0.3, 0.1},
      {0.2, 0.3, 0.5, -0.1},
      {0.0, 0.1, -0.1, 2.0},
  };

  @Test
  void drawsHaveThePosteriorMeanAndCovariance() {
    DensePool pool = new DensePool(MEAN, COV, 0.3, 0.0);
    ThompsonSampling sampler = ThompsonSampling.of(pool);
    assertEquals(1e-10 * (1.0 + 1.0 + 0.5 + 2.0) / 4, sampler.jitter(), 1e-25);
    int n = 40_000;
    int m = MEAN.length;
    double[] sum = new double[m];
    double[][] cross = new double[m][m];
    SplittableRandom rng = new SplittableRandom(42);
    for (int t = 0; t < n; t++) {
      double[] f = sampler.draw(rng);
      for (int i = 0; i < m; i++) {
        sum[i] += f[i] - MEAN[i];
        for (int j = 0; j < m; j++) cross[i][j] += (f[i] - MEAN[i]) * (f[j] - MEAN[j]);
      }
    }
    // Tolerances are 5 standard errors (a two-sided 5-sigma bound fails with probability 6e-7 per check, so the
    // 20 checks pass for essentially every seed): the sample mean of component i has standard error
    // sqrt(S_ii / n); the second moment about the true mean, entry (i, j), has variance
    // (S_ii S_jj + S_ij^2) / n for Gaussian draws. The 1e-10 jitter is far below these (~5e-3 to 3e-2).
    for (int i = 0; i < m; i++) {
      assertEquals(0.0, sum[i] / n, 5 * Math.sqrt(COV[i][i] / n), "mean " + i);
      for (int j = i; j < m; j++) {
        double se = Math.sqrt((COV[i][i] * COV[j][j] + COV[i][j] * COV[i][j]) / n);
        assertEquals(COV[i][j], cross[i][j] / n, 5 * se, "covariance " + i + "," + j);
      }
    }
  }

  @Test
  void seededDrawsAreReproducibleAndSeedsDiffer() {
    DensePool pool = new DensePool(MEAN, COV, 0.3, 0.0);
    double[] a = ThompsonSampling.sample(pool, new SplittableRandom(7));
    double[] b = ThompsonSampling.sample(pool, new SplittableRandom(7));
    double[] c = ThompsonSampling.sample(pool, new SplittableRandom(8));
    assertArrayEquals(a, b, 0);
    assertFalse(Arrays.equals(a, c));
    // A shared factorisation gives the same draws as a fresh one per draw.
    ThompsonSampling sampler = ThompsonSampling.of(pool);
    SplittableRandom r1 = new SplittableRandom(9);
    SplittableRandom r2 = new SplittableRandom(9);
    for (int t = 0; t < 3; t++) assertArrayEquals(ThompsonSampling.sample(pool, r1), sampler.draw(r2), 0);
  }

  @Test
  void singularCovarianceOfDuplicatesIsFactorisedWithJitter() {
    // Members 0 and 1 are exact duplicates: the covariance is singular.
    DensePool pool = new DensePool(new double[] {0.2, 0.2, -1},
        new double[][] {{1, 1, 0.5}, {1, 1, 0.5}, {0.5, 0.5, 1}}, 0.0, 0.0);
    ThompsonSampling sampler = ThompsonSampling.of(pool);
    assertTrue(sampler.jitter() > 0 && sampler.jitter() <= 1e-6);
    SplittableRandom rng = new SplittableRandom(3);
    for (int t = 0; t < 100; t++) {
      double[] f = sampler.draw(rng);
      // Duplicates differ only by the jitter's noise: sd about sqrt(2 x jitter) <= 1.5e-3 at the largest.
      assertEquals(f[0], f[1], 1e-2);
    }
  }

  @Test
  void degenerateAndInvalidCovariances() {
    DensePool certain = DensePool.independent(new double[] {1, 2}, new double[] {0, 0}, 0.1, 0);
    assertArrayEquals(new double[] {1, 2}, ThompsonSampling.sample(certain, new SplittableRandom(1)), 0);
    DensePool indefinite = new DensePool(new double[] {0, 0}, new double[][] {{1, 2}, {2, 1}}, 0.0, 0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ThompsonSampling.of(indefinite));
    assertTrue(e.getMessage().contains("not positive semi-definite"));
    DensePool nan = new DensePool(new double[] {0, 0}, new double[][] {{1, Double.NaN}, {Double.NaN, 1}}, 0.0, 0);
    assertThrows(IllegalArgumentException.class, () -> ThompsonSampling.of(nan));
    DensePool negative = DensePool.independent(new double[] {0, 0}, new double[] {1, -1}, 0.0, 0);
    assertThrows(IllegalArgumentException.class, () -> ThompsonSampling.of(negative));
  }
}
