package org.nasbowl.core.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class LikelihoodProfileTest {

  /** A random PSD matrix of rank r (r < n gives a singular K, as WL kernels at small h are). */
  static double[] randomKernel(int n, int r, SplittableRandom rng) {
    double[] x = new double[n * r];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
    double[] k = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int t = 0; t < r; t++) s += x[i * r + t] * x[j * r + t];
        k[i * n + j] = s;
      }
    }
    return k;
  }

  @Test
  void matchesCholeskyLikelihoodForEveryNoiseLevel() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int[] shape : new int[][] {{1, 1}, {2, 1}, {7, 3}, {40, 40}, {60, 12}, {120, 200}}) {
      int n = shape[0];
      double[] k = randomKernel(n, shape[1], rng);
      double[] z = new double[n];
      for (int i = 0; i < n; i++) z[i] = rng.nextGaussian();
      LikelihoodProfile profile = new LikelihoodProfile(k, z);
      for (double lambda : new double[] {1e-5, 1e-4, 3e-3, 1e-2, 0.5, 3}) {
        DMatrixRMaj l = GaussianProcess.cholesky(k, n, lambda);
        double direct = FittedGp.logMarginalLikelihood(l, z);
        assertEquals(direct, profile.logMarginalLikelihood(lambda), 1e-8 * Math.max(1, Math.abs(direct)),
            "n=" + n + " lambda=" + lambda);
      }
    }
  }

  @Test
  void lowRankFeatureSpaceFormMatchesTheFullProfile() {
    SplittableRandom rng = new SplittableRandom(6);
    org.nasbowl.core.space.nb201.Nb201Space space = new org.nasbowl.core.space.nb201.Nb201Space();
    org.nasbowl.core.kernel.WlFeatureExtractor ex = new org.nasbowl.core.kernel.WlFeatureExtractor(2);
    java.util.List<org.nasbowl.core.kernel.ArchitectureFeatures> xs = new java.util.ArrayList<>();
    for (int i = 0; i < 150; i++) xs.add(ex.extract(space.encode(space.sample(rng))));
    org.nasbowl.core.kernel.KernelMatrices km =
        org.nasbowl.core.kernel.KernelMatrices.of(xs, org.nasbowl.core.kernel.BaseKernel.DOT_PRODUCT, 2);
    double[] z = new double[150];
    for (int i = 0; i < z.length; i++) z[i] = rng.nextGaussian();
    for (int h = 0; h <= 2; h++) {
      org.nasbowl.core.kernel.KernelMatrices.FeatureSpace f = km.featureSpace(h);
      LikelihoodProfile full = new LikelihoodProfile(km.normalized(h), z);
      LikelihoodProfile low = LikelihoodProfile.lowRank(f.gram(), f.project(z), z);
      for (double lambda : new double[] {1e-5, 1e-3, 1e-2, 1}) {
        double a = full.logMarginalLikelihood(lambda);
        assertEquals(a, low.logMarginalLikelihood(lambda), 1e-7 * Math.abs(a), "h=" + h + " lambda=" + lambda);
      }
    }
  }

  @Test
  void zeroTargetsGiveTheDeterminantTermOnly() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 30;
    double[] k = randomKernel(n, 10, rng);
    double[] z = new double[n];
    LikelihoodProfile profile = new LikelihoodProfile(k, z);
    DMatrixRMaj l = GaussianProcess.cholesky(k, n, 1e-3);
    assertEquals(FittedGp.logMarginalLikelihood(l, z), profile.logMarginalLikelihood(1e-3), 1e-8);
  }
}
