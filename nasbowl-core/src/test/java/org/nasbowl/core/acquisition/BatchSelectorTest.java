package org.nasbowl.core.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.gp.Posterior;

class BatchSelectorTest {
  /** Records every posterior and incumbent it is asked about; scores by a fixed preference. */
  private static final class Recording implements AcquisitionFunction {
    final double[] preference;
    final List<double[]> variances = new ArrayList<>();
    final List<double[]> means = new ArrayList<>();
    final List<Double> incumbents = new ArrayList<>();

    Recording(double[] preference) {
      this.preference = preference;
    }

    @Override
    public double[] score(Posterior posterior, double incumbent) {
      variances.add(posterior.latentVariance().clone());
      means.add(posterior.mean().clone());
      incumbents.add(incumbent);
      return preference.clone();
    }
  }

  /** A pool that refuses the full covariance and counts column requests (Kriging believer needs O(B m)). */
  private static final class ColumnsOnly implements org.nasbowl.core.gp.PoolPosterior {
    final DensePool inner;
    int columnRequests;

    ColumnsOnly(DensePool inner) {
      this.inner = inner;
    }

    @Override
    public Posterior marginals() {
      return inner.marginals();
    }

    @Override
    public double[] latentCovarianceColumn(int b) {
      columnRequests++;
      return inner.latentCovarianceColumn(b);
    }

    @Override
    public double[][] latentCovariance() {
      throw new AssertionError("the full covariance must not be requested");
    }

    @Override
    public double incumbent() {
      return inner.incumbent();
    }
  }

  /**
   * Members 0 and 1 are near-duplicates (correlation 0.999) with the two highest EI values; 2 is a little worse
   * and independent of them.
   */
  private static DensePool nearDuplicates() {
    double[] mean = {1.0, 0.98, 0.9, 0.0, 0.5};
    double[][] cov = new double[5][5];
    for (int i = 0; i < 5; i++) cov[i][i] = 1.0;
    cov[0][1] = 0.999;
    cov[1][0] = 0.999;
    return new DensePool(mean, cov, 1e-4, 0.5);
  }

  private static double[] randomVector(SplittableRandom rng, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * rng.nextDouble();
    return v;
  }

  @Test
  void greedyReturnsTheTopValuesDistinctAndSortedWithTiesToTheLowerIndex() {
    double[] values = {0.3, 0.9, 0.1, 0.9, 0.5, -0.0, 0.0, 0.7};
    Recording acq = new Recording(values);
    DensePool pool = DensePool.independent(new double[8], new double[8], 0.1, 0.0);
    int[] picks = new GreedyTopB().select(pool, acq, 5, new SplittableRandom(1));
    assertArrayEquals(new int[] {1, 3, 7, 4, 0}, picks);
    assertEquals(1, acq.variances.size(), "acquisition values are computed once");
    // -0.0 and 0.0 tie, so pool order decides.
    assertArrayEquals(new int[] {1, 3, 7, 4, 0, 2, 5, 6}, new GreedyTopB().select(pool, acq, 8, null));
  }

  @Test
  void greedyOnARandomPoolGivesDistinctIndicesInDecreasingValue() {
    SplittableRandom rng = new SplittableRandom(7);
    int m = 200;
    DensePool pool = DensePool.independent(randomVector(rng, m, -1, 1), randomVector(rng, m, 0, 2), 0.01, 0.3);
    ExpectedImprovement ei = new ExpectedImprovement();
    double[] values = ei.score(pool.marginals(), pool.incumbent());
    int[] picks = new GreedyTopB().select(pool, ei, 20, rng);
    assertEquals(20, picks.length);
    assertEquals(20, Arrays.stream(picks).distinct().count());
    for (int k = 1; k < picks.length; k++) assertTrue(values[picks[k - 1]] >= values[picks[k]]);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    assertEquals(sorted[m - 20], values[picks[19]], 0); // the 20th best value is the last pick
  }

