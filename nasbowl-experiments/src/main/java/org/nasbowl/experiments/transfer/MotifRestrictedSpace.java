package org.nasbowl.experiments.transfer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.WlFeatureExtractor;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.benchmark.SubsetSpace;

/**
 * A search space restricted to the architectures containing at least one of a set of motifs (ALGORITHM.md
 * section 8): a motif (cell c, depth d, label) is contained when cell c of the architecture's graph encoding has
 * a node whose depth-d WL label is the motif's. Notation, encodings and keys are the full space's, so the
 * optimiser, traces and benchmark lookups are unchanged; every way the optimisers obtain architectures
 * (sampling, mutation, neighbourhoods, enumeration) yields only contained ones.
 *
 * <p>Sampling is by rejection from the full space's sampler, which keeps it uniform over the restriction; it
 * gives up with an error after {@link #MAX_SAMPLE_DRAWS} draws, except on enumerable spaces, where the draw
 * falls back to a uniform pick among the kept architectures (still uniform overall). Spaces with at most
 * {@link #MAX_ENUMERATED} architectures are enumerated once at construction: membership is then a set lookup,
 * {@link #size()} is exact, and a restriction that keeps nothing is refused at once.
 */
public final class MotifRestrictedSpace<A> extends SubsetSpace<A> {
  /** Rejection-sampling draws before giving up. */
  public static final int MAX_SAMPLE_DRAWS = 100_000;
  /** One-edit mutation tries before moving on by a random walk of edits from the parent. */
  static final int ONE_EDIT_TRIES = 200;
  /** Total mutation tries (one-edit, then random walk) before falling back to a random kept sample. */
  static final int MUTATION_TRIES = 2_000;
  /** Largest space enumerated at construction (NAS-Bench-201 has 15,625 cells). */
  public static final long MAX_ENUMERATED = 100_000;

  private final List<Motif> motifs;
  private final int[] cells;
  private final int[] depths;
  private final long[] ids;
  private final WlFeatureExtractor extractor;
  /** Kept architectures and their keys when the full space was enumerated; null otherwise. */
  private final List<A> kept;
  private final Set<String> keptKeys;
  private final long fullSize;

  /**
   * @throws IllegalArgumentException if the motif list is empty
   * @throws IllegalStateException if the full space is enumerable and no architecture contains a motif
   */
  public MotifRestrictedSpace(SearchSpace<A> full, List<Motif> motifs) {
    super(full);
    if (motifs.isEmpty()) throw new IllegalArgumentException("a motif restriction needs at least one motif");
    this.motifs = List.copyOf(motifs);
    int n = this.motifs.size();
    cells = new int[n];
    depths = new int[n];
    ids = new long[n];
    int maxDepth = 0;
    for (int i = 0; i < n; i++) {
      Motif m = this.motifs.get(i);
      cells[i] = m.cell();
      depths[i] = m.depth();
      ids[i] = m.id();
      maxDepth = Math.max(maxDepth, m.depth());
    }
    extractor = new WlFeatureExtractor(maxDepth);
    OptionalLong size = full.size();
    if (size.isPresent() && size.getAsLong() <= MAX_ENUMERATED) {
      fullSize = size.getAsLong();
      Map<String, A> byKey = new LinkedHashMap<>();
      full.enumerate().forEach(a -> {
        if (matches(a)) byKey.putIfAbsent(full.key(a), a);
      });
      kept = List.copyOf(byKey.values());
      keptKeys = new HashSet<>(byKey.keySet());
      if (kept.isEmpty()) throw nothingKept("none of the " + fullSize + " architectures");
    } else {
      fullSize = -1;
      kept = null;
      keptKeys = null;
    }
  }

  private IllegalStateException nothingKept(String what) {
    return new IllegalStateException("the motif restriction keeps nothing: " + what + " of " + full.name()
        + " contains any of the " + motifs.size() + " motif(s) " + describe(motifs, 5)
        + ". Motifs are matched by WL label, so they must come from the same search space.");
  }

