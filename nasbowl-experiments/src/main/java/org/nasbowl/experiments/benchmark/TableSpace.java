package org.nasbowl.experiments.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.space.SearchSpace;

/**
 * A subset of a space given by a table's architectures (distinct keys, table order): membership, uniform
 * sampling over the table, its size and enumeration. Subclasses say how to mutate within it.
 */
public abstract class TableSpace<A> extends SubsetSpace<A> {
  private final Map<String, Integer> index = new LinkedHashMap<>();
  protected final List<A> members = new ArrayList<>();

  protected TableSpace(SearchSpace<A> full, List<A> architectures) {
    super(full);
    for (A a : architectures) {
      if (index.putIfAbsent(full.key(a), members.size()) == null) members.add(a);
    }
  }

  public boolean contains(A architecture) {
    return index.containsKey(full.key(architecture));
  }

  /** The table position of an architecture, or null if it is not in the table. */
  protected Integer indexOf(A architecture) {
    return index.get(full.key(architecture));
  }

  @Override
  public A sample(RandomGenerator rng) {
    return members.get(rng.nextInt(members.size()));
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(members.size());
  }

  @Override
  public Stream<A> enumerate() {
    return members.stream();
  }
}
