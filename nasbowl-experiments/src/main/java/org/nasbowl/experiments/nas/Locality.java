package org.nasbowl.experiments.nas;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.core.io.AtomicFiles;

/**
 * Where a search queries on NAS-Bench-201, relative to what it has already seen: locality.csv. For every query after
 * the runner's first batch ({@link #FROM}), the number of operations in which it differs from each earlier query
 * (the Hamming distance over the 6 edges; one edit is distance 1). Per benchmark and method, over all seeds:
 * <ul>
 *   <li>{@code share_far}: the share of those queries two or more edits from every earlier query;
 *   <li>{@code share_near_best}: the share within one edit of one of the {@link #BEST} earlier queries with the
 *       highest validation accuracy.
 * </ul>
 * It measures how far from the data a method looks, and how close to its best cells. Only traces whose
 * architectures are NAS-Bench-201 cells are counted (other spaces have no exact edit distance here).
 */
final class Locality {
  private Locality() {}

  /** Queries before this 1-based index (the first batch of 10) are not counted. */
  static final int FROM = 11;

  /** How many of the best earlier queries {@code share_near_best} looks at. */
  static final int BEST = 5;

  /** The counts of one run: {queries counted, far, near best}. */
  static int[] counts(List<QueryRecord> queries) {
    Nb201Space space = new Nb201Space();
    List<Nb201Cell> seen = new ArrayList<>();
    List<Double> valid = new ArrayList<>();
    int counted = 0;
    int far = 0;
    int nearBest = 0;
    for (QueryRecord q : queries) {
      Nb201Cell c = space.parse(q.architecture());
      if (q.query() >= FROM && !seen.isEmpty()) {
        int nearest = Integer.MAX_VALUE;
        for (Nb201Cell s : seen) nearest = Math.min(nearest, distance(c, s));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble((Integer i) -> -valid.get(i)).thenComparingInt(i -> i));
        int toBest = Integer.MAX_VALUE;
        for (int k = 0; k < Math.min(BEST, order.size()); k++) toBest = Math.min(toBest, distance(c, seen.get(order.get(k))));
        counted++;
        if (nearest >= 2) far++;
        if (toBest <= 1) nearBest++;
      }
      seen.add(c);
      valid.add(Double.isNaN(q.valid()) ? Double.NEGATIVE_INFINITY : q.valid());
    }
    return new int[] {counted, far, nearBest};
  }

  /** Number of edges whose operations differ. */
  static int distance(Nb201Cell a, Nb201Cell b) {
    int d = 0;
    for (int e = 0; e < Nb201Cell.EDGES; e++) if (!a.op(e).equals(b.op(e))) d++;
    return d;
  }

  private static boolean isNb201(Trace t) {
    if (t.queries().isEmpty()) return false;
    try {
      new Nb201Space().parse(t.queries().get(0).architecture());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Writes locality.csv when any trace is on NAS-Bench-201; otherwise writes nothing. */
  static void write(Path out, List<Trace> traces) throws IOException {
    Map<String, Map<String, long[]>> sums = new TreeMap<>();
    for (Trace t : traces) {
      if (!isNb201(t)) continue;
      int[] c = counts(t.queries());
      long[] s = sums.computeIfAbsent(t.benchmark(), k -> new TreeMap<>()).computeIfAbsent(t.method(), k -> new long[4]);
      s[0]++;
      for (int i = 0; i < 3; i++) s[i + 1] += c[i];
    }
    if (sums.isEmpty()) return;
    AtomicFiles.writeText(out.resolve("locality.csv"), w -> {
      w.write("benchmark,method,runs,queries,share_far,share_near_best\n");
      for (var b : sums.entrySet()) {
        for (var m : b.getValue().entrySet()) {
          long[] s = m.getValue();
          w.write(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.4f%n", b.getKey(), m.getKey(), s[0], s[1],
              s[1] == 0 ? Double.NaN : (double) s[2] / s[1], s[1] == 0 ? Double.NaN : (double) s[3] / s[1]));
        }
      }
    });
  }
}
