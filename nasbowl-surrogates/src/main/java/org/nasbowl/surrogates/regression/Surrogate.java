package org.nasbowl.surrogates.regression;

import java.util.List;

/**
 * A performance predictor for the surrogate-regression experiment (ALGORITHM.md section 9): fitted on
 * architectures and their validation accuracies, it predicts the accuracy of new architectures. Every fit is
 * seeded and reproducible; hyperparameters are fixed a priori or tuned on the training data only.
 *
 * @param <A> the architecture type of the search space the surrogate was created for
 */
public interface Surrogate<A> {

  /**
   * Fits the model.
   *
   * @param architectures training architectures (at least 2)
   * @param targets their validation accuracies in [0, 1], finite
   * @param seed the seed of every random choice of this fit
   * @throws IllegalArgumentException for mismatched lengths, fewer than 2 points, or non-finite targets
   */
  Fitted<A> fit(List<A> architectures, double[] targets, long seed);

  /** A fitted model. */
  interface Fitted<A> {
    Prediction predict(List<A> architectures);
  }

  /** Shared argument checks, with the messages every implementation gives. */
  static void checkTraining(List<?> architectures, double[] targets) {
    if (architectures.size() != targets.length) {
      throw new IllegalArgumentException(architectures.size() + " architectures but " + targets.length + " targets");
    }
    if (targets.length < 2) throw new IllegalArgumentException("need at least 2 training points, got " + targets.length);
    for (int i = 0; i < targets.length; i++) {
      if (!Double.isFinite(targets[i])) {
        throw new IllegalArgumentException("target " + i + " is " + targets[i] + "; targets must be finite");
      }
    }
  }
}
