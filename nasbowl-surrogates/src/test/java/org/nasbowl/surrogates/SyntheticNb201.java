package org.nasbowl.surrogates;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

/** Test objectives and a tiny NAS-Bench-201 subspace for the optimiser tests. */
final class SyntheticNb201 {
  private SyntheticNb201() {}

  /**
   * A smooth synthetic validation accuracy: 0.1 for a cell without an input->output path, else 0.1 plus 0.85 times
   * the mean per-edge op value (none 0, avg pool 0.2, skip 0.3, conv1x1 0.6, conv3x3 1). Range [0.1, 0.95]; the
   * unique optimum is all conv3x3.
   */
  static double accuracy(Nb201Cell cell) {
    if (!Nb201Space.isConnected(cell)) return 0.1;
    double s = 0;
    for (String op : cell.ops()) {
      s += switch (op) {
        case "none" -> 0.0;
        case "avg_pool_3x3" -> 0.2;
        case "skip_connect" -> 0.3;
        case "nor_conv_1x1" -> 0.6;
        default -> 1.0;
      };
    }
    return 0.1 + 0.85 * s / 6;
  }

  /**
   * NAS-Bench-201 cells whose edges are all {@code none} or {@code nor_conv_3x3}: 64 cells, so that optimisers
   * exhaust it. Named {@code nb201} so that the NAS-Bench-201 path encoding applies.
   */
  static final class TinySpace implements SearchSpace<Nb201Cell> {
    static final List<String> OPS = List.of("none", "nor_conv_3x3");
    private final Nb201Space inner = new Nb201Space();

    @Override
    public String name() {
      return "nb201";
    }

    @Override
    public Nb201Cell parse(String notation) {
      return inner.parse(notation);
    }

    @Override
    public String format(Nb201Cell cell) {
      return inner.format(cell);
    }

    @Override
    public List<LabelledDag> encode(Nb201Cell cell) {
      return inner.encode(cell);
    }

    @Override
    public String key(Nb201Cell cell) {
      return inner.key(cell);
    }

    @Override
    public Nb201Cell sample(RandomGenerator rng) {
      String[] ops = new String[Nb201Cell.EDGES];
      for (int i = 0; i < ops.length; i++) ops[i] = OPS.get(rng.nextInt(2));
      return Nb201Cell.of(ops);
    }

    @Override
    public Nb201Cell mutate(Nb201Cell parent, RandomGenerator rng) {
      List<String> ops = new ArrayList<>(parent.ops());
      int e = rng.nextInt(Nb201Cell.EDGES);
      ops.set(e, ops.get(e).equals(OPS.get(0)) ? OPS.get(1) : OPS.get(0));
      return new Nb201Cell(ops);
    }
  }
}
