package org.nasbowl.core.acquisition;

import java.util.random.RandomGenerator;
import org.nasbowl.core.gp.PoolPosterior;

/**
 * Chooses a batch of pool members to query together (ALGORITHM.md section 5; the original queries B = 5 per
 * iteration).
 */
public interface BatchSelector {

  /**
   * Distinct pool indices in pick order. A pool smaller than the batch (an exhausted search space) yields all
   * of its members, so the result has min(batchSize, pool size) entries.
   *
   * @param pool the joint posterior over the candidate pool
   * @param acq the acquisition function to maximise (ignored by {@link ThompsonBatch}, which may get null)
   * @param batchSize B &gt;= 1
   * @param rng the only source of randomness (deterministic selectors ignore it)
   * @throws IllegalArgumentException if batchSize &lt; 1
   * @throws IllegalStateException if the acquisition function returns NaN or the wrong number of values
   */
  int[] select(PoolPosterior pool, AcquisitionFunction acq, int batchSize, RandomGenerator rng);
}
