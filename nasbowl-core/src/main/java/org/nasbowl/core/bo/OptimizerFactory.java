package org.nasbowl.core.bo;

import org.nasbowl.core.space.SearchSpace;

/** Creates a fresh optimiser for a space and a seed; together with a log, this is an optimiser's whole state. */
@FunctionalInterface
public interface OptimizerFactory {
  <A> Optimizer<A> create(SearchSpace<A> space, long seed);
}
