package org.nasbowl.experiments.benchmark;

import java.util.List;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.kernel.WlSubtreeLabels;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

/**
 * An embedded benchmark on the NAS-Bench-201 space with planted motifs: the interpretability oracle and the
 * default problem when no data is installed. On the pruned op-on-node graph G of a cell,
 *
 * <pre>
 *   acc(G) = 0.10                                                  if G has no input->output path
 *   acc(G) = 0.62 + 0.015 * convNodes(G) + sum_m w_m * count_m(G)   otherwise
 * </pre>
 *
 * where convNodes counts nor_conv_1x1 and nor_conv_3x3 nodes and count_m the nodes whose WL subtree label
 * at the motif's depth equals the motif ({@link WlSubtreeLabels}). The motifs are {@link #MOTIFS}. The test
 * accuracy is acc(G); the validation accuracy adds optional Gaussian noise (standard deviation
 * {@code noise}, drawn from the query's generator, clipped to [0, 1]).
 */
public final class SyntheticBenchmark implements Benchmark<Nb201Cell> {
  public static final String ID = "synthetic";

  /** A planted motif: a WL subtree label at a depth and its effect on accuracy. */
  public record Motif(String name, String label, int depth, double weight) {}

  public static final List<Motif> MOTIFS = List.of(
      new Motif("conv3x3 feeding only a conv3x3", "nor_conv_3x3(nor_conv_3x3)", 1, +0.07),
      new Motif("conv1x1 -> conv3x3 -> output", "nor_conv_1x1(nor_conv_3x3(output))", 2, +0.06),
      new Motif("pool feeding only a pool", "avg_pool_3x3(avg_pool_3x3)", 1, -0.08),
      new Motif("pool feeding only the output", "avg_pool_3x3(output)", 1, -0.05));

  static final double DISCONNECTED = 0.10;
  static final double BASE = 0.62;
  static final double PER_CONV = 0.015;

  private final Nb201Space space = new Nb201Space();
  private final double noise;
  private final double[] clean = new double[Nb201Space.SIZE];
  private final double best;

  /** @param noise standard deviation of the validation noise (0 = deterministic) */
  public SyntheticBenchmark(double noise) {
    if (!(noise >= 0) || !Double.isFinite(noise)) throw new IllegalArgumentException("noise must be >= 0: " + noise);
    this.noise = noise;
    double b = 0;
    for (int k = 0; k < clean.length; k++) {
      clean[k] = accuracy(Nb201Cell.fromOrdinal(k));
      b = Math.max(b, clean[k]);
    }
    this.best = b;
  }

  /** The noiseless accuracy of a cell (the formula in the class comment). */
  public static double accuracy(Nb201Cell cell) {
    LabelledDag g = Nb201Space.encodeCell(cell);
    if (g.edgeCount() == 0) return DISCONNECTED;
    String[][] labels = WlSubtreeLabels.compute(g, 2);
    double acc = BASE;
    for (int v = 0; v < g.size(); v++) {
      String op = g.label(v);
      if (op.equals("nor_conv_1x1") || op.equals("nor_conv_3x3")) acc += PER_CONV;
      for (Motif m : MOTIFS) if (labels[m.depth()][v].equals(m.label())) acc += m.weight();
    }
    return acc;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Synthetic benchmark on the NAS-Bench-201 space with planted WL motifs (embedded, no data files); "
        + (noise > 0 ? "validation noise sd " + noise : "deterministic") + "; regret on the noiseless accuracy.";
  }

  @Override
  public SearchSpace<Nb201Cell> space() {
    return space;
  }

  @Override
  public Evaluation query(Nb201Cell cell, RandomGenerator rng) {
    double c = clean[cell.ordinal()];
    double v = noise > 0 ? Math.min(1, Math.max(0, c + noise * rng.nextGaussian())) : c;
    return new Evaluation(v, OptionalDouble.of(c), OptionalDouble.empty(), OptionalDouble.empty());
  }

  @Override
  public Evaluation noiseless(Nb201Cell cell) {
    double c = clean[cell.ordinal()];
    return new Evaluation(c, OptionalDouble.of(c), OptionalDouble.empty(), OptionalDouble.empty());
  }

  @Override
  public double bestValidationAccuracy() {
    return best;
  }

  @Override
  public double bestRegretMetric() {
    return best;
  }

  @Override
  public String regretMetric() {
    return "noiseless accuracy";
  }

  @Override
  public boolean deterministic() {
    return noise == 0;
  }

  @Override
  public long size() {
    return Nb201Space.SIZE;
  }

  @Override
  public Stream<Nb201Cell> architectures() {
    return space.enumerate();
  }
}