  static String describe(List<Motif> motifs, int max) {
    List<String> s = new ArrayList<>();
    for (int i = 0; i < Math.min(max, motifs.size()); i++) s.add(motifs.get(i).toString());
    if (motifs.size() > max) s.add("... " + (motifs.size() - max) + " more");
    return s.toString();
  }

  /** The motifs of the restriction. */
  public List<Motif> motifs() {
    return motifs;
  }

  /** Whether the architecture contains at least one of the motifs (computed from its graph encoding). */
  public boolean matches(A architecture) {
    ArchitectureFeatures x = extractor.extract(full.encode(architecture));
    for (int i = 0; i < ids.length; i++) {
      if (cells[i] < x.cellCount() && x.cell(cells[i]).value(depths[i], ids[i]) > 0) return true;
    }
    return false;
  }

  /** Whether the architecture belongs to the restricted space. */
  public boolean contains(A architecture) {
    return keptKeys != null ? keptKeys.contains(full.key(architecture)) : matches(architecture);
  }

  /**
   * Whether the architecture with this key is kept (needs the enumerated full space).
   *
   * @throws IllegalStateException if the full space was not enumerated
   */
  public boolean keepsKey(String key) {
    if (keptKeys == null) throw new IllegalStateException(full.name() + " was not enumerated");
    return keptKeys.contains(key);
  }

  /** The number of kept architectures, when the full space was enumerated. */
  public OptionalLong keptCount() {
    return kept == null ? OptionalLong.empty() : OptionalLong.of(kept.size());
  }

  /** The size of the full space, when it was enumerated. */
  public OptionalLong fullSize() {
    return fullSize < 0 ? OptionalLong.empty() : OptionalLong.of(fullSize);
  }

  /** The kept fraction of the full space, when it was enumerated (NaN otherwise). */
  public double keptFraction() {
    return kept == null ? Double.NaN : (double) kept.size() / fullSize;
  }

  /** The unrestricted space. */
  public SearchSpace<A> full() {
    return full;
  }

  /**
   * A uniform random architecture containing a motif.
   *
   * @throws IllegalStateException if {@link #MAX_SAMPLE_DRAWS} draws of a non-enumerated space contain none
   */
  @Override
  public A sample(RandomGenerator rng) {
    for (int t = 0; t < MAX_SAMPLE_DRAWS; t++) {
      A a = full.sample(rng);
      if (contains(a)) return a;
    }
    if (kept != null) return kept.get(rng.nextInt(kept.size()));
    throw nothingKept("none of " + MAX_SAMPLE_DRAWS + " random draws");
  }

  /**
   * A mutant containing a motif: one-edit mutants of the parent first; if none of {@link #ONE_EDIT_TRIES}
   * contains a motif, a random walk of further edits; failing that, a random kept architecture. The result always
   * differs from the parent (by at least one edit).
   */
  @Override
  public A mutate(A parent, RandomGenerator rng) {
    String own = full.key(parent);
    A walk = parent;
    for (int t = 0; t < MUTATION_TRIES; t++) {
      A child = full.mutate(t < ONE_EDIT_TRIES ? parent : walk, rng);
      if (!full.key(child).equals(own) && contains(child)) return child;
      walk = child;
    }
    for (int t = 0; t < 100; t++) {
      A a = sample(rng);
      if (!full.key(a).equals(own)) return a;
    }
    throw new IllegalStateException("no architecture other than " + format(parent) + " contains a motif of "
        + describe(motifs, 5));
  }

  /** The full space's neighbourhood, without the architectures lacking every motif (possibly empty). */
  @Override
  public List<A> neighbours(A architecture, RandomGenerator rng) {
    List<A> out = new ArrayList<>();
    for (A a : full.neighbours(architecture, rng)) if (contains(a)) out.add(a);
    return List.copyOf(out);
  }

  @Override
  public OptionalLong size() {
    return keptCount();
  }

  @Override
  public Stream<A> enumerate() {
    if (kept != null) return kept.stream();
    return full.enumerate().filter(this::matches);
  }
}
