package org.nasbowl.core.bo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Shared ways of producing fresh (never seen) architectures. */
public final class Proposals {
  private Proposals() {}

  /** Draws per random proposal before concluding that the space is exhausted. */
  public static final int MAX_DRAWS = 10_000;

  /**
   * Appends fresh random architectures to {@code out}, marking each pending, until it holds {@code batchSize}
   * or the space seems exhausted.
   */
  public static <A> void fillWithFreshSamples(History<A> history, List<A> out, int batchSize, RandomGenerator rng) {
    while (out.size() < batchSize) {
      A a = freshSample(history, rng, MAX_DRAWS);
      if (a == null) return;
      history.markPending(a);
      out.add(a);
    }
  }

  /** A random architecture not yet evaluated or pending, or null after {@code maxDraws} tries. */
  public static <A> A freshSample(History<A> history, RandomGenerator rng, int maxDraws) {
    for (int t = 0; t < maxDraws; t++) {
      A a = history.space().sample(rng);
      if (!history.seen(a)) return a;
    }
    return null;
  }

  /**
   * The successfully evaluated architectures sorted by objective value, best first (ties: earlier tell first); an
   * architecture with replicates appears once, at the first of its entries, ranked by the mean of its values.
   */
  public static <A> List<History.Entry<A>> bestFirst(History<A> history) {
    java.util.Map<String, double[]> sums = new java.util.HashMap<>();
    List<History.Entry<A>> ok = new ArrayList<>();
    for (History.Entry<A> e : history.successes()) {
      double[] s = sums.computeIfAbsent(e.key(), k -> new double[2]);
      if (s[1] == 0) ok.add(e);
      s[0] += e.observation().value().getAsDouble();
      s[1]++;
    }
    ok.sort(Comparator.comparingDouble((History.Entry<A> e) -> -sums.get(e.key())[0] / sums.get(e.key())[1]));
    return ok;
  }

  /**
   * The mutation pool of the {@code parents} best evaluated architectures (NAS-BOWL's, BANANAS' and GP-path's
   * candidate pool): {@link #mutationPool} with the first {@code parents} entries of {@link #bestFirst} as parents.
   */
  public static <A> List<A> mutationPoolOfBest(History<A> history, int parents, int size, RandomGenerator rng) {
    return mutationPool(history, best(history, parents), size, rng);
  }

  /** The {@code count} best evaluated architectures, best first. */
  public static <A> List<A> best(History<A> history, int count) {
    List<A> best = new ArrayList<>(count);
    for (History.Entry<A> e : bestFirst(history)) {
      if (best.size() == count) break;
      best.add(e.architecture());
    }
    return best;
  }

  /**
   * A candidate pool of distinct unseen architectures: {@code perParent} mutants of each parent (repeated
   * mutation tries are bounded), then random samples until {@code size} (or the draw budget runs out).
   */
  public static <A> List<A> mutationPool(History<A> history, List<A> parents, int size, RandomGenerator rng) {
    return mutationPool(history, parents, size, size, false, rng);
  }

  /**
   * A candidate pool of {@code size} distinct unseen architectures: up to {@code mutants} of them mutants of the
   * parents ({@code mutants / parents} each, with the original's multi-edit operator when {@code asOriginal}),
   * the rest uniform random samples.
   */
  public static <A> List<A> mutationPool(History<A> history, List<A> parents, int size, int mutants,
      boolean asOriginal, RandomGenerator rng) {
    List<A> pool = new ArrayList<>(size);
    Set<String> keys = new HashSet<>();
    int target = Math.min(size, mutants);
    int perParent = parents.isEmpty() ? 0 : Math.max(1, target / parents.size());
    for (A p : parents) {
      int added = 0;
      for (int t = 0; t < perParent * 10 && added < perParent && pool.size() < target; t++) {
        A c = asOriginal ? history.space().mutateAsOriginal(p, rng) : history.space().mutate(p, rng);
        String k = history.space().key(c);
        if (!history.seen(k) && keys.add(k)) {
          pool.add(c);
          added++;
        }
      }
    }
    fillRandom(history, pool, keys, size, rng);
    return pool;
  }

  /** Adds random unseen architectures to the pool until it has {@code size} members or draws run out. */
  public static <A> void fillRandom(History<A> history, List<A> pool, Set<String> keys, int size, RandomGenerator rng) {
    for (int t = 0; pool.size() < size && t < size * 20; t++) {
      A a = history.space().sample(rng);
      String k = history.space().key(a);
      if (!history.seen(k) && keys.add(k)) pool.add(a);
    }
  }
}
