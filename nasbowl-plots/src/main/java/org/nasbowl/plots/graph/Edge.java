package org.nasbowl.plots.graph;

/**
 * A directed edge {@code from -> to} between node ids of a {@link org.nasbowl.core.graph.LabelledDag}; used as
 * the key of edge highlights and in {@link MotifTree.Occurrence}. Ordered by source, then target.
 */
public record Edge(int from, int to) implements Comparable<Edge> {
  @Override
  public int compareTo(Edge o) {
    int c = Integer.compare(from, o.from);
    return c != 0 ? c : Integer.compare(to, o.to);
  }

  @Override
  public String toString() {
    return from + "->" + to;
  }
}
