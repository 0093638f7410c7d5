package org.nasbowl.core.bo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.nasbowl.core.space.SearchSpace;

/**
 * Local search (White, Nolen, Savani, UAI 2021): after {@code initial} random queries, start from the best;
 * evaluate its neighbours (the space's one-edit neighbourhood) in random order; once they are all evaluated,
 * move to the best neighbour if it improves on the centre, otherwise (a local optimum) restart from a random
 * architecture. Default: 10 initial queries (NASLib's setting).
 */
public final class LocalSearch<A> implements Optimizer<A> {
  public static final int DEFAULT_INITIAL = 10;

  private final History<A> history;
  private final int initial;
  private A centre;
  private String centreKey;
  private final List<String> neighbourKeys = new ArrayList<>();
  private final Deque<A> queue = new ArrayDeque<>();

  public LocalSearch(SearchSpace<A> space, long seed) {
    this(space, seed, DEFAULT_INITIAL);
  }

  public LocalSearch(SearchSpace<A> space, long seed, int initial) {
    this.history = new History<>(space, seed);
    this.initial = Math.max(1, initial);
  }

  @Override
  public List<A> ask(int batchSize) {
    SplittableRandom rng = history.nextAskRandom();
    List<A> out = new ArrayList<>(batchSize);
    for (int i = 0; i < batchSize; i++) {
      A next = null;
      if (history.evaluatedCount() + history.pendingCount() >= initial && !history.successes().isEmpty()) {
        next = nextNeighbour(rng);
      }
      if (next == null) next = Proposals.freshSample(history, rng, Proposals.MAX_DRAWS);
      if (next == null) break;
      history.markPending(next);
      out.add(next);
    }
    return out;
  }

  /** The next unseen neighbour of the centre, moving or restarting the centre when its neighbourhood is done. */
  private A nextNeighbour(SplittableRandom rng) {
    if (centre == null) setCentre(Proposals.bestFirst(history).get(0).architecture(), rng);
    while (true) {
      while (!queue.isEmpty()) {
        A a = queue.poll();
        if (!history.seen(a)) return a;
      }
      // Neighbourhood proposed; decide only when every neighbour's result is in.
      for (String k : neighbourKeys) {
        for (A p : history.pending()) if (history.space().key(p).equals(k)) return null;
      }
      History.Entry<A> bestNeighbour = null;
      double centreValue = value(centreKey);
      for (History.Entry<A> e : history.successes()) {
        if (neighbourKeys.contains(e.key())
            && (bestNeighbour == null || e.observation().value().getAsDouble()
                > bestNeighbour.observation().value().getAsDouble())) {
          bestNeighbour = e;
        }
      }
      if (bestNeighbour != null && bestNeighbour.observation().value().getAsDouble() > centreValue) {
        setCentre(bestNeighbour.architecture(), rng);
      } else {
        A restart = Proposals.freshSample(history, rng, Proposals.MAX_DRAWS);
        if (restart == null) return null;
        setCentre(restart, rng);
        return restart;
      }
    }
  }

  private double value(String key) {
    for (History.Entry<A> e : history.successes()) {
      if (e.key().equals(key)) return e.observation().value().getAsDouble();
    }
    return Double.NEGATIVE_INFINITY;
  }

  private void setCentre(A a, SplittableRandom rng) {
    centre = a;
    centreKey = history.space().key(a);
    List<A> nb = new ArrayList<>(history.space().neighbours(a, rng));
    for (int i = nb.size() - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      A t = nb.get(i);
      nb.set(i, nb.get(j));
      nb.set(j, t);
    }
    neighbourKeys.clear();
    queue.clear();
    for (A n : nb) {
      neighbourKeys.add(history.space().key(n));
      queue.add(n);
    }
  }

  @Override
  public void tell(A architecture, Observation observation) {
    history.record(architecture, observation);
  }
}
