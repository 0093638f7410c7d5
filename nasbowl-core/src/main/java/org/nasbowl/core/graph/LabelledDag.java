package org.nasbowl.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable directed acyclic graph with a string label on every node: the only thing the surrogate sees
 * of an architecture (ALGORITHM.md section 1). Nodes are numbered 0..n-1; edges are stored as sorted
 * successor and predecessor lists. The constructor rejects self-loops, out-of-range endpoints and cycles.
 */
public final class LabelledDag {
  private final String[] labels;
  private final int[][] successors;
  private final int[][] predecessors;
  private final int edgeCount;

  /**
   * @param labels node labels, index = node id
   * @param edges pairs {from, to}; duplicates are merged
   */
  public LabelledDag(List<String> labels, List<int[]> edges) {
    int n = labels.size();
    this.labels = new String[n];
    for (int i = 0; i < n; i++) {
      this.labels[i] = Objects.requireNonNull(labels.get(i), "label of node " + i);
    }
    boolean[][] adj = new boolean[n][n];
    for (int[] e : edges) {
      if (e.length != 2) {
        throw new IllegalArgumentException("an edge has two endpoints, got " + Arrays.toString(e));
      }
      if (e[0] < 0 || e[0] >= n || e[1] < 0 || e[1] >= n) {
        throw new IllegalArgumentException("edge " + Arrays.toString(e) + " leaves the node range 0.." + (n - 1));
      }
      if (e[0] == e[1]) {
        throw new IllegalArgumentException("self-loop on node " + e[0]);
      }
      adj[e[0]][e[1]] = true;
    }
    this.successors = new int[n][];
    this.predecessors = new int[n][];
    int count = 0;
    for (int i = 0; i < n; i++) {
      int out = 0;
      int in = 0;
      for (int j = 0; j < n; j++) {
        if (adj[i][j]) out++;
        if (adj[j][i]) in++;
      }
      successors[i] = new int[out];
      predecessors[i] = new int[in];
      out = 0;
      in = 0;
      for (int j = 0; j < n; j++) {
        if (adj[i][j]) successors[i][out++] = j;
        if (adj[j][i]) predecessors[i][in++] = j;
      }
      count += successors[i].length;
    }
    this.edgeCount = count;
    if (topologicalOrder() == null) {
      throw new IllegalArgumentException("the graph has a cycle");
    }
  }

  /** Builds a graph from a 0/1 adjacency matrix (adj[i][j] = edge i -> j). */
  public static LabelledDag fromAdjacency(List<String> labels, boolean[][] adj) {
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < adj.length; i++) {
      for (int j = 0; j < adj[i].length; j++) {
        if (adj[i][j]) edges.add(new int[] {i, j});
      }
    }
    return new LabelledDag(labels, edges);
  }

  public int size() {
    return labels.length;
  }

  public int edgeCount() {
    return edgeCount;
  }

  public String label(int node) {
    return labels[node];
  }

  public List<String> labels() {
    return List.of(labels);
  }

  /** Successors of a node in increasing id order (a copy). */
  public int[] successors(int node) {
    return successors[node].clone();
  }

  /** Predecessors of a node in increasing id order (a copy). */
  public int[] predecessors(int node) {
    return predecessors[node].clone();
  }

  public int outDegree(int node) {
    return successors[node].length;
  }

  public int inDegree(int node) {
    return predecessors[node].length;
  }

  public boolean hasEdge(int from, int to) {
    return Arrays.binarySearch(successors[from], to) >= 0;
  }

  /** All edges as {from, to}, ordered by source then target. */
  public List<int[]> edges() {
    List<int[]> out = new ArrayList<>(edgeCount);
    for (int i = 0; i < labels.length; i++) {
      for (int j : successors[i]) out.add(new int[] {i, j});
    }
    return out;
  }

  /** A topological order (Kahn, smallest id first), or null if the graph has a cycle. */
  private int[] topologicalOrder() {
    int n = labels.length;
    int[] indeg = new int[n];
    for (int i = 0; i < n; i++) indeg[i] = predecessors[i].length;
    java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
    for (int i = 0; i < n; i++) if (indeg[i] == 0) ready.add(i);
    int[] order = new int[n];
    int k = 0;
    while (!ready.isEmpty()) {
      int v = ready.poll();
      order[k++] = v;
      for (int w : successors[v]) if (--indeg[w] == 0) ready.add(w);
    }
    return k == n ? order : null;
  }

  /** Nodes in a topological order (smallest available id first). */
  public int[] topologicalSort() {
    return topologicalOrder();
  }

  /**
   * The subgraph induced by the nodes in {@code keep} (true = keep), renumbered in increasing old id.
   */
  public LabelledDag induced(boolean[] keep) {
    int n = labels.length;
    int[] newId = new int[n];
    List<String> newLabels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      newId[i] = keep[i] ? newLabels.size() : -1;
      if (keep[i]) newLabels.add(labels[i]);
    }
    List<int[]> newEdges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!keep[i]) continue;
      for (int j : successors[i]) if (keep[j]) newEdges.add(new int[] {newId[i], newId[j]});
    }
    return new LabelledDag(newLabels, newEdges);
  }

  /** Nodes reachable from {@code source} (including it) following edges forwards. */
  public boolean[] reachableFrom(int source) {
    return reach(source, successors);
  }

  /** Nodes from which {@code target} is reachable (including it). */
  public boolean[] reachingTo(int target) {
    return reach(target, predecessors);
  }

  private boolean[] reach(int start, int[][] next) {
    boolean[] seen = new boolean[labels.length];
    java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
    stack.push(start);
    seen[start] = true;
    while (!stack.isEmpty()) {
      int v = stack.pop();
      for (int w : next[v]) {
        if (!seen[w]) {
          seen[w] = true;
          stack.push(w);
        }
      }
    }
    return seen;
  }

  /** Same labels in the same order and the same edges (not isomorphism: see {@link GraphIsomorphism}). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LabelledDag other)) return false;
    return Arrays.equals(labels, other.labels) && Arrays.deepEquals(successors, other.successors);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(labels) + Arrays.deepHashCode(successors);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LabelledDag{");
    for (int i = 0; i < labels.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(i).append(':').append(labels[i]).append("->").append(Arrays.toString(successors[i]));
    }
    return sb.append('}').toString();
  }
}
