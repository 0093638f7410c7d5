package org.nasbowl.plots.graph;

import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nasbowl.core.graph.LabelledDag;

/**
 * A left-to-right layered (Sugiyama-style) layout of a DAG with boxes of given sizes.
 *
 * <ol>
 *   <li>Layers: a node's layer is the length of the longest path from a source to it, so every edge goes to a
 *       higher layer.</li>
 *   <li>Edges spanning several layers get a virtual node in every layer they cross, so they are routed through
 *       their own slot instead of under the boxes in between.</li>
 *   <li>Order within layers: barycentre sweeps down and up plus adjacent transpositions, keeping the order
 *       with the fewest crossings (ties keep the input order, so a tree numbered in pre-order stays planar).</li>
 *   <li>Vertical positions: each node is pulled to the mean position of its neighbours in the previous (then
 *       next) layer; within a layer the exact least-squares placement that keeps the order and the minimum
 *       gaps is found by isotonic regression (pool adjacent violators).</li>
 * </ol>
 * Coordinates start at (0, 0): the caller translates the drawing.
 */
final class LayeredLayout {
  /** Horizontal gap between layer columns (room for curves and arrowheads). */
  static final double LAYER_GAP = 66;
  /** Vertical gap between two boxes in a layer. */
  static final double NODE_GAP = 18;
  /** Vertical gap next to a virtual node (an edge passing through the layer). */
  static final double VIRTUAL_GAP = 14;
  /** Vertical distance between the ends of several edges on one side of a box. */
  static final double PORT_STEP = 11;
  /** Minimum distance of an edge end from the top or bottom of its box. */
  static final double PORT_MARGIN = 8;

  private final int real;
  private final int total;
  private final double[] w;
  private final double[] h;
  private final int[] layer;
  private final List<List<Integer>> succ = new ArrayList<>();
  private final List<List<Integer>> pred = new ArrayList<>();
  private final Map<Edge, int[]> chains = new HashMap<>();
  private final List<List<Integer>> order = new ArrayList<>();
  private final int[] pos;
  private final double[] y;
  private final double[] colX;
  private final double[] colW;
  private final Map<Long, Double> outPort = new HashMap<>();
  private final Map<Long, Double> inPort = new HashMap<>();
  private final double width;
  private final double height;

