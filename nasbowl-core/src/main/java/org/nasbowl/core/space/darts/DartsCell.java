package org.nasbowl.core.space.darts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nasbowl.core.space.InvalidArchitectureException;

/**
 * One DARTS cell (normal or reduction) as in a DARTS genotype: 8 (op, input) pairs, two per intermediate node.
 * Pair {@code 2i} and {@code 2i+1} are the input edges of intermediate node {@code i + 2} (nodes are numbered
 * 2..5 after the cell inputs 0 = c_{k-2} and 1 = c_{k-1}); node {@code n} may read from nodes 0..n-1, and its
 * two inputs are distinct nodes (as DARTS derives and NB301 samples them). The cell output concatenates all
 * intermediate nodes ({@link #CONCAT}). The order of the two pairs of a node is kept as given; it does not
 * change the network ({@link #canonical()} removes it).
 */
public record DartsCell(List<DartsEdge> edges) {
  /** Number of intermediate nodes. */
  public static final int NODES = 4;
  /** Number of (op, input) pairs: 2 per intermediate node. */
  public static final int EDGES = 2 * NODES;
  /** Index of the first intermediate node. */
  public static final int FIRST_NODE = 2;
  /** The nodes whose outputs form the cell output: always all intermediate nodes in NB301. */
  public static final List<Integer> CONCAT = List.of(2, 3, 4, 5);

  public DartsCell {
    edges = List.copyOf(Objects.requireNonNull(edges, "edges"));
    validate("cell", edges);
  }

  /**
   * Checks that {@code edges} form a valid cell; messages start with {@code cellName} (e.g. "normal cell") and
   * name the node, the edge and what is wrong.
   *
   * @throws InvalidArchitectureException if they do not
   */
  public static void validate(String cellName, List<DartsEdge> edges) {
    if (edges.size() != EDGES) {
      throw new InvalidArchitectureException(cellName + ": expected " + EDGES
          + " (op, input) pairs (2 per intermediate node), got " + edges.size());
    }
    for (int p = 0; p < EDGES; p++) {
      DartsEdge e = Objects.requireNonNull(edges.get(p), "pair " + p);
      checkInput(cellName, p, e.input());
    }
    for (int n = FIRST_NODE; n < FIRST_NODE + NODES; n++) {
      int a = edges.get(pairIndex(n, 0)).input();
      int b = edges.get(pairIndex(n, 1)).input();
      if (a == b) {
        throw new InvalidArchitectureException(cellName + ", node " + n + ": both edges take input " + a
            + "; the two inputs of a node must be distinct nodes");
      }
    }
  }

  /** Checks the input index of pair {@code pair} against the nodes it may read from. */
  static void checkInput(String cellName, int pair, int input) {
    int node = nodeOfPair(pair);
    if (input < 0 || input >= node) {
      throw new InvalidArchitectureException(where(cellName, pair) + ": input index " + input
          + " out of range 0.." + (node - 1) + " (0 = c_{k-2}, 1 = c_{k-1}, 2.." + (node - 1)
          + " = earlier intermediate nodes)");
    }
  }

  /** "normal cell, node 3, edge 1 (pair 3)": where a pair sits, for error messages (pairs count from 0). */
  static String where(String cellName, int pair) {
    return cellName + ", node " + nodeOfPair(pair) + ", edge " + (pair % 2) + " (pair " + pair + ")";
  }

  /** The intermediate node (2..5) that pair {@code pair} (0..7) feeds. */
  public static int nodeOfPair(int pair) {
    return pair / 2 + FIRST_NODE;
  }

  /** The position in the pair list of edge {@code k} (0 or 1) of intermediate node {@code node} (2..5). */
  public static int pairIndex(int node, int k) {
    if (node < FIRST_NODE || node >= FIRST_NODE + NODES || k < 0 || k > 1) {
      throw new IllegalArgumentException("no edge " + k + " of node " + node);
    }
    return 2 * (node - FIRST_NODE) + k;
  }

  /** Edge {@code k} (0 or 1) of intermediate node {@code node} (2..5). */
  public DartsEdge edge(int node, int k) {
    return edges.get(pairIndex(node, k));
  }

  /** This cell with pair {@code pair} replaced (validated). */
  public DartsCell withEdge(int pair, DartsEdge edge) {
    List<DartsEdge> copy = new ArrayList<>(edges);
    copy.set(pair, edge);
    return new DartsCell(copy);
  }

  /** The same cell with the two edges of every node in canonical order (by input index, then op). */
  public DartsCell canonical() {
    List<DartsEdge> copy = new ArrayList<>(edges);
    for (int p = 0; p < EDGES; p += 2) {
      if (copy.get(p).compareTo(copy.get(p + 1)) > 0) {
        DartsEdge t = copy.get(p);
        copy.set(p, copy.get(p + 1));
        copy.set(p + 1, t);
      }
    }
    return new DartsCell(copy);
  }
}
