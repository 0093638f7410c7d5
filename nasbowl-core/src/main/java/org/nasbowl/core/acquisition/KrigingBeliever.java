package org.nasbowl.core.acquisition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.nasbowl.core.gp.PoolPosterior;
import org.nasbowl.core.gp.Posterior;

/**
 * Kriging believer batch selection, the default (ALGORITHM.md section 5): pick the acquisition argmax, then
 * pretend it was observed at its posterior mean and pick again from the updated posterior, until B picks.
 *
 * <p>Conditioning on a fantasy observation y_b = mu(x_b) (observed with the posterior's noise variance) leaves
 * the posterior mean unchanged everywhere and shrinks the latent covariance by a rank-one term:
 * cov'(x, y) = cov(x, y) - cov(x, x_b) cov(y, x_b) / (var(x_b) + noise); in particular
 * var'(x) = var(x) - cov(x, x_b)^2 / (var(x_b) + noise). The incumbent becomes max(incumbent, mu(x_b)), since a
 * fantasy point's observed value is its mean, and the acquisition values are recomputed.
 *
 * <p>Only the covariance columns of the picks are ever needed: column b under the earlier fantasies is the
 * prior column {@link PoolPosterior#latentCovarianceColumn(int)} minus the rank-one terms of the earlier picks,
 * which need only their own (updated) columns. So memory is O(B m) and time O(B^2 m) plus B column requests and
 * B acquisition evaluations; the full m x m covariance is never formed. This is the exact sequential Gaussian
 * conditioning (as a refit with the fantasy would give with fixed hyperparameters). A pick that is already
 * certain (zero variance and zero noise) carries no information and changes nothing.
 */
public record KrigingBeliever() implements BatchSelector {

  @Override
  public int[] select(PoolPosterior pool, AcquisitionFunction acq, int batchSize, RandomGenerator rng) {
    Acquisitions.requireBatchSize(batchSize);
    Objects.requireNonNull(acq, "acquisition function");
    Posterior prior = pool.marginals();
    int m = prior.size();
    int n = Math.min(batchSize, m);
    double[] mean = prior.mean();
    double noise = prior.noiseVariance();
    double[] variance = prior.latentVariance().clone();
    double incumbent = pool.incumbent();
    boolean[] picked = new boolean[m];
    int[] picks = new int[n];
    List<double[]> columns = new ArrayList<>(n); // updated covariance column of each informative pick
    List<Double> scales = new ArrayList<>(n); // its var(x_b) + noise at the time of the pick
    Posterior current = prior;
    for (int k = 0; k < n; k++) {
      double[] scores = acq.score(current, incumbent);
      Acquisitions.requireScores(scores, m);
      int b = Acquisitions.argmaxUnpicked(scores, picked);
      picks[k] = b;
      picked[b] = true;
      incumbent = Math.max(incumbent, mean[b]);
      if (k == n - 1) break;

      double[] column = pool.latentCovarianceColumn(b).clone();
      if (column.length != m) {
        throw new IllegalStateException("covariance column has " + column.length + " entries for a pool of " + m);
      }
      for (int j = 0; j < columns.size(); j++) {
        double[] earlier = columns.get(j);
        double factor = earlier[b] / scales.get(j);
        if (factor == 0) continue;
        for (int x = 0; x < m; x++) column[x] -= earlier[x] * factor;
      }
      double scale = Math.max(variance[b], 0.0) + noise;
      if (!(scale > 0)) continue; // certain already: the fantasy adds nothing
      for (int x = 0; x < m; x++) variance[x] -= column[x] * column[x] / scale;
      columns.add(column);
      scales.add(scale);
      current = new Posterior(mean, variance.clone(), noise);
    }
    return picks;
  }
}