  LayeredLayout(LabelledDag g, double[] widths, double[] heights) {
    real = g.size();
    int[] topo = g.topologicalSort();
    int[] realLayer = new int[real];
    for (int v : topo) {
      for (int p : g.predecessors(v)) realLayer[v] = Math.max(realLayer[v], realLayer[p] + 1);
    }
    int layers = 0;
    for (int v = 0; v < real; v++) layers = Math.max(layers, realLayer[v] + 1);

    // Real nodes, then one virtual node per crossed layer of every long edge.
    List<Integer> layerOf = new ArrayList<>();
    for (int v = 0; v < real; v++) {
      layerOf.add(realLayer[v]);
      succ.add(new ArrayList<>());
      pred.add(new ArrayList<>());
    }
    for (int[] e : g.edges()) {
      int u = e[0];
      int v = e[1];
      int[] chain = new int[realLayer[v] - realLayer[u] + 1];
      chain[0] = u;
      chain[chain.length - 1] = v;
      for (int k = 1; k < chain.length - 1; k++) {
        chain[k] = layerOf.size();
        layerOf.add(realLayer[u] + k);
        succ.add(new ArrayList<>());
        pred.add(new ArrayList<>());
      }
      for (int k = 0; k + 1 < chain.length; k++) {
        succ.get(chain[k]).add(chain[k + 1]);
        pred.get(chain[k + 1]).add(chain[k]);
      }
      chains.put(new Edge(u, v), chain);
    }
    total = layerOf.size();
    layer = new int[total];
    w = new double[total];
    h = new double[total];
    for (int v = 0; v < total; v++) {
      layer[v] = layerOf.get(v);
      if (v < real) {
        w[v] = widths[v];
        h[v] = heights[v];
      }
    }
    for (int l = 0; l < layers; l++) order.add(new ArrayList<>());
    for (int v = 0; v < total; v++) order.get(layer[v]).add(v);
    pos = new int[total];
    refreshPositions();
    orderLayers();

    colX = new double[layers];
    colW = new double[layers];
    for (int v = 0; v < real; v++) colW[layer[v]] = Math.max(colW[layer[v]], w[v]);
    double x = 0;
    for (int l = 0; l < layers; l++) {
      colX[l] = x;
      x += colW[l] + (l + 1 < layers ? LAYER_GAP : 0);
    }
    width = x;

    y = new double[total];
    placeVertically();
    double top = Double.POSITIVE_INFINITY;
    double bottom = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < total; v++) {
      top = Math.min(top, y[v] - h[v] / 2);
      bottom = Math.max(bottom, y[v] + h[v] / 2);
    }
    if (total == 0) top = bottom = 0;
    for (int v = 0; v < total; v++) y[v] -= top;
    height = bottom - top;
    assignPorts();
  }

  // ---------------------------------------------------------------------------------------------- ordering

  private void refreshPositions() {
    for (List<Integer> l : order) {
      for (int i = 0; i < l.size(); i++) pos[l.get(i)] = i;
    }
  }

  private void orderLayers() {
    int layers = order.size();
    List<List<Integer>> best = copy(order);
    long bestCrossings = crossings();
    for (int iter = 0; iter < 24 && bestCrossings > 0; iter++) {
      if (iter % 2 == 0) {
        for (int l = 1; l < layers; l++) reorder(l, pred);
      } else {
        for (int l = layers - 2; l >= 0; l--) reorder(l, succ);
      }
      transpose();
      long c = crossings();
      if (c < bestCrossings) {
        bestCrossings = c;
        best = copy(order);
      }
    }
    order.clear();
    order.addAll(best);
    refreshPositions();
  }

  private static List<List<Integer>> copy(List<List<Integer>> o) {
    List<List<Integer>> c = new ArrayList<>();
    for (List<Integer> l : o) c.add(new ArrayList<>(l));
    return c;
  }

  /** Sorts a layer by the barycentre of its neighbours; nodes without neighbours keep their slot. */
  private void reorder(int l, List<List<Integer>> neighbours) {
    List<Integer> nodes = order.get(l);
    double[] bary = new double[nodes.size()];
    List<Integer> movable = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      List<Integer> nb = neighbours.get(nodes.get(i));
      if (nb.isEmpty()) {
        bary[i] = Double.NaN;
        continue;
      }
      double s = 0;
      for (int u : nb) s += pos[u];
      bary[i] = s / nb.size();
      movable.add(i);
    }
    List<Integer> sorted = new ArrayList<>(movable);
    sorted.sort(Comparator.comparingDouble(i -> bary[i])); // stable: ties keep the current order
    List<Integer> result = new ArrayList<>(nodes);
    int k = 0;
    for (int i = 0; i < nodes.size(); i++) {
      if (!Double.isNaN(bary[i])) result.set(i, nodes.get(sorted.get(k++)));
    }
    order.set(l, result);
    for (int i = 0; i < result.size(); i++) pos[result.get(i)] = i;
  }

  /** Swaps neighbours in a layer while that strictly reduces the crossings next to the layer. */
  private void transpose() {
    for (int pass = 0; pass < 8; pass++) {
      boolean improved = false;
      for (int l = 0; l < order.size(); l++) {
        List<Integer> nodes = order.get(l);
        for (int i = 0; i + 1 < nodes.size(); i++) {
          long before = crossingsAround(l);
          swap(nodes, i);
          if (crossingsAround(l) < before) {
            improved = true;
          } else {
            swap(nodes, i);
          }
        }
      }
      if (!improved) break;
    }
  }

  private void swap(List<Integer> nodes, int i) {
    int a = nodes.get(i);
    int b = nodes.get(i + 1);
    nodes.set(i, b);
    nodes.set(i + 1, a);
    pos[a] = i + 1;
    pos[b] = i;
  }

  private long crossingsAround(int l) {
    long c = 0;
    if (l > 0) c += crossingsBetween(l - 1);
    if (l + 1 < order.size()) c += crossingsBetween(l);
    return c;
  }

  /** Number of pairs of edges between layers that cross (the criterion of the ordering). */
  long crossings() {
    long c = 0;
    for (int l = 0; l + 1 < order.size(); l++) c += crossingsBetween(l);
    return c;
  }

  private long crossingsBetween(int l) {
    List<int[]> e = new ArrayList<>();
    for (int u : order.get(l)) {
      for (int v : succ.get(u)) e.add(new int[] {pos[u], pos[v]});
    }
    long c = 0;
    for (int i = 0; i < e.size(); i++) {
      for (int j = i + 1; j < e.size(); j++) {
        int[] a = e.get(i);
        int[] b = e.get(j);
        if ((a[0] < b[0] && a[1] > b[1]) || (a[0] > b[0] && a[1] < b[1])) c++;
      }
    }
    return c;
  }

  // ------------------------------------------------------------------------------------------ coordinates

  private double separation(int a, int b) {
    boolean bothReal = a < real && b < real;
    return (h[a] + h[b]) / 2 + (bothReal ? NODE_GAP : VIRTUAL_GAP);
  }

  private void placeVertically() {
    // Start with every layer stacked and centred on 0.
    for (List<Integer> nodes : order) {
      double[] d = new double[nodes.size()];
      place(nodes, d);
    }
    int layers = order.size();
    for (int round = 0; round < 16; round++) {
      for (int l = 1; l < layers; l++) pull(l, pred);
      for (int l = layers - 2; l >= 0; l--) pull(l, succ);
    }
    // A last downward pull, so chains of single successors end up straight.
    for (int l = 1; l < layers; l++) pull(l, pred);
  }

  private void pull(int l, List<List<Integer>> neighbours) {
    List<Integer> nodes = order.get(l);
    double[] desired = new double[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      int v = nodes.get(i);
      List<Integer> nb = neighbours.get(v);
      if (nb.isEmpty()) {
        desired[i] = y[v];
      } else {
        double s = 0;
        for (int u : nb) s += y[u];
        desired[i] = s / nb.size();
      }
    }
    place(nodes, desired);
  }

  /**
   * Sets y of the nodes (in order) to minimise sum (y_i - desired_i)^2 subject to
   * y_{i+1} - y_i >= separation(i, i+1): with offsets S_i, z_i = y_i - S_i must be non-decreasing, which is
   * isotonic regression of desired_i - S_i.
   */
  private void place(List<Integer> nodes, double[] desired) {
    int n = nodes.size();
    if (n == 0) return;
    double[] offset = new double[n];
    for (int i = 1; i < n; i++) offset[i] = offset[i - 1] + separation(nodes.get(i - 1), nodes.get(i));
    double[] t = new double[n];
    for (int i = 0; i < n; i++) t[i] = desired[i] - offset[i];
    double[] blockSum = new double[n];
    int[] blockCount = new int[n];
    int blocks = 0;
    for (int i = 0; i < n; i++) {
      blockSum[blocks] = t[i];
      blockCount[blocks] = 1;
      blocks++;
      while (blocks > 1
          && blockSum[blocks - 2] / blockCount[blocks - 2] > blockSum[blocks - 1] / blockCount[blocks - 1]) {
        blockSum[blocks - 2] += blockSum[blocks - 1];
        blockCount[blocks - 2] += blockCount[blocks - 1];
        blocks--;
      }
    }
    int i = 0;
    for (int b = 0; b < blocks; b++) {
      double mean = blockSum[b] / blockCount[b];
      for (int k = 0; k < blockCount[b]; k++, i++) y[nodes.get(i)] = mean + offset[i];
    }
  }

  /** Spreads several edges leaving (entering) a box over its right (left) side, ordered by the other end. */
  private void assignPorts() {
    for (int v = 0; v < real; v++) {
      spread(v, succ.get(v), outPort, true);
      spread(v, pred.get(v), inPort, false);
    }
  }

  private void spread(int v, List<Integer> nb, Map<Long, Double> ports, boolean out) {
    List<Integer> sorted = new ArrayList<>(nb);
    sorted.sort(Comparator.comparingDouble((Integer u) -> y[u]).thenComparingInt(u -> pos[u]));
    int k = sorted.size();
    double step = k <= 1 ? 0 : Math.min(PORT_STEP, (h[v] - 2 * PORT_MARGIN) / (k - 1));
    for (int i = 0; i < k; i++) {
      int u = sorted.get(i);
      long key = out ? key(v, u) : key(u, v);
      ports.put(key, y[v] + (i - (k - 1) / 2.0) * step);
    }
  }

  private static long key(int from, int to) {
    return ((long) from << 32) | (to & 0xFFFFFFFFL);
  }

  // -------------------------------------------------------------------------------------------- results

  double width() {
    return width;
  }

  double height() {
    return height;
  }

  int layerCount() {
    return order.size();
  }

  /** Layer of a real node (0 = sources). */
  int layer(int v) {
    return layer[v];
  }

  /** Real nodes of a layer, top to bottom. */
  List<Integer> nodesOfLayer(int l) {
    List<Integer> out = new ArrayList<>();
    for (int v : order.get(l)) if (v < real) out.add(v);
    return out;
  }

  /** The box of a real node. */
  Rectangle2D box(int v) {
    int l = layer[v];
    double x = colX[l] + (colW[l] - w[v]) / 2;
    return new Rectangle2D.Double(x, y[v] - h[v] / 2, w[v], h[v]);
  }

  /** Where the edge's arrow tip touches the target box. */
  Point2D end(Edge e) {
    int[] c = chain(e);
    int v = c[c.length - 1];
    return new Point2D.Double(box(v).getX(), inPort.get(key(c[c.length - 2], v)));
  }

  /**
   * The edge's path from the source box's right side to {@code shortenEnd} before the target box (where the
   * arrowhead starts): horizontal-tangent cubic curves between columns and straight lines through the
   * columns its virtual nodes occupy.
   */
  Path2D route(Edge e, double shortenEnd) {
    int[] c = chain(e);
    Path2D.Double p = new Path2D.Double();
    Rectangle2D src = box(c[0]);
    double x0 = src.getMaxX();
    double y0 = outPort.get(key(c[0], c[1]));
    p.moveTo(x0, y0);
    for (int k = 1; k < c.length; k++) {
      int v = c[k];
      double x1;
      double y1;
      if (k == c.length - 1) {
        Point2D end = end(e);
        x1 = end.getX() - shortenEnd;
        y1 = end.getY();
      } else {
        x1 = colX[layer[v]];
        y1 = y[v];
      }
      double dx = (x1 - x0) / 2;
      p.curveTo(x0 + dx, y0, x1 - dx, y1, x1, y1);
      if (k < c.length - 1) {
        x0 = colX[layer[v]] + colW[layer[v]];
        y0 = y[v];
        p.lineTo(x0, y0);
      }
    }
    return p;
  }

  private int[] chain(Edge e) {
    int[] c = chains.get(e);
    if (c == null) throw new IllegalArgumentException("no edge " + e + " in the graph");
    return c;
  }

  @Override
  public String toString() {
    return "LayeredLayout{layers=" + Arrays.toString(Arrays.copyOf(layer, real)) + ", order=" + order + "}";
  }
}
