package org.nasbowl.core.kernel;

import java.util.Arrays;
import org.nasbowl.core.graph.LabelledDag;

/**
 * Weisfeiler-Lehman subtree labels with successor-only relabelling (ALGORITHM.md section 2), as canonical,
 * human-readable strings. Depth 0 is the node label; the depth-(i+1) label of a node is its node label
 * followed by the sorted depth-i labels of its successors in parentheses, e.g.
 * {@code nor_conv_1x1(nor_conv_3x3(output))}. This is equivalent to WL's "own depth-i label plus sorted
 * successor labels" (the own depth-i label is a function of the successors' depth-i labels) and, unlike
 * indices compressed per batch, means the same motif in every graph, fit, run and task.
 */
public final class WlSubtreeLabels {
  private WlSubtreeLabels() {}

  /** labels[i][v] = the depth-i label of node v, for i = 0..h. */
  public static String[][] compute(LabelledDag g, int h) {
    if (h < 0) throw new IllegalArgumentException("WL depth must be >= 0, got " + h);
    int n = g.size();
    String[][] labels = new String[h + 1][n];
    for (int v = 0; v < n; v++) labels[0][v] = g.label(v);
    for (int i = 1; i <= h; i++) {
      for (int v = 0; v < n; v++) {
        int[] succ = g.successors(v);
        if (succ.length == 0) {
          labels[i][v] = g.label(v);
          continue;
        }
        String[] children = new String[succ.length];
        for (int k = 0; k < succ.length; k++) children[k] = labels[i - 1][succ[k]];
        Arrays.sort(children);
        labels[i][v] = g.label(v) + '(' + String.join(",", children) + ')';
      }
    }
    return labels;
  }

  /** How many nodes of g carry the given label at the given depth. */
  public static int count(LabelledDag g, String label, int depth) {
    String[][] labels = compute(g, depth);
    int c = 0;
    for (String l : labels[depth]) if (l.equals(label)) c++;
    return c;
  }
}
