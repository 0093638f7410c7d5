package org.nasbowl.experiments.benchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntBiFunction;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.nasbowl.core.space.SearchSpace;

/**
 * A space restricted to a small table of a huge space (the DARTS tables: 214 or 1,218 genotypes of about 1e18),
 * where a one-edit mutant of a table member is essentially never in the table. Notation, encodings and keys are
 * the full space's; sampling is uniform over the table; mutation and the local-search neighbourhood use the
 * table's own geometry instead: the {@value #NEIGHBOURS} members nearest to the parent by an edit distance of
 * the full space (ties in table order), a mutant being one of them drawn uniformly. Every proposal therefore
 * lies in the table, and mutation-based methods (NAS-BOWL's mutation pool, evolution, local search) still move
 * to similar architectures.
 */
public final class SparseTableSpace<A> extends TableSpace<A> {
  /**
   * Neighbours of a member: 20, the mutants per parent of the original's pool (200 candidates from 10 parents).
   * With today's 5 parents the m pool holds at most 100 mutants and fills the rest with random members.
   */
  public static final int NEIGHBOURS = 20;

  private final ToIntBiFunction<A, A> distance;
  private final int[][] nearest;

  /**
   * @param distance an edit distance of the full space (0 only for equal keys)
   */
  public SparseTableSpace(SearchSpace<A> full, List<A> architectures, ToIntBiFunction<A, A> distance) {
    super(full, architectures);
    this.distance = distance;
    if (members.size() < 2) throw new IllegalArgumentException("a table space needs at least 2 architectures");
    this.nearest = new int[members.size()][];
  }

  @Override
  public A mutate(A parent, RandomGenerator rng) {
    int[] near = nearest(parent);
    return members.get(near[rng.nextInt(near.length)]);
  }

  /** The nearest members, nearest first (not the parent itself). */
  @Override
  public List<A> neighbours(A architecture, RandomGenerator rng) {
    List<A> out = new ArrayList<>();
    for (int i : nearest(architecture)) out.add(members.get(i));
    return out;
  }

  private int[] nearest(A parent) {
    Integer own = indexOf(parent);
    if (own != null && nearest[own] != null) return nearest[own];
    int[] d = new int[members.size()];
    for (int i = 0; i < d.length; i++) d[i] = distance.applyAsInt(parent, members.get(i));
    int[] out = IntStream.range(0, d.length).filter(i -> own == null || i != own).boxed()
        .sorted(Comparator.<Integer>comparingInt(i -> d[i]).thenComparingInt(i -> i))
        .limit(Math.min(NEIGHBOURS, members.size() - 1)).mapToInt(Integer::intValue).toArray();
    if (own != null) nearest[own] = out;
    return out;
  }
}
