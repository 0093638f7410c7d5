package org.nasbowl.core.acquisition;

import org.nasbowl.core.gp.Posterior;

/**
 * Expected improvement over the incumbent f* with exploration margin xi (ALGORITHM.md section 5; the original
 * uses xi = 0): EI = (mu - f* - xi) Phi(z) + sigma phi(z) with z = (mu - f* - xi) / sigma, and
 * max(mu - f* - xi, 0) when sigma = 0. Evaluated as sigma E[max(z + Z, 0)] with
 * {@link StandardNormal#expectedPositivePart}, so it keeps its relative accuracy for candidates far below the
 * incumbent (until it underflows, near z = -38).
 *
 * @param xi the margin subtracted from the improvement (target units), finite; default 0
 * @param uncertainty which standard deviation sigma is; default {@link Uncertainty#LATENT}
 */
public record ExpectedImprovement(double xi, Uncertainty uncertainty) implements AcquisitionFunction {
  public ExpectedImprovement {
    if (!Double.isFinite(xi)) throw new IllegalArgumentException("xi must be finite: " + xi);
    if (uncertainty == null) throw new IllegalArgumentException("uncertainty must not be null");
  }

  /** The default: xi = 0 with the latent standard deviation. */
  public ExpectedImprovement() {
    this(0.0, Uncertainty.LATENT);
  }

  /** The given margin with the latent standard deviation. */
  public ExpectedImprovement(double xi) {
    this(xi, Uncertainty.LATENT);
  }

  @Override
  public double[] score(Posterior posterior, double incumbent) {
    Acquisitions.requireIncumbent(incumbent);
    double[] mean = posterior.mean();
    double[] out = new double[mean.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = value(mean[i], uncertainty.std(posterior, i), incumbent);
    }
    return out;
  }

  /** EI at one point with posterior mean mu and standard deviation sigma &gt;= 0. */
  public double value(double mu, double sigma, double incumbent) {
    double d = mu - incumbent - xi;
    if (sigma == 0) return Math.max(d, 0.0);
    double z = d / sigma;
    if (z > -3) {
      // No cancellation here: written in d rather than sigma * z so that tiny sigma gives exactly d.
      return d * StandardNormal.cdf(z) + sigma * StandardNormal.pdf(z);
    }
    return sigma * StandardNormal.expectedPositivePart(z);
  }
}
