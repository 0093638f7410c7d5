package org.nasbowl.core.gp;

/**
 * The value improvement-based acquisitions (EI, PI) improve on, chosen among the training points
 * (ALGORITHM.md section 5). All three are in target units.
 */
public enum Incumbent {
  /** The observed target of the training point with the highest posterior mean (the original's). */
  OBSERVED_AT_BEST_MEAN,
  /** The highest observed target. */
  BEST_OBSERVED,
  /** The highest posterior mean at a training point. */
  BEST_MEAN
}
