package org.nasbowl.core.space;

import java.util.List;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.graph.LabelledDag;

/**
 * A neural architecture search space: its native notation, validation, the graph encoding the WL kernel
 * sees (ALGORITHM.md section 1), a canonical key for de-duplication, sampling, mutation and (for small
 * spaces) enumeration. Architectures are immutable values of type {@code A}.
 */
public interface SearchSpace<A> {

  /** Short id, e.g. {@code nb201}. */
  String name();

  /**
   * Parses the space's native notation.
   *
   * @throws InvalidArchitectureException naming the offending part when the text is not a valid architecture
   */
  A parse(String notation);

  /** The native notation; {@code parse(format(a))} equals {@code a}. */
  String format(A architecture);

  /**
   * The op-on-node graphs of the architecture, one per cell (one for NAS-Bench-101/201, normal and reduction
   * for DARTS). The kernel between two architectures is the mean of the per-cell kernels.
   */
  List<LabelledDag> encode(A architecture);

  /** Equal keys iff the architectures compute the same function as far as the space can tell. */
  String key(A architecture);

  /** A uniform random architecture of the space. */
  A sample(RandomGenerator rng);

  /** A random neighbour: differs from {@code parent} by at least one edit and is never equal to it. */
  A mutate(A parent, RandomGenerator rng);

  /**
   * The original NAS-BOWL's multi-edit mutation, an alternative candidate generator for NAS-BOWL's m pool. The
   * default makes one {@link #mutate} edit and then further edits, each with probability {@link #FURTHER_EDIT}
   * (a geometric number of edits, mean 1.6, which approximates the original NAS-Bench-201 operator's: each of 6
   * operations resampled with probability 1/5, copies removed, gives 1 edit with probability 0.62, 2 with 0.29,
   * 3 or more with 0.09). Spaces with the original's exact operator override it. The result differs from the
   * parent unless the edits undo each other.
   */
  default A mutateAsOriginal(A parent, RandomGenerator rng) {
    A child = mutate(parent, rng);
    while (rng.nextDouble() < FURTHER_EDIT) child = mutate(child, rng);
    return child;
  }

  /** The probability of each further edit of the default {@link #mutateAsOriginal}. */
  double FURTHER_EDIT = 0.38;

  /**
   * The one-edit neighbourhood used by local search, in a fixed order. The default collects up to
   * {@link #DEFAULT_NEIGHBOURS} distinct mutants (keys differing from the parent's) drawn with {@code rng};
   * spaces with a small exact neighbourhood override it.
   */
  default List<A> neighbours(A architecture, RandomGenerator rng) {
    java.util.Map<String, A> out = new java.util.LinkedHashMap<>();
    String own = key(architecture);
    for (int t = 0; t < DEFAULT_NEIGHBOURS * 20 && out.size() < DEFAULT_NEIGHBOURS; t++) {
      A c = mutate(architecture, rng);
      String k = key(c);
      if (!k.equals(own)) out.putIfAbsent(k, c);
    }
    return List.copyOf(out.values());
  }

  /** Size of the sampled neighbourhood of {@link #neighbours} for spaces without an exact one. */
  int DEFAULT_NEIGHBOURS = 50;

  /** Number of architectures when the space is enumerable. */
  default OptionalLong size() {
    return OptionalLong.empty();
  }

  /** Every architecture of the space, in a fixed order, when the space is small enough. */
  default Stream<A> enumerate() {
    throw new UnsupportedOperationException(name() + " is too large to enumerate");
  }
}
