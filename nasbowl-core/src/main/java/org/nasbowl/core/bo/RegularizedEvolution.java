package org.nasbowl.core.bo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nasbowl.core.space.SearchSpace;

/**
 * Regularised (aging) evolution (Real, Aggarwal, Huang, Le, AAAI 2019): the population is the
 * {@code populationSize} most recently evaluated architectures; each child mutates the best of
 * {@code sampleSize} members drawn at random; the first {@code populationSize} queries are random.
 * Defaults: population 30, sample 10 (NASLib's settings for budgets of a few hundred queries).
 */
public final class RegularizedEvolution<A> implements HistoryBacked<A> {
  public static final int DEFAULT_POPULATION = 30;
  public static final int DEFAULT_SAMPLE = 10;
  static final int MUTATION_TRIES = 100;

  private final History<A> history;
  private final int populationSize;
  private final int sampleSize;

  public RegularizedEvolution(SearchSpace<A> space, long seed) {
    this(space, seed, DEFAULT_POPULATION, DEFAULT_SAMPLE);
  }

  public RegularizedEvolution(SearchSpace<A> space, long seed, int populationSize, int sampleSize) {
    if (populationSize < 1 || sampleSize < 1) throw new IllegalArgumentException("population and sample must be >= 1");
    this.history = new History<>(space, seed);
    this.populationSize = populationSize;
    this.sampleSize = sampleSize;
  }

  @Override
  public List<A> ask(int batchSize) {
    SplittableRandom rng = history.nextAskRandom();
    List<History.Entry<A>> ok = history.successes();
    List<History.Entry<A>> population = ok.subList(Math.max(0, ok.size() - populationSize), ok.size());
    List<A> out = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      A next = null;
      if (history.evaluatedCount() + history.pendingCount() >= populationSize && !population.isEmpty()) {
        History.Entry<A> parent = null;
        for (int s = 0; s < sampleSize; s++) {
          History.Entry<A> e = population.get(rng.nextInt(population.size()));
          if (parent == null || e.observation().value().getAsDouble() > parent.observation().value().getAsDouble()) {
            parent = e;
          }
        }
        for (int t = 0; t < MUTATION_TRIES && next == null; t++) {
          A c = history.space().mutate(parent.architecture(), rng);
          if (!history.seen(c)) next = c;
        }
      }
      if (next == null) next = Proposals.freshSample(history, rng, Proposals.MAX_DRAWS);
      if (next == null) break;
      history.markPending(next);
      out.add(next);
    }
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
