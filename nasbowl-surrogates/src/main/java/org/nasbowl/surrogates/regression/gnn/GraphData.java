package org.nasbowl.surrogates.regression.gnn;

import java.util.List;
import java.util.Map;
import org.nasbowl.core.graph.LabelledDag;

/**
 * A batch of encoded architectures in flat arrays: the nodes of architecture {@code i} are the global ids
 * {@code nodeStart[i * cells] .. nodeStart[(i + 1) * cells] - 1}, cell by cell; {@code label} holds vocabulary
 * indices; predecessors and successors are CSR lists of global node ids.
 */
final class GraphData {
  final int count;
  final int cells;
  final int[] nodeStart;
  final int[] label;
  final int[] predStart;
  final int[] pred;
  final int[] succStart;
  final int[] succ;
  final int maxNodes;

  private GraphData(int count, int cells, int[] nodeStart, int[] label, int[] predStart, int[] pred,
      int[] succStart, int[] succ, int maxNodes) {
    this.count = count;
    this.cells = cells;
    this.nodeStart = nodeStart;
    this.label = label;
    this.predStart = predStart;
    this.pred = pred;
    this.succStart = succStart;
    this.succ = succ;
    this.maxNodes = maxNodes;
  }

  /**
   * Flattens the encodings.
   *
   * @param graphs per architecture its cells, each list of length {@code cells}
   * @param vocab label to index; labels missing from it map to {@code unknown}
   * @throws IllegalArgumentException when an architecture has another number of cells
   */
  static GraphData of(List<List<LabelledDag>> graphs, int cells, Map<String, Integer> vocab, int unknown) {
    int n = graphs.size();
    int[] nodeStart = new int[n * cells + 1];
    int total = 0;
    int edges = 0;
    int maxNodes = 0;
    for (int i = 0; i < n; i++) {
      List<LabelledDag> g = graphs.get(i);
      if (g.size() != cells) {
        throw new IllegalArgumentException("architecture " + i + " encodes to " + g.size() + " cells, expected "
            + cells);
      }
      int m = 0;
      for (int c = 0; c < cells; c++) {
        nodeStart[i * cells + c] = total + m;
        m += g.get(c).size();
        edges += g.get(c).edgeCount();
      }
      total += m;
      maxNodes = Math.max(maxNodes, m);
    }
    nodeStart[n * cells] = total;
    int[] label = new int[total];
    int[] predStart = new int[total + 1];
    int[] succStart = new int[total + 1];
    int[] pred = new int[edges];
    int[] succ = new int[edges];
    int v = 0;
    int pe = 0;
    int se = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < cells; c++) {
        LabelledDag dag = graphs.get(i).get(c);
        int off = nodeStart[i * cells + c];
        for (int u = 0; u < dag.size(); u++) {
          label[v] = vocab.getOrDefault(dag.label(u), unknown);
          predStart[v] = pe;
          for (int p : dag.predecessors(u)) pred[pe++] = off + p;
          succStart[v] = se;
          for (int s : dag.successors(u)) succ[se++] = off + s;
          v++;
        }
      }
    }
    predStart[total] = pe;
    succStart[total] = se;
    return new GraphData(n, cells, nodeStart, label, predStart, pred, succStart, succ, maxNodes);
  }
}
