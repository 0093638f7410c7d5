package org.nasbowl.core.acquisition;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.nasbowl.core.gp.PoolPosterior;

/**
 * Thompson sampling: joint draws of the latent function over the whole pool from the posterior,
 * f = mu + L z with z standard normal and L the lower Cholesky factor of the latent covariance plus a small
 * jitter on the diagonal. The jitter starts at 1e-10 times the mean diagonal (the mean latent variance) and
 * escalates to 1e-8 and 1e-6 if the factorisation fails, which it does for near-duplicate pool members (the
 * posterior covariance of a pool is often singular to rounding). The jitter adds independent noise of that
 * variance to each draw, negligible next to the posterior variances.
 *
 * <p>An instance holds the factor, so several draws share one O(m^3) factorisation; each draw costs O(m^2).
 * The factor needs m^2 doubles, so this is for pools of up to a few thousand members.
 */
public final class ThompsonSampling {
  private static final double[] RELATIVE_JITTERS = {1e-10, 1e-8, 1e-6};

  private final double[] mean;
  /** Row-major lower-triangular m x m factor; null when every variance is zero (draws equal the mean). */
  private final double[] lower;
  private final double jitter;

  private ThompsonSampling(double[] mean, double[] lower, double jitter) {
    this.mean = mean;
    this.lower = lower;
    this.jitter = jitter;
  }

  /** One joint draw of the latent function over the pool. */
  public static double[] sample(PoolPosterior pool, RandomGenerator rng) {
    return of(pool).draw(rng);
  }

  /**
   * Factorises the pool's latent covariance for repeated draws.
   *
   * @throws IllegalArgumentException if the covariance is not square of the pool's size, holds a non-finite
   *     value or a negative variance
   * @throws IllegalStateException if it is not positive semi-definite even with the largest jitter
   */
  public static ThompsonSampling of(PoolPosterior pool) {
    double[] mean = pool.marginals().mean().clone();
    int m = mean.length;
    double[][] cov = pool.latentCovariance();
    if (cov.length != m) {
      throw new IllegalArgumentException("covariance has " + cov.length + " rows for a pool of " + m);
    }
    double diagonalSum = 0;
    boolean allZero = true;
    for (int i = 0; i < m; i++) {
      if (cov[i].length != m) {
        throw new IllegalArgumentException("covariance row " + i + " has " + cov[i].length + " entries, expected " + m);
      }
      for (int j = 0; j < m; j++) {
        if (!Double.isFinite(cov[i][j])) {
          throw new IllegalArgumentException("covariance entry (" + i + ", " + j + ") is not finite: " + cov[i][j]);
        }
        if (cov[i][j] != 0) allZero = false;
      }
      if (cov[i][i] < 0) throw new IllegalArgumentException("negative variance at pool member " + i + ": " + cov[i][i]);
      diagonalSum += cov[i][i];
    }
    if (m == 0 || allZero) return new ThompsonSampling(mean, null, 0.0);
    double meanDiagonal = diagonalSum / m;
    if (!(meanDiagonal > 0)) {
      throw new IllegalArgumentException("all variances are zero but some covariances are not");
    }
    for (double relative : RELATIVE_JITTERS) {
      double jitter = relative * meanDiagonal;
      DMatrixRMaj a = new DMatrixRMaj(cov);
      for (int i = 0; i < m; i++) a.data[i * m + i] += jitter;
      CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(m, true);
      if (chol.decompose(a)) {
        DMatrixRMaj factor = chol.getT(null);
        return new ThompsonSampling(mean, factor.data, jitter);
      }
    }
    throw new IllegalStateException("the latent posterior covariance of the pool (" + m + " members) is not positive"
        + " semi-definite: Cholesky failed even with jitter 1e-6 x mean variance = "
        + RELATIVE_JITTERS[RELATIVE_JITTERS.length - 1] * meanDiagonal);
  }

  /** One joint draw mean + L z over the pool, z from rng.nextGaussian() (m normals per draw). */
  public double[] draw(RandomGenerator rng) {
    int m = mean.length;
    double[] f = mean.clone();
    if (lower == null) return f;
    double[] z = new double[m];
    for (int i = 0; i < m; i++) z[i] = rng.nextGaussian();
    for (int i = 0; i < m; i++) {
      double s = 0;
      int row = i * m;
      for (int k = 0; k <= i; k++) s += lower[row + k] * z[k];
      f[i] += s;
    }
    return f;
  }

  /** The diagonal jitter the factorisation needed (target units squared); 0 for a degenerate posterior. */
  public double jitter() {
    return jitter;
  }

  /** The pool size. */
  public int size() {
    return mean.length;
  }
}