  @Test
  void krigingBelieverAvoidsANearDuplicateThatGreedyTakes() {
    DensePool pool = nearDuplicates();
    ExpectedImprovement ei = new ExpectedImprovement();
    int[] greedy = new GreedyTopB().select(pool, ei, 3, null);
    int[] believer = new KrigingBeliever().select(pool, ei, 3, null);
    assertArrayEquals(new int[] {0, 1, 2}, greedy);
    assertEquals(greedy[0], believer[0]);
    assertNotEquals(greedy[1], believer[1]);
    // After the fantasy at 0, member 1 has variance 1 - 0.999^2 / (1 + 1e-4) ~ 0.002 and a mean below the new
    // incumbent 1.0, so the independent 2 and then 4 (mean 0.5, sd 1: EI(z = -0.5) > EI of 1 or 3) come next.
    assertArrayEquals(new int[] {0, 2, 4}, believer);
  }

  @Test
  void krigingBelieverAgreesWithGreedyWhenCandidatesAreIndependent() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 20; trial++) {
      int m = 30;
      double[] mean = randomVector(rng, m, -1, 1);
      // UCB ignores the incumbent, and independent fantasies leave the other variances alone: identical order.
      DensePool pool = DensePool.independent(mean, randomVector(rng, m, 0, 2), 0.01, 0.2);
      UpperConfidenceBound ucb = new UpperConfidenceBound();
      assertArrayEquals(new GreedyTopB().select(pool, ucb, m, null), new KrigingBeliever().select(pool, ucb, m, null));
      // EI does use the incumbent, which the fantasies raise; with equal variances it still orders by the mean.
      double[] equal = new double[m];
      Arrays.fill(equal, 0.7);
      DensePool same = DensePool.independent(mean, equal, 0.01, 0.2);
      ExpectedImprovement ei = new ExpectedImprovement();
      assertArrayEquals(new GreedyTopB().select(same, ei, 8, null), new KrigingBeliever().select(same, ei, 8, null));
    }
  }

  @Test
  void krigingBelieverVariancesMatchDenseGaussianConditioning() {
    SplittableRandom rng = new SplittableRandom(2024);
    int m = 7;
    int b = 5;
    double noise = 0.05;
    // A random covariance A A^T / 4 with A 7 x 4: rank 4, so later picks are strongly informative.
    double[][] a = new double[m][4];
    for (double[] row : a) for (int j = 0; j < 4; j++) row[j] = rng.nextGaussian();
    double[][] cov = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double s = 0;
        for (int k = 0; k < 4; k++) s += a[i][k] * a[j][k];
        cov[i][j] = s / 4;
      }
    }
    double[] mean = randomVector(rng, m, -1, 1);
    DensePool dense = new DensePool(mean, cov, noise, -0.2);
    // Preference order 3, 0, 6, 1, 4 (then 2, 5): the picks are known in advance.
    double[] preference = {6, 4, 1, 7, 3, 0, 5};
    Recording acq = new Recording(preference);
    ColumnsOnly pool = new ColumnsOnly(dense);
    int[] picks = new KrigingBeliever().select(pool, acq, b, null);
    assertArrayEquals(new int[] {3, 0, 6, 1, 4}, picks);
    assertEquals(b, acq.variances.size());
    assertTrue(pool.columnRequests <= b - 1, "columns requested: " + pool.columnRequests);

    double incumbent = -0.2;
    for (int k = 0; k < b; k++) {
      int[] observed = Arrays.copyOf(picks, k);
      // Direct: Sigma - Sigma[:, P] (Sigma[P, P] + noise I)^-1 Sigma[P, :], diagonal.
      double[] expected = new double[m];
      DMatrixRMaj spp = new DMatrixRMaj(k, k);
      DMatrixRMaj sxp = new DMatrixRMaj(m, k);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) spp.set(i, j, cov[observed[i]][observed[j]] + (i == j ? noise : 0));
      }
      for (int x = 0; x < m; x++) for (int j = 0; j < k; j++) sxp.set(x, j, cov[x][observed[j]]);
      DMatrixRMaj reduction = new DMatrixRMaj(m, m);
      if (k > 0) {
        DMatrixRMaj solved = new DMatrixRMaj(k, m);
        assertTrue(CommonOps_DDRM.solve(spp, CommonOps_DDRM.transpose(sxp, null), solved));
        CommonOps_DDRM.mult(sxp, solved, reduction);
      }
      for (int x = 0; x < m; x++) expected[x] = cov[x][x] - reduction.get(x, x);
      assertArrayEquals(expected, acq.variances.get(k), 1e-12, "variances before pick " + k);
      assertArrayEquals(mean, acq.means.get(k), 0, "the mean never changes");
      assertEquals(incumbent, acq.incumbents.get(k), 0, "incumbent before pick " + k);
      incumbent = Math.max(incumbent, mean[picks[k]]);
    }
    // A fantasy with noise keeps some variance at the pick; none goes (materially) negative.
    for (double v : acq.variances.get(b - 1)) assertTrue(v > -1e-12);
  }

  @Test
  void krigingBelieverNeverRepicksEvenIfTheAcquisitionStillPrefersAPick() {
    // A noise-free pool whose picks become certain; a constant acquisition keeps preferring member 0.
    DensePool pool = new DensePool(new double[] {0, 0, 0}, new double[][] {{1, 1, 0}, {1, 1, 0}, {0, 0, 1}}, 0.0, 0);
    int[] picks = new KrigingBeliever().select(pool, (p, inc) -> new double[] {5, 1, 2}, 3, null);
    assertArrayEquals(new int[] {0, 2, 1}, picks);
  }

  @Test
  void batchSizeLargerThanThePoolTakesEveryMember() {
    DensePool pool = nearDuplicates();
    ExpectedImprovement ei = new ExpectedImprovement();
    for (BatchSelector selector : new BatchSelector[] {new GreedyTopB(), new KrigingBeliever(), new ThompsonBatch()}) {
      int[] picks = selector.select(pool, ei, 9, new SplittableRandom(3));
      int[] sorted = picks.clone();
      Arrays.sort(sorted);
      assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sorted, selector.toString());
      assertThrows(IllegalArgumentException.class, () -> selector.select(pool, ei, 0, new SplittableRandom(3)));
    }
  }

  @Test
  void nanAcquisitionValuesAreAnError() {
    DensePool pool = nearDuplicates();
    AcquisitionFunction broken = (p, inc) -> new double[] {1, Double.NaN, 0, 0, 0};
    assertThrows(IllegalStateException.class, () -> new GreedyTopB().select(pool, broken, 2, null));
    assertThrows(IllegalStateException.class, () -> new KrigingBeliever().select(pool, broken, 2, null));
    AcquisitionFunction wrongSize = (p, inc) -> new double[] {1, 2};
    assertThrows(IllegalStateException.class, () -> new GreedyTopB().select(pool, wrongSize, 2, null));
  }

  @Test
  void thompsonBatchTakesTheArgmaxOfIndependentDrawsAmongUnpickedMembers() {
    DensePool pool = nearDuplicates();
    int[] picks = new ThompsonBatch().select(pool, null, 4, new SplittableRandom(99));
    // The same draws by hand: one factorisation, then draw k's best unpicked member.
    ThompsonSampling sampler = ThompsonSampling.of(pool);
    SplittableRandom replay = new SplittableRandom(99);
    boolean[] picked = new boolean[5];
    for (int k = 0; k < 4; k++) {
      double[] f = sampler.draw(replay);
      int best = -1;
      for (int i = 0; i < 5; i++) if (!picked[i] && (best < 0 || f[i] > f[best])) best = i;
      assertEquals(best, picks[k], "pick " + k);
      picked[best] = true;
    }
    assertArrayEquals(picks, new ThompsonBatch().select(pool, null, 4, new SplittableRandom(99)));
  }

  @Test
  void thompsonBatchPicksAClearWinnerFirst() {
    DensePool pool = DensePool.independent(new double[] {0, 0, 10, 0}, new double[] {1, 1, 1e-6, 1}, 0.0, 0);
    SplittableRandom rng = new SplittableRandom(5);
    for (int t = 0; t < 20; t++) {
      int[] picks = new ThompsonBatch().select(pool, null, 3, rng);
      assertEquals(2, picks[0]); // 10 standard deviations clear
      assertEquals(3, Arrays.stream(picks).distinct().count());
    }
  }
}
