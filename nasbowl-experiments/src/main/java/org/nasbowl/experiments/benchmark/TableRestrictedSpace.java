package org.nasbowl.experiments.benchmark;

import java.util.List;
import java.util.random.RandomGenerator;
import org.nasbowl.core.space.SearchSpace;

/**
 * A search space restricted to the architectures a table covers (e.g. the 20,001-cell NAS-Bench-101 sample):
 * notation, encoding and keys come from the full space; sampling is uniform over the table; mutation draws
 * mutants of the full space until one lies in the table.
 */
public final class TableRestrictedSpace<A> extends TableSpace<A> {
  /** Mutation tries before giving up; with 4.7% table density a miss has probability below 1e-20. */
  static final int MUTATION_TRIES = 1_000;

  private final String name;

  public TableRestrictedSpace(SearchSpace<A> full, String name, List<A> architectures) {
    super(full, architectures);
    this.name = name;
  }

  /** The name of the restriction (the benchmark id), for messages. */
  public String restrictionName() {
    return name;
  }

  @Override
  public A mutate(A parent, RandomGenerator rng) {
    for (int t = 0; t < MUTATION_TRIES; t++) {
      A child = full.mutate(parent, rng);
      if (contains(child)) return child;
    }
    throw new IllegalStateException("no mutant of " + format(parent) + " in " + name + " after "
        + MUTATION_TRIES + " tries");
  }
}
