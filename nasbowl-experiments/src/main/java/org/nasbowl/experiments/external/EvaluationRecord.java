package org.nasbowl.experiments.external;

import org.nasbowl.core.bo.Observation;

/**
 * One finished evaluation: its id (the 1-based position among all proposals, also the name of its
 * {@code evals/<id>.out} and {@code .err} files), the architecture in the space's notation, what the optimiser was
 * told, the wall time in seconds (NaN if unknown), and the replicate (0 for the architecture's first evaluation,
 * r for its r-th re-evaluation with training seed r).
 */
public record EvaluationRecord(int id, String architecture, Observation observation, double seconds, int replicate) {
  /** An architecture's first evaluation. */
  public EvaluationRecord(int id, String architecture, Observation observation, double seconds) {
    this(id, architecture, observation, seconds, 0);
  }

  public boolean ok() {
    return observation.ok();
  }
}
