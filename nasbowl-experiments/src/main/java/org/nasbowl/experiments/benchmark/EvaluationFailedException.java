package org.nasbowl.experiments.benchmark;

/**
 * A benchmark query that failed as a training run can fail (a crash, out of memory, a timeout): the optimiser is
 * told a failed observation with this reason. Planted by {@link ModifiedBenchmark}'s failure regions.
 */
public final class EvaluationFailedException extends RuntimeException {
  public EvaluationFailedException(String reason) {
    super(reason);
  }
}
