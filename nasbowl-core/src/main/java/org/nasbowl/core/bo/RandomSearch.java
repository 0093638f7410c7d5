package org.nasbowl.core.bo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nasbowl.core.space.SearchSpace;

/** Random search: uniform samples of the space (the space's own sampler), never repeating an architecture. */
public final class RandomSearch<A> implements Optimizer<A> {
  /** Draws per proposal before concluding that the space is exhausted. */
  static final int MAX_DRAWS = 10_000;

  private final History<A> history;

  public RandomSearch(SearchSpace<A> space, long seed) {
    this.history = new History<>(space, seed);
  }

  @Override
  public List<A> ask(int batchSize) {
    SplittableRandom rng = history.nextAskRandom();
    List<A> out = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      A a = Proposals.freshSample(history, rng, MAX_DRAWS);
      if (a == null) break;
      history.markPending(a);
      out.add(a);
    }
    return out;
  }

  @Override
  public void tell(A architecture, Observation observation) {
    history.record(architecture, observation);
  }
}
