package org.nasbowl.core.space.nb201;

import java.util.List;
import org.nasbowl.core.space.InvalidArchitectureException;

/**
 * A NAS-Bench-201 cell: one operation on each of the six edges of a 4-node cell, in arch-string order
 * e0 = 0->1, e1 = 0->2, e2 = 1->2, e3 = 0->3, e4 = 1->3, e5 = 2->3.
 */
public record Nb201Cell(List<String> ops) {
  /** Operations in NAS-Bench-201's own order. */
  public static final List<String> OPS =
      List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");

  /** Source cell node of each edge. */
  static final int[] EDGE_FROM = {0, 0, 1, 0, 1, 2};

  /** Target cell node of each edge. */
  static final int[] EDGE_TO = {1, 2, 2, 3, 3, 3};

  public static final int EDGES = 6;

  public Nb201Cell {
    ops = List.copyOf(ops);
    if (ops.size() != EDGES) {
      throw new InvalidArchitectureException("a NAS-Bench-201 cell has 6 edge operations, got " + ops.size());
    }
    for (int i = 0; i < EDGES; i++) {
      if (!OPS.contains(ops.get(i))) {
        throw new InvalidArchitectureException(
            "unknown operation '" + ops.get(i) + "' on edge " + i + " (" + EDGE_FROM[i] + "->" + EDGE_TO[i]
                + "); expected one of " + OPS);
      }
    }
  }

  public static Nb201Cell of(String... ops) {
    return new Nb201Cell(List.of(ops));
  }

  public String op(int edge) {
    return ops.get(edge);
  }

  /** The official arch string {@code |e0~0|+|e1~0|e2~1|+|e3~0|e4~1|e5~2|}. */
  public String archString() {
    return "|" + ops.get(0) + "~0|+|" + ops.get(1) + "~0|" + ops.get(2) + "~1|+|" + ops.get(3) + "~0|"
        + ops.get(4) + "~1|" + ops.get(5) + "~2|";
  }

  /** Position of this cell in base-5 order over {@link #OPS} (e0 most significant), 0..15624. */
  public int ordinal() {
    int k = 0;
    for (String op : ops) k = k * OPS.size() + OPS.indexOf(op);
    return k;
  }

  /** Inverse of {@link #ordinal()}. */
  public static Nb201Cell fromOrdinal(int ordinal) {
    if (ordinal < 0 || ordinal >= Nb201Space.SIZE) {
      throw new IllegalArgumentException("ordinal " + ordinal + " outside 0.." + (Nb201Space.SIZE - 1));
    }
    String[] ops = new String[EDGES];
    for (int i = EDGES - 1; i >= 0; i--) {
      ops[i] = OPS.get(ordinal % OPS.size());
      ordinal /= OPS.size();
    }
    return of(ops);
  }

  @Override
  public String toString() {
    return archString();
  }
}
