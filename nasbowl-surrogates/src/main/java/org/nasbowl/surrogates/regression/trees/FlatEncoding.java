package org.nasbowl.surrogates.regression.trees;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.darts.DartsCellEncoder;
import org.nasbowl.core.space.darts.DartsOp;
import org.nasbowl.core.space.nb101.Nb101Spec;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.surrogates.encoding.PathEncoding;

/**
 * A fixed-length vector per architecture for the tree surrogates, built from the op-on-node graphs of
 * {@link SearchSpace#encode} so one implementation serves every space.
 *
 * <p>Layout, with {@code N = maxNodes}, {@code L} the label vocabulary and {@code C} the number of cells:
 * <pre>
 *   for each cell c = 0..C-1 (in encode order), a block of N(N-1)/2 + N*|L| entries:
 *     adjacency  N(N-1)/2 entries: for i = 0..N-2, j = i+1..N-1 (row-major upper triangle), 1 iff edge i -&gt; j
 *     labels     N*|L| entries:    for node v = 0..N-1, the one-hot of its label over L (vocabulary order)
 *   then the path encoding of the architecture ({@link PathEncoding#encode}, all cells)
 * </pre>
 * Nodes keep the numbering of the encoded graph (which is topological in every space of this project, so
 * every edge lands in the upper triangle); a graph with fewer than N nodes is padded at the end with
 * nodes without edges whose one-hot is all zeros. Pruned graphs therefore put the output at position
 * {@code size - 1}, not {@code N - 1}; its label one-hot says which node it is.
 *
 * <p>Instances: {@link #nb201()} (N = 8, L = input, 3 ops, output: 28 + 40 + 40 path = 108),
 * {@link #nb101()} (N = 7, L = input, 3 ops, output: 21 + 35 + 364 path = 420), {@link #darts()} (per cell
 * N = 15, L = 2 inputs, 6 non-skip ops, add, output: 2 x (105 + 150) + 1036 path = 1546).
 */
public final class FlatEncoding {
  private final int maxNodes;
  private final List<String> labels;
  private final int cells;
  private final PathEncoding path;
  private final Map<String, Integer> labelIndex = new HashMap<>();
  private final int adjacencySize;
  private final int perCell;

  /**
   * @param maxNodes largest number of nodes of one encoded cell graph, &gt;= 1
   * @param labels the node label vocabulary in one-hot order
   * @param cells cell graphs per architecture, &gt;= 1
   * @param path the path encoding appended after the cells
   * @throws IllegalArgumentException for bad sizes or duplicate labels
   */
  public FlatEncoding(int maxNodes, List<String> labels, int cells, PathEncoding path) {
    if (maxNodes < 1) throw new IllegalArgumentException("maxNodes must be >= 1: " + maxNodes);
    if (cells < 1) throw new IllegalArgumentException("cells must be >= 1: " + cells);
    this.maxNodes = maxNodes;
    this.labels = List.copyOf(labels);
    this.cells = cells;
    this.path = Objects.requireNonNull(path, "path encoding");
    if (this.labels.isEmpty()) throw new IllegalArgumentException("the label vocabulary is empty");
    for (int i = 0; i < this.labels.size(); i++) {
      if (labelIndex.put(this.labels.get(i), i) != null) {
        throw new IllegalArgumentException("label '" + this.labels.get(i) + "' appears twice in the vocabulary");
      }
    }
    adjacencySize = maxNodes * (maxNodes - 1) / 2;
    perCell = adjacencySize + maxNodes * this.labels.size();
  }

  /** NAS-Bench-201: 8 nodes (input, six edges, output), 108 features. */
  public static FlatEncoding nb201() {
    return new FlatEncoding(8, List.of(Nb201Space.INPUT, "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3",
        Nb201Space.OUTPUT), 1, PathEncoding.nb201());
  }

  /** NAS-Bench-101: 7 nodes, 420 features. */
  public static FlatEncoding nb101() {
    List<String> labels = new ArrayList<>();
    labels.add(Nb101Spec.INPUT);
    labels.addAll(Nb101Spec.INTERIOR_OPS);
    labels.add(Nb101Spec.OUTPUT);
    return new FlatEncoding(Nb101Spec.MAX_VERTICES, labels, 1, PathEncoding.nb101());
  }

