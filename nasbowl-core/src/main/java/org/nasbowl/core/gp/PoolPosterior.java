package org.nasbowl.core.gp;

/**
 * The joint posterior of a GP over a fixed pool of candidates: the marginals plus latent covariances, which
 * batch selection (Kriging believer) and Thompson sampling need. Covariances are in target units.
 */
public interface PoolPosterior {

  /** The marginal posterior of every pool member. */
  Posterior marginals();

  /** Latent posterior covariance cov(f(x_i), f(x_b)) for every pool member i (column b of the covariance). */
  double[] latentCovarianceColumn(int b);

  /**
   * The full latent posterior covariance matrix over the pool (m x m, row-major as double[m][m]). Costs O(m^2 n)
   * time and O(m^2) memory.
   */
  double[][] latentCovariance();

  /**
   * The incumbent for improvement-based acquisition (ALGORITHM.md section 5, as the original): the observed
   * target of the training point with the highest posterior mean.
   */
  double incumbent();

  /** This posterior with another incumbent (for example {@link FittedGp#incumbent(Incumbent)}). */
  default PoolPosterior withIncumbent(double value) {
    PoolPosterior self = this;
    return new PoolPosterior() {
      @Override
      public Posterior marginals() {
        return self.marginals();
      }

      @Override
      public double[] latentCovarianceColumn(int b) {
        return self.latentCovarianceColumn(b);
      }

      @Override
      public double[][] latentCovariance() {
        return self.latentCovariance();
      }

      @Override
      public double incumbent() {
        return value;
      }
    };
  }
}
