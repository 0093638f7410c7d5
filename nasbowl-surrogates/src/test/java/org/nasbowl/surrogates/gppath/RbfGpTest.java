package org.nasbowl.surrogates.gppath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.gp.PoolPosterior;

class RbfGpTest {
  private static final double TOL = 1e-9;

  private static double[][] binary(int n, int d, SplittableRandom rng) {
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) x[i][j] = rng.nextDouble() < 0.4 ? 1 : 0;
    }
    return x;
  }

  /** A tiny problem with a few duplicated inputs (path encodings of isomorphic cells collide). */
  private static double[][] trainX() {
    double[][] x = binary(9, 6, new SplittableRandom(21));
    x[8] = x[2].clone();
    return x;
  }

  private static double[] trainY(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = 2 + x[i][0] - 0.5 * x[i][1] + 0.3 * x[i][2] * x[i][3] + 0.01 * i;
    return y;
  }

  private static double[] standardise(double[] y) {
    int n = y.length;
    double m = 0;
    for (double v : y) m += v / n;
    double ss = 0;
    for (double v : y) ss += (v - m) * (v - m);
    double sd = Math.sqrt(ss / (n - 1));
    double[] z = new double[n];
    for (int i = 0; i < n; i++) z[i] = (y[i] - m) / sd;
    return z;
  }

  private static DMatrixRMaj gram(double[][] a, double[][] b, double l) {
    DMatrixRMaj k = new DMatrixRMaj(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < b.length; j++) {
        double s = 0;
        for (int t = 0; t < a[i].length; t++) s += (a[i][t] - b[j][t]) * (a[i][t] - b[j][t]);
        k.set(i, j, Math.exp(-s / (2 * l * l)));
      }
    }
    return k;
  }

  /** Dense log marginal likelihood with an explicit inverse and determinant. */
  private static double denseLml(double[][] x, double[] z, double l, double noise) {
    int n = x.length;
    DMatrixRMaj a = gram(x, x, l);
    for (int i = 0; i < n; i++) a.add(i, i, noise);
    double logDet = Math.log(CommonOps_DDRM.det(a));
    DMatrixRMaj inv = a.copy();
    CommonOps_DDRM.invert(inv);
    double quad = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) quad += z[i] * inv.get(i, j) * z[j];
    }
    return -0.5 * quad - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI);
  }

  @Test
  void chosenLengthscaleAndNoiseMaximiseTheLikelihoodOnTheGrid() {
    double[][] x = trainX();
    double[] y = trainY(x);
    double[] z = standardise(y);
    List<Double> ls = GpPathConfig.logGrid(0.25, 8, 6);
    List<Double> noises = List.of(1e-4, 1e-2, 0.3);
    RbfGp gp = RbfGp.fit(x, y, ls, noises);
    assertEquals(ls.size() * noises.size(), gp.selection().size());
    double best = Double.NEGATIVE_INFINITY;
    double bestL = 0;
    double bestNoise = 0;
    int k = 0;
    for (double l : ls) {
      for (double lambda : noises) {
        RbfGp.Candidate c = gp.selection().get(k++);
        assertEquals(l, c.lengthscale());
        assertEquals(lambda, c.noise());
        double dense = denseLml(x, z, l, lambda);
        assertEquals(dense, c.logMarginalLikelihood(), 1e-8 * Math.max(1, Math.abs(dense)));
        if (dense > best) {
          best = dense;
          bestL = l;
          bestNoise = lambda;
        }
      }
    }
    assertEquals(bestL, gp.lengthscale());
    assertEquals(bestNoise, gp.noise());
    assertEquals(best, gp.logMarginalLikelihood(), 1e-8 * Math.abs(best));
    // The grid has a maximum inside (not a degenerate problem): the chosen lengthscale is not the largest.
    assertTrue(gp.lengthscale() < ls.get(ls.size() - 1), "lengthscale " + gp.lengthscale());
  }

  @Test
  void posteriorMatchesDenseComputation() {
    double[][] x = trainX();
    double[] y = trainY(x);
    RbfGp gp = RbfGp.fit(x, y, GpPathConfig.logGrid(0.5, 4, 4), List.of(1e-3, 1e-2));
    double l = gp.lengthscale();
    double lambda = gp.noise();
    int n = x.length;
    double[] z = standardise(y);
    double mean = 0;
    for (double v : y) mean += v / n;
    double sd = gp.targetScale();
    assertEquals(mean, gp.targetMean(), 1e-12);

    double[][] pool = binary(7, 6, new SplittableRandom(8));
    pool[3] = x[0].clone();
    DMatrixRMaj a = gram(x, x, l);
    for (int i = 0; i < n; i++) a.add(i, i, lambda);
    DMatrixRMaj inv = a.copy();
    CommonOps_DDRM.invert(inv);
    DMatrixRMaj ks = gram(x, pool, l);
    DMatrixRMaj kss = gram(pool, pool, l);
    DMatrixRMaj zv = new DMatrixRMaj(n, 1, true, z);
    DMatrixRMaj alpha = new DMatrixRMaj(n, 1);
    CommonOps_DDRM.mult(inv, zv, alpha);
    DMatrixRMaj invKs = new DMatrixRMaj(n, pool.length);
    CommonOps_DDRM.mult(inv, ks, invKs);
    DMatrixRMaj cov = new DMatrixRMaj(pool.length, pool.length);
    CommonOps_DDRM.multTransA(ks, invKs, cov);

    PoolPosterior post = gp.posterior(pool);
    double[][] full = post.latentCovariance();
    for (int j = 0; j < pool.length; j++) {
      double mu = 0;
      for (int i = 0; i < n; i++) mu += ks.get(i, j) * alpha.get(i);
      assertEquals(mean + sd * mu, post.marginals().mean()[j], TOL);
      assertEquals(sd * sd * (1 - cov.get(j, j)), post.marginals().latentVariance()[j], TOL);
      double[] column = post.latentCovarianceColumn(j);
      for (int b = 0; b < pool.length; b++) {
        double want = sd * sd * (kss.get(b, j) - cov.get(b, j));
        assertEquals(want, column[b], TOL);
        assertEquals(want, full[b][j], TOL);
      }
    }
    assertEquals(sd * sd * lambda, post.marginals().noiseVariance(), 1e-15);

    // Incumbent: the observed target of the training point with the highest posterior mean.
    DMatrixRMaj k = gram(x, x, l);
    DMatrixRMaj fitted = new DMatrixRMaj(n, 1);
    CommonOps_DDRM.mult(k, alpha, fitted);
    int arg = 0;
    for (int i = 1; i < n; i++) if (fitted.get(i) > fitted.get(arg)) arg = i;
    assertEquals(y[arg], gp.incumbent());
    assertEquals(y[arg], post.incumbent());
  }

  @Test
  void kernelIsTheSquaredExponential() {
    double[] a = {1, 0, 1};
    double[] b = {0, 0, 1};
    assertEquals(Math.exp(-1.0 / 8), RbfGp.kernel(a, b, 2), 1e-15);
    assertEquals(1.0, RbfGp.kernel(a, a, 0.1));
  }

  @Test
  void rejectsBadInput() {
    double[][] x = {{1, 0}, {0, 1}};
    double[] y = {1, 2};
    assertThrows(IllegalArgumentException.class, () -> RbfGp.fit(new double[0][], new double[0], List.of(1.0),
        List.of(1e-3)));
    assertThrows(IllegalArgumentException.class, () -> RbfGp.fit(x, new double[] {1}, List.of(1.0), List.of(1e-3)));
    assertThrows(IllegalArgumentException.class, () -> RbfGp.fit(x, y, List.of(), List.of(1e-3)));
    assertThrows(IllegalArgumentException.class, () -> RbfGp.fit(x, y, List.of(1.0), List.of(0.0)));
    assertThrows(IllegalArgumentException.class, () -> RbfGp.fit(x, new double[] {1, Double.NaN}, List.of(1.0),
        List.of(1e-3)));
  }
}
