package org.nasbowl.core.acquisition;

import org.nasbowl.core.gp.Posterior;

/**
 * Upper confidence bound UCB = mu + beta * sigma: beta multiplies the standard deviation (not the variance, and
 * it is not squared or square-rooted). The default beta = 2.22 is the original implementation's effective value
 * (ALGORITHM.md section 5). The incumbent is ignored.
 *
 * @param beta the multiplier of sigma, finite and &gt;= 0; default 2.22
 * @param uncertainty which standard deviation sigma is; default {@link Uncertainty#LATENT}
 */
public record UpperConfidenceBound(double beta, Uncertainty uncertainty) implements AcquisitionFunction {
  /** The original implementation's effective beta. */
  public static final double DEFAULT_BETA = 2.22;

  public UpperConfidenceBound {
    requireBeta(beta);
    if (uncertainty == null) throw new IllegalArgumentException("uncertainty must not be null");
  }

  /**
   * Checks a beta before it is stored, e.g. in a configuration that builds this acquisition later.
   *
   * @return beta
   * @throws IllegalArgumentException unless beta is finite and &gt;= 0
   */
  public static double requireBeta(double beta) {
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be finite and >= 0: " + beta);
    }
    return beta;
  }

  /** The default: beta = 2.22 with the latent standard deviation. */
  public UpperConfidenceBound() {
    this(DEFAULT_BETA, Uncertainty.LATENT);
  }

  /** The given beta with the latent standard deviation. */
  public UpperConfidenceBound(double beta) {
    this(beta, Uncertainty.LATENT);
  }

  @Override
  public double[] score(Posterior posterior, double incumbent) {
    double[] mean = posterior.mean();
    double[] out = new double[mean.length];
    for (int i = 0; i < out.length; i++) out[i] = mean[i] + beta * uncertainty.std(posterior, i);
    return out;
  }
}
