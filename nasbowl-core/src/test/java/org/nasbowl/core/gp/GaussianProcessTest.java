package org.nasbowl.core.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.BaseKernel;
import org.nasbowl.core.kernel.WlFeatureExtractor;
import org.nasbowl.core.kernel.WlKernel;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

class GaussianProcessTest {
  private static final double TOL = 1e-9;
  private final Nb201Space space = new Nb201Space();
  private final WlFeatureExtractor ex = new WlFeatureExtractor(4);

  private List<ArchitectureFeatures> sample(int n, SplittableRandom rng) {
    List<ArchitectureFeatures> xs = new ArrayList<>();
    for (int i = 0; i < n; i++) xs.add(ex.extract(space.encode(space.sample(rng))));
    return xs;
  }

  private static double[] accuracies(int n, SplittableRandom rng) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = 0.5 + 0.4 * rng.nextDouble();
    return y;
  }

  /** Posterior mean and latent variance computed densely with an explicit inverse, for comparison. */
  @Test
  void posteriorMatchesDenseComputation() {
    SplittableRandom rng = new SplittableRandom(1);
    for (BaseKernel base : BaseKernel.values()) {
      List<ArchitectureFeatures> xs = sample(25, rng);
      List<ArchitectureFeatures> pool = sample(30, rng);
      double[] acc = accuracies(25, rng);
      GpConfig cfg = GpConfig.regression().withBase(base).withHGrid(List.of(2)).withFixedNoise(1e-3).withParallel(false);
      FittedGp gp = GaussianProcess.fit(xs, acc, cfg);
      Posterior p = gp.posterior(pool).marginals();

      WlKernel k = new WlKernel(base, 2);
      int n = xs.size();
      double[] y = new double[n];
      for (int i = 0; i < n; i++) y[i] = -Math.log(1 - acc[i]);
      double mean = java.util.Arrays.stream(y).average().orElseThrow();
      double sd = Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum() / (n - 1));
      DMatrixRMaj kk = new DMatrixRMaj(k.gram(xs));
      for (int i = 0; i < n; i++) kk.add(i, i, 1e-3);
      DMatrixRMaj inv = new DMatrixRMaj(n, n);
      CommonOps_DDRM.invert(kk, inv);
      DMatrixRMaj z = new DMatrixRMaj(n, 1);
      for (int i = 0; i < n; i++) z.set(i, 0, (y[i] - mean) / sd);
      double[][] ks = k.cross(pool, xs);
      for (int j = 0; j < pool.size(); j++) {
        DMatrixRMaj kj = new DMatrixRMaj(n, 1, true, ks[j]);
        DMatrixRMaj t = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(inv, kj, t);
        double mu = mean + sd * CommonOps_DDRM.dot(t, z);
        double var = sd * sd * (1 - CommonOps_DDRM.dot(kj, t));
        assertEquals(mu, p.mean()[j], 1e-8, base + " mean " + j);
        assertEquals(Math.max(var, 0), p.latentVariance()[j], 1e-8, base + " var " + j);
      }
      assertEquals(1e-3 * sd * sd, p.noiseVariance(), TOL);
    }
  }

  @Test
  void logMarginalLikelihoodMatchesTheDenseFormula() {
    SplittableRandom rng = new SplittableRandom(9);
    List<ArchitectureFeatures> xs = sample(20, rng);
    double[] acc = accuracies(20, rng);
    FittedGp gp = GaussianProcess.fit(xs, acc, GpConfig.search().withHGrid(List.of(2)).withFixedNoise(1e-2));
    int n = xs.size();
    DMatrixRMaj k = new DMatrixRMaj(new WlKernel(BaseKernel.DOT_PRODUCT, 2).gram(xs));
    for (int i = 0; i < n; i++) k.add(i, i, 1e-2);
    double[] y = gp.targets();
    DMatrixRMaj z = new DMatrixRMaj(n, 1);
    for (int i = 0; i < n; i++) z.set(i, 0, (y[i] - gp.targetMean()) / gp.targetScale());
    DMatrixRMaj inv = new DMatrixRMaj(n, n);
    CommonOps_DDRM.invert(k, inv);
    DMatrixRMaj t = new DMatrixRMaj(n, 1);
    CommonOps_DDRM.mult(inv, z, t);
    double dense = -0.5 * CommonOps_DDRM.dot(z, t) - 0.5 * Math.log(CommonOps_DDRM.det(k)) - 0.5 * n * Math.log(2 * Math.PI);
    assertEquals(dense, gp.logMarginalLikelihood(), 1e-9);
    // The standardisation uses the unbiased standard deviation.
    double m = java.util.Arrays.stream(y).average().orElseThrow();
    assertEquals(Math.sqrt(java.util.Arrays.stream(y).map(v -> (v - m) * (v - m)).sum() / (n - 1)), gp.targetScale(), 1e-12);
  }

  @Test
  void modelSelectionPicksTheBestDepthAndNoiseOnAFineGrid() {
    SplittableRandom rng = new SplittableRandom(2);
    List<ArchitectureFeatures> xs = sample(60, rng);
    double[] acc = new double[60];
    for (int i = 0; i < 60; i++) acc[i] = 0.6 + 0.3 * rng.nextDouble();
    FittedGp gp = GaussianProcess.fit(xs, acc, GpConfig.regression().withParallel(false));
    double best = Double.NEGATIVE_INFINITY;
    for (int h = 0; h <= 4; h++) {
      for (double t = Math.log(1e-5); t <= Math.log(1e-2) + 1e-12; t += (Math.log(1e-2) - Math.log(1e-5)) / 200) {
        FittedGp fixed = GaussianProcess.fit(xs, acc,
            GpConfig.regression().withHGrid(List.of(h)).withFixedNoise(Math.exp(t)).withParallel(false));
        best = Math.max(best, fixed.logMarginalLikelihood());
      }
    }
    assertTrue(gp.logMarginalLikelihood() >= best - 1e-6, gp.logMarginalLikelihood() + " < " + best);
    // The reported likelihood is that of the chosen (h, noise), recomputed from its Cholesky factor.
    FittedGp again = GaussianProcess.fit(xs, acc,
        GpConfig.regression().withHGrid(List.of(gp.h())).withFixedNoise(gp.noise()).withParallel(false));
    assertEquals(again.logMarginalLikelihood(), gp.logMarginalLikelihood(), 1e-7);
  }

  @Test
  void likelihoodDerivativeInNoiseVanishesAtAnInteriorOptimum() {
    SplittableRandom rng = new SplittableRandom(3);
    // Noisy targets push the optimum inside the noise interval.
    List<ArchitectureFeatures> xs = sample(80, rng);
    double[] acc = new double[80];
    for (int i = 0; i < 80; i++) acc[i] = 0.7 + 0.05 * rng.nextGaussian();
    GpConfig cfg = GpConfig.regression().withHGrid(List.of(3)).withParallel(false);
    FittedGp gp = GaussianProcess.fit(xs, acc, new GpConfig(cfg.base(), cfg.hGrid(), null, 1e-6, 10,
        cfg.transform(), false));
    double t = Math.log(gp.noise());
    double eps = 1e-4;
    double up = GaussianProcess.fit(xs, acc, cfg.withFixedNoise(Math.exp(t + eps))).logMarginalLikelihood();
    double down = GaussianProcess.fit(xs, acc, cfg.withFixedNoise(Math.exp(t - eps))).logMarginalLikelihood();
    assertTrue(gp.noise() > 1e-5 && gp.noise() < 5, "optimum inside the interval: " + gp.noise() + " " + gp.selection());
    double centre = gp.logMarginalLikelihood();
    double slope = (up - down) / (2 * eps);
    double curvature = (up - 2 * centre + down) / (eps * eps);
    assertTrue(curvature < 0, "a maximum: curvature " + curvature);
    // The Newton step to the stationary point is within the search tolerance in log(noise).
    assertTrue(Math.abs(slope / curvature) <= 2 * GaussianProcess.LOG_NOISE_TOL, "offset " + slope / curvature);
  }

  @Test
  void edgeCases() {
    SplittableRandom rng = new SplittableRandom(4);
    List<ArchitectureFeatures> one = sample(1, rng);
    FittedGp single = GaussianProcess.fit(one, new double[] {0.8}, GpConfig.search());
    Posterior p = single.posterior(one).marginals();
    assertEquals(-Math.log(0.2), p.mean()[0], 1e-3, "one point: the mean passes near it");
    assertEquals(-Math.log(0.2), single.incumbent(), TOL);

    // Duplicate architectures with different targets: the mean at the duplicate is their average.
    ArchitectureFeatures x = ex.extract(space.encode(Nb201Cell.of("nor_conv_3x3", "nor_conv_3x3", "nor_conv_3x3",
        "nor_conv_3x3", "nor_conv_3x3", "nor_conv_3x3")));
    List<ArchitectureFeatures> dup = List.of(x, x);
    FittedGp d = GaussianProcess.fit(dup, new double[] {0.6, 0.8}, GpConfig.search().withFixedNoise(1e-3));
    double avg = (-Math.log(0.4) - Math.log(0.2)) / 2;
    assertEquals(avg, d.posterior(List.of(x)).marginals().mean()[0], 1e-6);

    // Constant targets: the posterior mean is that constant everywhere.
    List<ArchitectureFeatures> xs = sample(10, rng);
    double[] c = new double[10];
    java.util.Arrays.fill(c, 0.7);
    FittedGp constant = GaussianProcess.fit(xs, c, GpConfig.search());
    for (double m : constant.posterior(sample(5, rng)).marginals().mean()) assertEquals(-Math.log(0.3), m, 1e-12);

    double[] bad = accuracies(10, rng);
    bad[3] = Double.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GaussianProcess.fit(xs, bad, GpConfig.search()));
    assertTrue(e.getMessage().contains("observation 3"), e.getMessage());
    bad[3] = Double.POSITIVE_INFINITY;
    assertThrows(IllegalArgumentException.class, () -> GaussianProcess.fit(xs, bad, GpConfig.search()));
    bad[3] = 1.0;
    e = assertThrows(IllegalArgumentException.class, () -> GaussianProcess.fit(xs, bad, GpConfig.search()));
    assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GaussianProcess.fit(List.of(), new double[0], GpConfig.search()));
  }

  @Test
  void incumbentIsTheObservationWithTheHighestPosteriorMean() {
    SplittableRandom rng = new SplittableRandom(6);
    List<ArchitectureFeatures> xs = sample(30, rng);
    double[] acc = accuracies(30, rng);
    FittedGp gp = GaussianProcess.fit(xs, acc, GpConfig.search());
    double[] mu = gp.posterior(xs).marginals().mean();
    int best = 0;
    for (int i = 1; i < mu.length; i++) if (mu[i] > mu[best]) best = i;
    assertEquals(-Math.log(1 - acc[best]), gp.incumbent(), TOL);
  }

  @Test
  void dartsArchitecturesFitWithTheMeanOfCellKernels() {
    SplittableRandom rng = new SplittableRandom(7);
    DartsSpace darts = new DartsSpace();
    List<ArchitectureFeatures> xs = new ArrayList<>();
    for (int i = 0; i < 30; i++) xs.add(ex.extract(darts.encode(darts.sample(rng))));
    FittedGp gp = GaussianProcess.fit(xs, accuracies(30, rng), GpConfig.search());
    Posterior p = gp.posterior(xs).marginals();
    for (double v : p.latentVariance()) assertTrue(v >= 0 && v < gp.targetScale() * gp.targetScale());
    assertEquals(2, xs.get(0).cellCount());
  }

  @Test
  void parallelAndSequentialScoringAgreeExactly() {
    SplittableRandom rng = new SplittableRandom(8);
    List<ArchitectureFeatures> xs = sample(50, rng);
    double[] acc = accuracies(50, rng);
    List<ArchitectureFeatures> pool = sample(700, rng);
    Posterior a = GaussianProcess.fit(xs, acc, GpConfig.search().withParallel(true)).posterior(pool).marginals();
    Posterior b = GaussianProcess.fit(xs, acc, GpConfig.search().withParallel(false)).posterior(pool).marginals();
    assertTrue(java.util.Arrays.equals(a.mean(), b.mean()));
    assertTrue(java.util.Arrays.equals(a.latentVariance(), b.latentVariance()));
  }
}
