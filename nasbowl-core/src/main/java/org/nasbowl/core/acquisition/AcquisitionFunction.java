package org.nasbowl.core.acquisition;

import org.nasbowl.core.gp.Posterior;

/**
 * Scores every pool member from the GP posterior; higher is more attractive. Targets are maximised (NAS-BOWL
 * models -log(1 - accuracy)), so improvement means exceeding the incumbent.
 */
public interface AcquisitionFunction {

  /**
   * The acquisition value of every pool member, in pool order.
   *
   * @param posterior the posterior marginals over the pool
   * @param incumbent the best value so far (PoolPosterior.incumbent(), or a fantasy-updated one during batch
   *     selection); functions that do not use it (UCB) ignore it
   * @return a new array of posterior.size() values
   */
  double[] score(Posterior posterior, double incumbent);
}
