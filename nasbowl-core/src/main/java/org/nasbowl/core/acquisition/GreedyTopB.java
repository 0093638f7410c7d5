package org.nasbowl.core.acquisition;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.nasbowl.core.gp.PoolPosterior;
import org.nasbowl.core.gp.Posterior;

/**
 * The original's batch rule: score the pool once and take the B members with the highest acquisition values,
 * best first; equal values go to the lower pool index. Near-duplicate candidates with high values are all taken,
 * which is what {@link KrigingBeliever} avoids.
 */
public record GreedyTopB() implements BatchSelector {

  @Override
  public int[] select(PoolPosterior pool, AcquisitionFunction acq, int batchSize, RandomGenerator rng) {
    Acquisitions.requireBatchSize(batchSize);
    Objects.requireNonNull(acq, "acquisition function");
    Posterior posterior = pool.marginals();
    int m = posterior.size();
    double[] scores = acq.score(posterior, pool.incumbent());
    Acquisitions.requireScores(scores, m);
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) order[i] = i;
    // Primitive comparisons, so that 0.0 and -0.0 tie (Double.compare would order them). No NaN here.
    Arrays.sort(order, (a, b) -> scores[a] > scores[b] ? -1 : scores[a] < scores[b] ? 1 : Integer.compare(a, b));
    int n = Math.min(batchSize, m);
    int[] picks = new int[n];
    for (int k = 0; k < n; k++) picks[k] = order[k];
    return picks;
  }
}
