package org.nasbowl.core.space.darts;

import java.util.ArrayList;
import java.util.List;

/** Published genotypes (DARTS paper code, quark0/darts genotypes.py; PC-DARTS) for the DARTS tests. */
final class DartsExamples {
  private DartsExamples() {}

  static final String DARTS_V1 = "Genotype(normal=[('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 0), "
      + "('sep_conv_3x3', 1), ('skip_connect', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 2)], "
      + "normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), "
      + "('max_pool_3x3', 0), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('avg_pool_3x3', 0)], "
      + "reduce_concat=[2, 3, 4, 5])";

  static final String DARTS_V2 = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
      + "('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)], "
      + "normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), "
      + "('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], "
      + "reduce_concat=[2, 3, 4, 5])";

  /** PC-DARTS (CIFAR), written as in its repository: multi-line, double quotes, trailing commas, range(2, 6). */
  static final String PC_DARTS_MULTILINE = """
      Genotype(
          normal=[
              ("sep_conv_3x3", 1),
              ("skip_connect", 0),
              ("sep_conv_3x3", 0),
              ("dil_conv_3x3", 1),
              ("sep_conv_5x5", 0),
              ("sep_conv_3x3", 1),
              ("avg_pool_3x3", 0),
              ("dil_conv_3x3", 1),
          ],
          normal_concat=range(2, 6),
          reduce=[
              ("sep_conv_5x5", 1),
              ("max_pool_3x3", 0),
              ("sep_conv_5x5", 1),
              ("sep_conv_5x5", 2),
              ("sep_conv_3x3", 0),
              ("sep_conv_3x3", 3),
              ("sep_conv_3x3", 1),
              ("sep_conv_3x3", 2),
          ],
          reduce_concat=range(2, 6),
      )
      """;

  static final String PC_DARTS = "Genotype(normal=[('sep_conv_3x3', 1), ('skip_connect', 0), ('sep_conv_3x3', 0), "
      + "('dil_conv_3x3', 1), ('sep_conv_5x5', 0), ('sep_conv_3x3', 1), ('avg_pool_3x3', 0), ('dil_conv_3x3', 1)], "
      + "normal_concat=[2, 3, 4, 5], reduce=[('sep_conv_5x5', 1), ('max_pool_3x3', 0), ('sep_conv_5x5', 1), "
      + "('sep_conv_5x5', 2), ('sep_conv_3x3', 0), ('sep_conv_3x3', 3), ('sep_conv_3x3', 1), ('sep_conv_3x3', 2)], "
      + "reduce_concat=[2, 3, 4, 5])";

  static DartsEdge e(DartsOp op, int input) {
    return new DartsEdge(op, input);
  }

  /** A cell from alternating (op, input) arguments. */
  static DartsCell cell(Object... opInput) {
    List<DartsEdge> edges = new ArrayList<>();
    for (int i = 0; i < opInput.length; i += 2) edges.add(e((DartsOp) opInput[i], (Integer) opInput[i + 1]));
    return new DartsCell(edges);
  }

  /** The same genotype with the two edges of node {@code node} (2..5) of cell {@code cellIndex} swapped. */
  static DartsGenotype swap(DartsGenotype g, int cellIndex, int node) {
    List<DartsEdge> edges = new ArrayList<>(g.cell(cellIndex).edges());
    int p = DartsCell.pairIndex(node, 0);
    DartsEdge first = edges.get(p);
    edges.set(p, edges.get(p + 1));
    edges.set(p + 1, first);
    return g.withCell(cellIndex, new DartsCell(edges));
  }
}
