package org.nasbowl.core.bo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nasbowl.core.space.SearchSpace;

/**
 * What an optimiser knows: evaluations with their observations in tell order, and pending architectures (asked,
 * not yet told), both keyed by the space's canonical key. An architecture is evaluated once, unless the optimiser
 * asks for a replicate ({@link #markReplicate}: a new evaluation with another training seed, for noisy
 * objectives); replicate r of an architecture is its (r+1)-th evaluation. Also hands out the per-ask generators:
 * ask number k uses a generator seeded from (seed, k) alone.
 */
public final class History<A> {
  /** One evaluation: replicate 0 is an architecture's first. */
  public record Entry<A>(A architecture, String key, Observation observation, int replicate) {
    public Entry(A architecture, String key, Observation observation) {
      this(architecture, key, observation, 0);
    }
  }

  private final SearchSpace<A> space;
  private final long seed;
  private final List<Entry<A>> entries = new ArrayList<>();
  /** Evaluations told per key. */
  private final Map<String, Integer> evaluated = new HashMap<>();
  private final Map<String, A> pending = new LinkedHashMap<>();
  private long asks;

  public History(SearchSpace<A> space, long seed) {
    this.space = space;
    this.seed = seed;
  }

  public SearchSpace<A> space() {
    return space;
  }

  /** A generator for the next ask, derived from the seed and the ask count only. */
  public SplittableRandom nextAskRandom() {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L * (++asks));
  }

  /** True if the key was evaluated or is pending. */
  public boolean seen(String key) {
    return evaluated.containsKey(key) || pending.containsKey(key);
  }

  public boolean seen(A architecture) {
    return seen(space.key(architecture));
  }

  public void markPending(A architecture) {
    String key = space.key(architecture);
    if (seen(key)) throw new IllegalStateException("proposed twice: " + space.format(architecture));
    pending.put(key, architecture);
  }

  /** Asks for another evaluation of an evaluated architecture that is not pending. */
  public void markReplicate(A architecture) {
    String key = space.key(architecture);
    if (!evaluated.containsKey(key) || pending.containsKey(key)) {
      throw new IllegalStateException("a replicate needs an evaluated architecture that is not pending: "
          + space.format(architecture));
    }
    pending.put(key, architecture);
  }

  /** True if an evaluation of this key is under way. */
  public boolean isPending(String key) {
    return pending.containsKey(key);
  }

  /** How many evaluations of this architecture were told. */
  public int evaluations(String key) {
    return evaluated.getOrDefault(key, 0);
  }

  /** Records the outcome of a pending architecture (its first evaluation or a replicate). */
  public void record(A architecture, Observation observation) {
    String key = space.key(architecture);
    if (pending.remove(key) == null) {
      throw new IllegalArgumentException(evaluated.containsKey(key)
          ? "already told: " + space.format(architecture) : "never asked: " + space.format(architecture));
    }
    int replicate = evaluated.getOrDefault(key, 0);
    evaluated.put(key, replicate + 1);
    entries.add(new Entry<>(architecture, key, observation, replicate));
  }

  /** Evaluated entries in tell order. */
  public List<Entry<A>> entries() {
    return Collections.unmodifiableList(entries);
  }

  /** Successful entries in tell order. */
  public List<Entry<A>> successes() {
    return entries.stream().filter(e -> e.observation().ok()).toList();
  }

  /** Evaluations told, replicates included. */
  public int evaluatedCount() {
    return entries.size();
  }

  public int pendingCount() {
    return pending.size();
  }

  public List<A> pending() {
    return List.copyOf(pending.values());
  }

  /** Asks made so far (the count that seeds the next ask's generator). */
  public long askCount() {
    return asks;
  }

  /**
   * Replaces everything this history knows: the evaluated architectures with their observations, in tell
   * order, the pending ones, and the number of asks made. An optimiser whose whole state is its history
   * ({@link HistoryBacked}) then proposes exactly what it would have proposed after the asks and tells that led
   * there; a study in a database rebuilds its optimiser this way at every ask instead of replaying them.
   *
   * An architecture told more than once is replicated (its occurrences are replicates 0, 1, ... in order); a
   * pending architecture that was told before is a pending replicate.
   *
   * @throws IllegalArgumentException if an architecture is pending twice, or the lists differ in length
   */
  public void restore(List<A> told, List<Observation> observations, List<A> pendingArchitectures, long askCount) {
    if (told.size() != observations.size()) {
      throw new IllegalArgumentException(told.size() + " architectures but " + observations.size() + " observations");
    }
    if (askCount < 0) throw new IllegalArgumentException("negative ask count " + askCount);
    entries.clear();
    evaluated.clear();
    pending.clear();
    for (int i = 0; i < told.size(); i++) {
      A a = told.get(i);
      String key = space.key(a);
      int replicate = evaluated.getOrDefault(key, 0);
      evaluated.put(key, replicate + 1);
      entries.add(new Entry<>(a, key, observations.get(i), replicate));
    }
    for (A a : pendingArchitectures) {
      String key = space.key(a);
      if (pending.containsKey(key)) throw new IllegalArgumentException("pending twice: " + space.format(a));
      pending.put(key, a);
    }
    asks = askCount;
  }
}
