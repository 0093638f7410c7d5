package org.nasbowl.core.space.darts;

import java.util.ArrayList;
import java.util.List;
import org.nasbowl.core.graph.LabelledDag;

/**
 * The op-on-node graph of one DARTS cell that the WL kernel sees (ALGORITHM.md section 1).
 *
 * <p>Before simplification the graph has 15 nodes, numbered as in the original NAS-BOWL code:
 * <ul>
 *   <li>0: {@value #INPUT_K2} and 1: {@value #INPUT_K1}, the two cell inputs;</li>
 *   <li>for intermediate node {@code n} (2..5), with {@code i = n - 2}: {@code 3i + 2} and {@code 3i + 3}, one
 *       node per input edge labelled with the op's DARTS name (e.g. {@code sep_conv_3x3}), and {@code 3i + 4},
 *       labelled {@value #ADD}, which sums the two;</li>
 *   <li>14: {@value #OUTPUT}, fed by every {@value #ADD} node (the cell concatenates all intermediate nodes).</li>
 * </ul>
 * Edges: each op node is fed by the node its edge reads from ({@value #INPUT_K2}, {@value #INPUT_K1}, or the
 * {@value #ADD} node of an earlier intermediate node) and feeds its own {@value #ADD} node.
 *
 * <p>Then every {@code skip_connect} node is bypassed (its predecessor is wired to its successor and the node
 * removed), and every node not on a path from an input to the output is pruned; the remaining nodes keep
 * their relative order. In the NB301 space nothing is ever pruned (node 2 reads both cell inputs and every
 * node feeds the output), so a cell with {@code s} skips encodes to {@code 15 - s} nodes and {@code 20 - s}
 * edges. The original labels the inputs {@code input1} and {@code input2}; only label identity matters to the
 * kernel, the names here say which input is which.
 */
public final class DartsCellEncoder {
  /** Label of cell input 0, the output of the cell two steps back. */
  public static final String INPUT_K2 = "c_{k-2}";
  /** Label of cell input 1, the output of the previous cell. */
  public static final String INPUT_K1 = "c_{k-1}";
  /** Label of the node summing the two edges of an intermediate node. */
  public static final String ADD = "add";
  /** Label of the cell output (concatenation of the intermediate nodes). */
  public static final String OUTPUT = "output";

  private static final int NODES = 3 * DartsCell.NODES + 3;
  private static final int OUT = NODES - 1;

  private DartsCellEncoder() {}

  /** Node id of the op node of pair {@code pair} (0..7) before simplification. */
  static int opNode(int pair) {
    return 3 * (pair / 2) + 2 + pair % 2;
  }

  /** Node id of the add node of intermediate node {@code node} (2..5) before simplification. */
  static int addNode(int node) {
    return 3 * (node - DartsCell.FIRST_NODE) + 4;
  }

  /** Node id of the source read by input index {@code input} (0..5). */
  private static int sourceNode(int input) {
    return input < DartsCell.FIRST_NODE ? input : addNode(input);
  }

  /** The simplified graph of {@code cell}. */
  public static LabelledDag encode(DartsCell cell) {
    List<String> labels = new ArrayList<>(NODES);
    for (int i = 0; i < NODES; i++) labels.add(null);
    labels.set(0, INPUT_K2);
    labels.set(1, INPUT_K1);
    labels.set(OUT, OUTPUT);
    boolean[][] adj = new boolean[NODES][NODES];
    for (int p = 0; p < DartsCell.EDGES; p++) {
      DartsEdge e = cell.edges().get(p);
      int op = opNode(p);
      int add = addNode(DartsCell.nodeOfPair(p));
      labels.set(op, e.op().notation());
      labels.set(add, ADD);
      adj[sourceNode(e.input())][op] = true;
      adj[op][add] = true;
    }
    for (int n : DartsCell.CONCAT) adj[addNode(n)][OUT] = true;

    boolean[] removed = new boolean[NODES];
    for (int v = 0; v < NODES; v++) {
      if (!DartsOp.SKIP_CONNECT.notation().equals(labels.get(v))) continue;
      for (int p = 0; p < NODES; p++) {
        if (!adj[p][v]) continue;
        for (int q = 0; q < NODES; q++) if (adj[v][q]) adj[p][q] = true;
      }
      for (int u = 0; u < NODES; u++) {
        adj[u][v] = false;
        adj[v][u] = false;
      }
      removed[v] = true;
    }
    LabelledDag full = LabelledDag.fromAdjacency(labels, adj);
    boolean[] fromK2 = full.reachableFrom(0);
    boolean[] fromK1 = full.reachableFrom(1);
    boolean[] toOut = full.reachingTo(OUT);
    boolean[] keep = new boolean[NODES];
    for (int v = 0; v < NODES; v++) {
      keep[v] = !removed[v] && (fromK2[v] || fromK1[v]) && toOut[v];
    }
    return full.induced(keep);
  }
}
