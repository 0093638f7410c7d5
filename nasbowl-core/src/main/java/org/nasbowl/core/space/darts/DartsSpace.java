package org.nasbowl.core.space.darts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;

/**
 * The DARTS search space as benchmarked by NAS-Bench-301: two cells (normal, reduction), each with 4
 * intermediate nodes reading 2 distinct earlier nodes through one of 7 ops ({@link DartsGenotype}).
 *
 * <ul>
 *   <li>Notation: the DARTS genotype ({@link DartsNotation}).</li>
 *   <li>Encoding: one graph per cell, normal first ({@link DartsCellEncoder}).</li>
 *   <li>Key: the two edges of every node are an unordered pair, so the key lists them sorted by input index;
 *       per cell {@code op~input+op~input} per node, nodes separated by {@code |}, e.g.
 *       {@code normal=sep_conv_3x3~0+sep_conv_3x3~1|...;reduce=max_pool_3x3~0+max_pool_3x3~1|...}.</li>
 *   <li>Sampling (as NB301 / NASLib): for every node of every cell, 2 distinct inputs uniformly among its
 *       predecessors (written in increasing order) and an op uniformly for each edge; this is uniform over
 *       keys.</li>
 *   <li>Mutation (as NASLib's DARTS mutation): one cell, one of its 8 edges, and either a new uniform op or a
 *       new uniform input for that edge (an input equal to the other input of the node is rejected), redrawn
 *       until the child's key differs from the parent's.</li>
 * </ul>
 * The space holds about 1.08e18 distinct keys and is not enumerable.
 */
public final class DartsSpace implements SearchSpace<DartsGenotype> {

  @Override
  public String name() {
    return "darts";
  }

  @Override
  public DartsGenotype parse(String notation) {
    return DartsNotation.parse(notation);
  }

  @Override
  public String format(DartsGenotype architecture) {
    return DartsNotation.format(Objects.requireNonNull(architecture, "architecture"));
  }

  /** The normal-cell graph, then the reduction-cell graph. */
  @Override
  public List<LabelledDag> encode(DartsGenotype architecture) {
    return List.of(DartsCellEncoder.encode(architecture.normal()), DartsCellEncoder.encode(architecture.reduce()));
  }

  @Override
  public String key(DartsGenotype architecture) {
    DartsGenotype c = architecture.canonical();
    StringBuilder sb = new StringBuilder("normal=");
    appendKey(sb, c.normal());
    sb.append(";reduce=");
    appendKey(sb, c.reduce());
    return sb.toString();
  }

  private static void appendKey(StringBuilder sb, DartsCell cell) {
    for (int p = 0; p < DartsCell.EDGES; p++) {
      if (p > 0) sb.append(p % 2 == 0 ? '|' : '+');
      DartsEdge e = cell.edges().get(p);
      sb.append(e.op().notation()).append('~').append(e.input());
    }
  }

  @Override
  public DartsGenotype sample(RandomGenerator rng) {
    DartsCell normal = sampleCell(rng);
    DartsCell reduce = sampleCell(rng);
    return new DartsGenotype(normal, reduce);
  }

  private static DartsCell sampleCell(RandomGenerator rng) {
    List<DartsOp> ops = DartsOp.all();
    List<DartsEdge> edges = new ArrayList<>(DartsCell.EDGES);
    for (int n = DartsCell.FIRST_NODE; n < DartsCell.FIRST_NODE + DartsCell.NODES; n++) {
      int a = rng.nextInt(n);
      int b = rng.nextInt(n - 1);
      if (b >= a) b++;
      edges.add(new DartsEdge(ops.get(rng.nextInt(ops.size())), Math.min(a, b)));
      edges.add(new DartsEdge(ops.get(rng.nextInt(ops.size())), Math.max(a, b)));
    }
    return new DartsCell(edges);
  }

  @Override
  public DartsGenotype mutate(DartsGenotype parent, RandomGenerator rng) {
    String parentKey = key(parent);
    List<DartsOp> ops = DartsOp.all();
    while (true) {
      int cellIndex = rng.nextInt(2);
      int pair = rng.nextInt(DartsCell.EDGES);
      DartsCell cell = parent.cell(cellIndex);
      DartsEdge old = cell.edges().get(pair);
      DartsEdge changed;
      if (rng.nextBoolean()) {
        changed = new DartsEdge(ops.get(rng.nextInt(ops.size())), old.input());
      } else {
        int input = rng.nextInt(DartsCell.nodeOfPair(pair));
        int sibling = cell.edges().get(pair ^ 1).input();
        if (input == sibling) continue;
        changed = new DartsEdge(old.op(), input);
      }
      DartsGenotype child = parent.withCell(cellIndex, cell.withEdge(pair, changed));
      if (!key(child).equals(parentKey)) return child;
    }
  }
}
