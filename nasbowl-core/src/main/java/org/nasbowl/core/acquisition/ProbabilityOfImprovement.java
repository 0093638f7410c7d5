package org.nasbowl.core.acquisition;

import org.nasbowl.core.gp.Posterior;

/**
 * Probability of improvement PI = P(f &gt; f* + xi) = Phi((mu - f* - xi) / sigma). With sigma = 0 it is 1 if
 * mu &gt; f* + xi and 0 otherwise (a certain value that only equals f* + xi does not improve on it).
 *
 * <p>PI saturates at 0 far below the incumbent (Phi underflows below z = -37.5), so a pool that is hopeless
 * under PI ties at 0 and batch selection falls back to pool order.
 *
 * @param xi the margin (target units), finite; default 0
 * @param uncertainty which standard deviation sigma is; default {@link Uncertainty#LATENT}
 */
public record ProbabilityOfImprovement(double xi, Uncertainty uncertainty) implements AcquisitionFunction {
  public ProbabilityOfImprovement {
    if (!Double.isFinite(xi)) throw new IllegalArgumentException("xi must be finite: " + xi);
    if (uncertainty == null) throw new IllegalArgumentException("uncertainty must not be null");
  }

  /** The default: xi = 0 with the latent standard deviation. */
  public ProbabilityOfImprovement() {
    this(0.0, Uncertainty.LATENT);
  }

  /** The given margin with the latent standard deviation. */
  public ProbabilityOfImprovement(double xi) {
    this(xi, Uncertainty.LATENT);
  }

  @Override
  public double[] score(Posterior posterior, double incumbent) {
    Acquisitions.requireIncumbent(incumbent);
    double[] mean = posterior.mean();
    double[] out = new double[mean.length];
    for (int i = 0; i < out.length; i++) {
      double d = mean[i] - incumbent - xi;
      double sigma = uncertainty.std(posterior, i);
      out[i] = sigma == 0 ? (d > 0 ? 1.0 : (Double.isNaN(d) ? Double.NaN : 0.0)) : StandardNormal.cdf(d / sigma);
    }
    return out;
  }
}
