package org.nasbowl.experiments.benchmark;

import java.util.List;
import java.util.Objects;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;

/**
 * A subset of a search space: the full space's name, notation, encodings and keys (so architectures, traces and
 * motifs carry over), with sampling, mutation and enumeration left to the subset.
 */
public abstract class SubsetSpace<A> implements SearchSpace<A> {
  protected final SearchSpace<A> full;

  protected SubsetSpace(SearchSpace<A> full) {
    this.full = Objects.requireNonNull(full, "full");
  }

  /** The full space's name: notation and encodings are the full space's. */
  @Override
  public String name() {
    return full.name();
  }

  @Override
  public A parse(String notation) {
    return full.parse(notation);
  }

  @Override
  public String format(A architecture) {
    return full.format(architecture);
  }

  @Override
  public List<LabelledDag> encode(A architecture) {
    return full.encode(architecture);
  }

  @Override
  public String key(A architecture) {
    return full.key(architecture);
  }
}
