package org.nasbowl.experiments.external;

import org.nasbowl.core.bo.Observation;

/**
 * One finished evaluation: its id (the 1-based position of the architecture among all proposals, also the
 * name of its {@code evals/<id>.out} and {@code .err} files), the architecture in the space's notation, what
 * the optimiser was told, and the wall time in seconds (NaN if unknown).
 */
public record EvaluationRecord(int id, String architecture, Observation observation, double seconds) {
  public boolean ok() {
    return observation.ok();
  }
}
