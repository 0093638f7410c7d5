package org.nasbowl.core.acquisition;

/** Shared argument checks and argmax helpers of the acquisition package. */
final class Acquisitions {
  private Acquisitions() {}

  static void requireIncumbent(double incumbent) {
    if (Double.isNaN(incumbent)) throw new IllegalArgumentException("incumbent is NaN");
  }

  /** Checks that a score array fits the pool and holds no NaN (a NaN would make argmax meaningless). */
  static void requireScores(double[] scores, int poolSize) {
    if (scores.length != poolSize) {
      throw new IllegalStateException("acquisition returned " + scores.length + " values for a pool of " + poolSize);
    }
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) throw new IllegalStateException("acquisition value of pool member " + i + " is NaN");
    }
  }

  /** The index of the largest value among members not yet picked, ties to the lower index; -1 if none left. */
  static int argmaxUnpicked(double[] values, boolean[] picked) {
    int best = -1;
    for (int i = 0; i < values.length; i++) {
      if (picked[i]) continue;
      if (best < 0 || values[i] > values[best]) best = i;
    }
    return best;
  }

  static void requireBatchSize(int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
  }
}
