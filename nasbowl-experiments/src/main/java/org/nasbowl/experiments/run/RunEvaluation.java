package org.nasbowl.experiments.run;

import org.nasbowl.core.bo.Observation;

/**
 * One finished evaluation of a run, whatever the run's kind.
 *
 * @param id the run's own number for it (evaluation id, trial number or query)
 * @param architecture the architecture in the space's notation
 * @param observation its result (validation accuracy) or failure
 * @param seconds how long it took, NaN if unknown
 * @param start seconds from the run's start to the evaluation's start, NaN if unknown
 * @param end seconds from the run's start to its end, NaN if unknown
 * @param lane who ran it (a worker of a study, a parallel slot of a run), for timelines
 * @param replicate 0 for an architecture's first evaluation, r for its r-th re-evaluation (training seed r)
 */
public record RunEvaluation(int id, String architecture, Observation observation, double seconds, double start,
    double end, String lane, int replicate) {
  /** An architecture's first evaluation. */
  public RunEvaluation(int id, String architecture, Observation observation, double seconds, double start,
      double end, String lane) {
    this(id, architecture, observation, seconds, start, end, lane, 0);
  }

  public boolean ok() {
    return observation.ok();
  }

  public double valid() {
    return observation.ok() ? observation.value().getAsDouble() : Double.NaN;
  }
}
