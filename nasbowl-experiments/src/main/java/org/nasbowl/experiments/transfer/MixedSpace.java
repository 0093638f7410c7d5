package org.nasbowl.experiments.transfer;

import java.util.List;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.experiments.benchmark.SubsetSpace;

/**
 * A soft motif restriction (a transfer variant): the whole space, where each random sample and each mutant is
 * drawn from the {@link MotifRestrictedSpace} with probability {@code share} and from the whole space otherwise.
 * The initial design and every candidate pool then mix architectures with a good motif and unrestricted ones, so
 * a restriction that drops the optimum cannot lock the search out of it.
 */
public final class MixedSpace<A> extends SubsetSpace<A> {
  private final MotifRestrictedSpace<A> restriction;
  private final double share;

  public MixedSpace(MotifRestrictedSpace<A> restriction, double share) {
    super(restriction.full());
    if (!(share >= 0 && share <= 1)) throw new IllegalArgumentException("share must be in [0, 1]: " + share);
    this.restriction = restriction;
    this.share = share;
  }

  MotifRestrictedSpace<A> restriction() {
    return restriction;
  }

  @Override
  public A sample(RandomGenerator rng) {
    return rng.nextDouble() < share ? restriction.sample(rng) : full.sample(rng);
  }

  @Override
  public A mutate(A parent, RandomGenerator rng) {
    return rng.nextDouble() < share ? restriction.mutate(parent, rng) : full.mutate(parent, rng);
  }

  @Override
  public List<A> neighbours(A architecture, RandomGenerator rng) {
    return full.neighbours(architecture, rng);
  }

  @Override
  public OptionalLong size() {
    return full.size();
  }

  @Override
  public Stream<A> enumerate() {
    return full.enumerate();
  }
}
