package org.nasbowl.core.graph;

import java.util.Arrays;
import java.util.Optional;

/**
 * Labelled directed graph isomorphism by backtracking with label and degree pruning. Cell graphs have at
 * most a few dozen nodes, so this exact search is fast; it is used to compare encodings with references.
 */
public final class GraphIsomorphism {
  private GraphIsomorphism() {}

  /** True iff there is a bijection of nodes preserving labels and edges in both directions. */
  public static boolean isomorphic(LabelledDag a, LabelledDag b) {
    return mapping(a, b).isPresent();
  }

  /** A node mapping a -> b (map[i] = node of b) if the graphs are isomorphic. */
  public static Optional<int[]> mapping(LabelledDag a, LabelledDag b) {
    int n = a.size();
    if (n != b.size() || a.edgeCount() != b.edgeCount()) return Optional.empty();
    String[] sigA = signatures(a);
    String[] sigB = signatures(b);
    String[] sa = sigA.clone();
    String[] sb = sigB.clone();
    Arrays.sort(sa);
    Arrays.sort(sb);
    if (!Arrays.equals(sa, sb)) return Optional.empty();
    int[] map = new int[n];
    Arrays.fill(map, -1);
    boolean[] used = new boolean[n];
    int[] order = a.topologicalSort();
    return extend(a, b, sigA, sigB, order, 0, map, used) ? Optional.of(map) : Optional.empty();
  }

  private static String[] signatures(LabelledDag g) {
    String[] sig = new String[g.size()];
    for (int i = 0; i < g.size(); i++) {
      sig[i] = g.label(i) + '\u0000' + g.inDegree(i) + '\u0000' + g.outDegree(i);
    }
    return sig;
  }

  private static boolean extend(
      LabelledDag a, LabelledDag b, String[] sigA, String[] sigB, int[] order, int k, int[] map, boolean[] used) {
    if (k == order.length) return true;
    int v = order[k];
    for (int w = 0; w < b.size(); w++) {
      if (used[w] || !sigA[v].equals(sigB[w])) continue;
      if (!consistent(a, b, v, w, map)) continue;
      map[v] = w;
      used[w] = true;
      if (extend(a, b, sigA, sigB, order, k + 1, map, used)) return true;
      map[v] = -1;
      used[w] = false;
    }
    return false;
  }

  /** Every already-mapped neighbour of v must correspond to a neighbour of w, edge direction kept. */
  private static boolean consistent(LabelledDag a, LabelledDag b, int v, int w, int[] map) {
    for (int u = 0; u < a.size(); u++) {
      int m = map[u];
      if (m < 0) continue;
      if (a.hasEdge(u, v) != b.hasEdge(m, w)) return false;
      if (a.hasEdge(v, u) != b.hasEdge(w, m)) return false;
    }
    return true;
  }
}