  /** DARTS: normal and reduction cell of at most 15 nodes each, 1546 features. */
  public static FlatEncoding darts() {
    List<String> labels = new ArrayList<>();
    labels.add(DartsCellEncoder.INPUT_K2);
    labels.add(DartsCellEncoder.INPUT_K1);
    for (DartsOp op : DartsOp.all()) if (op != DartsOp.SKIP_CONNECT) labels.add(op.notation());
    labels.add(DartsCellEncoder.ADD);
    labels.add(DartsCellEncoder.OUTPUT);
    return new FlatEncoding(15, labels, 2, PathEncoding.darts());
  }

  /**
   * The encoding of a space by its name ({@code nb201}, {@code nb101}, {@code darts}).
   *
   * @throws IllegalArgumentException for another space
   */
  public static FlatEncoding forSpace(SearchSpace<?> space) {
    return switch (space.name()) {
      case "nb201" -> nb201();
      case "nb101" -> nb101();
      case "darts" -> darts();
      default -> throw new IllegalArgumentException("no flat encoding for space '" + space.name()
          + "'; known: nb201, nb101, darts (or construct a FlatEncoding with the space's vocabulary)");
    };
  }

  /** Length of the vector of one architecture. */
  public int dimension() {
    return cells * perCell + path.dimension();
  }

  /** Length of one cell's graph block (adjacency and labels, without the path encoding). */
  public int cellDimension() {
    return perCell;
  }

  public int maxNodes() {
    return maxNodes;
  }

  public List<String> labels() {
    return labels;
  }

  /** Index of the adjacency entry {@code i -> j} (i &lt; j) within a cell block. */
  public int adjacencyIndex(int i, int j) {
    if (i < 0 || j <= i || j >= maxNodes) {
      throw new IllegalArgumentException("need 0 <= i < j < " + maxNodes + ", got " + i + ", " + j);
    }
    // Rows 0..i-1 hold (N-1) + (N-2) + ... + (N-i) entries.
    return i * (2 * maxNodes - i - 1) / 2 + (j - i - 1);
  }

  /** Index of the one-hot entry of node {@code v} having label {@code label} within a cell block. */
  public int labelIndex(int v, String label) {
    Integer l = labelIndex.get(label);
    if (l == null) throw new IllegalArgumentException("label '" + label + "' is not in the vocabulary " + labels);
    if (v < 0 || v >= maxNodes) throw new IllegalArgumentException("node " + v + " outside 0.." + (maxNodes - 1));
    return adjacencySize + v * labels.size() + l;
  }

  /**
   * The vector of an architecture from its cell graphs.
   *
   * @throws IllegalArgumentException for a wrong number of cells, a graph with more than maxNodes nodes, an
   *     edge i -&gt; j with i &gt; j, or a label outside the vocabulary
   */
  public double[] encode(List<LabelledDag> graphs) {
    if (graphs.size() != cells) {
      throw new IllegalArgumentException("expected " + cells + " cell graph(s), got " + graphs.size());
    }
    double[] out = new double[dimension()];
    for (int c = 0; c < cells; c++) {
      LabelledDag g = graphs.get(c);
      int base = c * perCell;
      if (g.size() > maxNodes) {
        throw new IllegalArgumentException("cell " + c + " has " + g.size() + " nodes, more than " + maxNodes);
      }
      for (int v = 0; v < g.size(); v++) {
        out[base + labelIndex(v, g.label(v))] = 1.0;
        for (int w : g.successors(v)) {
          if (w < v) {
            throw new IllegalArgumentException("edge " + v + " -> " + w + " of cell " + c
                + " points backwards; nodes must be numbered topologically");
          }
          out[base + adjacencyIndex(v, w)] = 1.0;
        }
      }
    }
    System.arraycopy(path.encode(graphs), 0, out, cells * perCell, path.dimension());
    return out;
  }

  /** Convenience: {@code encode(space.encode(architecture))}. */
  public <A> double[] encode(SearchSpace<A> space, A architecture) {
    return encode(space.encode(architecture));
  }

  /** A readable name of feature {@code index}, e.g. {@code cell0:adj[0,3]}, {@code cell0:node2=output}. */
  public String featureName(int index) {
    if (index < 0 || index >= dimension()) {
      throw new IndexOutOfBoundsException("feature " + index + " of " + dimension());
    }
    if (index >= cells * perCell) return "path:" + path.featureName(index - cells * perCell);
    int c = index / perCell;
    int r = index % perCell;
    if (r >= adjacencySize) {
      int k = r - adjacencySize;
      return "cell" + c + ":node" + (k / labels.size()) + "=" + labels.get(k % labels.size());
    }
    int i = 0;
    while (r >= maxNodes - 1 - i) {
      r -= maxNodes - 1 - i;
      i++;
    }
    return "cell" + c + ":adj[" + i + "," + (i + 1 + r) + "]";
  }
}
