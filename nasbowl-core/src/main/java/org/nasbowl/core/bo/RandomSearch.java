package org.nasbowl.core.bo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nasbowl.core.space.SearchSpace;

/** Random search: uniform samples of the space (the space's own sampler), never repeating an architecture. */
public final class RandomSearch<A> implements HistoryBacked<A> {
  private final History<A> history;

  public RandomSearch(SearchSpace<A> space, long seed) {
    this.history = new History<>(space, seed);
  }

  @Override
  public List<A> ask(int batchSize) {
    SplittableRandom rng = history.nextAskRandom();
    List<A> out = new ArrayList<>(batchSize);
    Proposals.fillWithFreshSamples(history, out, batchSize, rng);
    return out;
  }

  @Override
  public void tell(A architecture, Observation observation) {
    history.record(architecture, observation);
  }

  @Override
  public History<A> history() {
    return history;
  }
}
