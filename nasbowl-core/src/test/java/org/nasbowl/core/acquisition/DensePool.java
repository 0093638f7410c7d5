package org.nasbowl.core.acquisition;

import org.nasbowl.core.gp.PoolPosterior;
import org.nasbowl.core.gp.Posterior;

/** A test PoolPosterior given by an explicit mean vector and latent covariance matrix. */
record DensePool(double[] mean, double[][] cov, double noise, double incumbent) implements PoolPosterior {
  DensePool {
    if (cov.length != mean.length) throw new IllegalArgumentException("size mismatch");
  }

  /** Independent members with the given variances. */
  static DensePool independent(double[] mean, double[] variance, double noise, double incumbent) {
    double[][] cov = new double[mean.length][mean.length];
    for (int i = 0; i < mean.length; i++) cov[i][i] = variance[i];
    return new DensePool(mean, cov, noise, incumbent);
  }

  @Override
  public Posterior marginals() {
    double[] variance = new double[mean.length];
    for (int i = 0; i < variance.length; i++) variance[i] = cov[i][i];
    return new Posterior(mean.clone(), variance, noise);
  }

  @Override
  public double[] latentCovarianceColumn(int b) {
    double[] column = new double[mean.length];
    for (int i = 0; i < column.length; i++) column[i] = cov[i][b];
    return column;
  }

  @Override
  public double[][] latentCovariance() {
    double[][] copy = new double[cov.length][];
    for (int i = 0; i < cov.length; i++) copy[i] = cov[i].clone();
    return copy;
  }
}
