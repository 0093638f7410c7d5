package org.nasbowl.core.acquisition;

import java.util.random.RandomGenerator;
import org.nasbowl.core.gp.PoolPosterior;

/**
 * Batch Thompson sampling: B independent joint draws from the latent posterior over the pool (one shared
 * factorisation, see {@link ThompsonSampling}); draw k picks its argmax among the members not picked by draws
 * 1..k-1 (ties to the lower index). The acquisition function argument is ignored and may be null.
 */
public record ThompsonBatch() implements BatchSelector {

  @Override
  public int[] select(PoolPosterior pool, AcquisitionFunction acq, int batchSize, RandomGenerator rng) {
    Acquisitions.requireBatchSize(batchSize);
    ThompsonSampling sampler = ThompsonSampling.of(pool);
    int m = sampler.size();
    int n = Math.min(batchSize, m);
    boolean[] picked = new boolean[m];
    int[] picks = new int[n];
    for (int k = 0; k < n; k++) {
      int b = Acquisitions.argmaxUnpicked(sampler.draw(rng), picked);
      picks[k] = b;
      picked[b] = true;
    }
    return picks;
  }
}
