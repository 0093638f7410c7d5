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
