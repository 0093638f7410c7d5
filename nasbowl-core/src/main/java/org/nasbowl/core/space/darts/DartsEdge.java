package org.nasbowl.core.space.darts;

import java.util.Objects;

/**
 * One input edge of an intermediate node of a DARTS cell: the op applied to an earlier node's output.
 * Input indices follow DARTS: 0 = c_{k-2} (output of the cell before the previous one), 1 = c_{k-1} (output
 * of the previous cell), 2..5 = the cell's intermediate nodes. Whether the index is in range for the node
 * that owns the edge is checked by {@link DartsCell}.
 *
 * @param op the operation on the edge
 * @param input index of the node the edge comes from
 */
public record DartsEdge(DartsOp op, int input) implements Comparable<DartsEdge> {
  public DartsEdge {
    Objects.requireNonNull(op, "op");
    if (input < 0) throw new IllegalArgumentException("input index must be >= 0, got " + input);
  }

  /** Orders by input index, then op: the canonical order of the two edges of a node. */
  @Override
  public int compareTo(DartsEdge o) {
    int c = Integer.compare(input, o.input);
    return c != 0 ? c : op.compareTo(o.op);
  }
}
