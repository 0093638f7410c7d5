package org.nasbowl.core.acquisition;

import org.nasbowl.core.gp.Posterior;

/**
 * Which posterior standard deviation an acquisition function uses: that of the latent function f (the
 * default: the uncertainty that querying can remove) or the predictive one of a noisy observation y = f + eps.
 */
public enum Uncertainty {
  /** sqrt(latent variance): the uncertainty about f itself. The default of every acquisition function. */
  LATENT,
  /** sqrt(latent variance + noise variance): the uncertainty about a new noisy observation. */
  PREDICTIVE;

  /**
   * The standard deviation of pool member i. A negative latent variance counts as 0: a GP's
   * k(x,x) - k_*^T K^-1 k_* can come out slightly below zero by rounding, and a fantasy update can too.
   *
   * @throws IllegalArgumentException if the variance is NaN or infinite
   */
  public double std(Posterior posterior, int i) {
    double v = posterior.latentVariance()[i];
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("latent variance of pool member " + i + " is not finite: " + v);
    }
    v = Math.max(v, 0.0);
    if (this == PREDICTIVE) v += posterior.noiseVariance();
    return Math.sqrt(v);
  }
}
