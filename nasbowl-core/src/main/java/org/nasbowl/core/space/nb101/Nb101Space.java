package org.nasbowl.core.space.nb101;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.InvalidArchitectureException;
import org.nasbowl.core.space.SearchSpace;

/**
 * The NAS-Bench-101 space (Ying et al., ICML 2019): cells of at most 7 vertices and 9 edges, interior ops
 * conv3x3-bn-relu, conv1x1-bn-relu and maxpool3x3; {@value Nb101Enumerator#UNIQUE_CELLS} unique cells.
 *
 * <ul>
 *   <li>Native notation: {@code <row-major adjacency bits>|<ops joined by ;>}, the {@code adjacency} and
 *       {@code operations} columns of the data files joined by '|'.
 *   <li>{@link #encode}: the pruned cell as one {@link LabelledDag}, labels = op names.
 *   <li>{@link #key}: the official module hash of the pruned cell.
 *   <li>{@link #sample}: NAS-Bench-101's {@code random_spec} (also NASLib's): a random 7x7 upper-triangular
 *       matrix with independent p = 0.5 edges and uniform interior ops, rejected until valid.
 *   <li>{@link #mutate}: NAS-Bench-101's example {@code mutate_spec} (also BANANAS) on the unpruned spec: every
 *       upper-triangular entry flipped with probability 1/7, every interior op replaced by a different op with
 *       probability 1/5, redrawn until the child is valid and has a different module hash than the parent.
 * </ul>
 *
 * <p>The space holds no state; it is safe to share between threads.
 */
public final class Nb101Space implements SearchSpace<Nb101Spec> {
  private static final int V = Nb101Spec.MAX_VERTICES;
  private static final int OP_SPOTS = V - 2;
  private static final int NUM_OPS = Nb101Spec.INTERIOR_OPS.size();
  private static final String[] OPS = Nb101Spec.INTERIOR_OPS.toArray(new String[0]);
  /** Draws after which mutation gives up (never reached in practice: a valid new child has p > 0.1). */
  private static final int MAX_MUTATION_ATTEMPTS = 1_000_000;

  @Override
  public String name() {
    return "nb101";
  }

  @Override
  public Nb101Spec parse(String notation) {
    if (notation == null) throw new InvalidArchitectureException("NAS-Bench-101 notation is null");
    String s = notation.strip();
    int bar = s.indexOf('|');
    if (bar < 0 || bar != s.lastIndexOf('|')) {
      throw new InvalidArchitectureException("NAS-Bench-101 notation '" + notation + "' must be "
          + "'<adjacency bits>|<ops joined by ;>' with exactly one '|', found " + count(s, '|'));
    }
    String adj = s.substring(0, bar);
    String opsPart = s.substring(bar + 1);
    for (int k = 0; k < adj.length(); k++) {
      char c = adj.charAt(k);
      if (c != '0' && c != '1') {
        throw new InvalidArchitectureException("NAS-Bench-101 notation '" + notation + "': adjacency part '" + adj
            + "' has '" + c + "' at position " + k + "; only 0 and 1 are allowed");
      }
    }
    int n = (int) Math.round(Math.sqrt(adj.length()));
    if (adj.isEmpty() || n * n != adj.length()) {
      throw new InvalidArchitectureException("NAS-Bench-101 notation '" + notation + "': adjacency part '" + adj
          + "' has " + adj.length() + " bits, which is not V*V for a vertex count V");
    }
    String[] ops = opsPart.split(";", -1);
    for (int k = 0; k < ops.length; k++) {
      if (ops[k].isEmpty()) {
        throw new InvalidArchitectureException("NAS-Bench-101 notation '" + notation + "': ops part '" + opsPart
            + "' has an empty op at position " + k);
      }
    }
    if (ops.length != n) {
      throw new InvalidArchitectureException("NAS-Bench-101 notation '" + notation + "': ops part '" + opsPart
          + "' lists " + ops.length + " ops but the adjacency part is " + n + "x" + n);
    }
    boolean[][] m = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) m[i][j] = adj.charAt(i * n + j) == '1';
    }
    try {
      return new Nb101Spec(m, Arrays.asList(ops));
    } catch (InvalidArchitectureException e) {
      throw new InvalidArchitectureException("NAS-Bench-101 notation '" + notation + "': " + e.getMessage());
    }
  }

  private static int count(String s, char c) {
    int k = 0;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) k++;
    return k;
  }

  @Override
  public String format(Nb101Spec spec) {
    return spec.adjacencyBits() + "|" + String.join(";", spec.ops());
  }

  @Override
  public List<LabelledDag> encode(Nb101Spec spec) {
    Nb101Spec p = spec.prune();
    return List.of(LabelledDag.fromAdjacency(p.ops(), p.adjacency()));
  }

  @Override
  public String key(Nb101Spec spec) {
    return spec.hash();
  }

  /**
   * NAS-Bench-101's {@code random_spec}: uniform over valid unpruned 7x7 specs, which is far from uniform over
   * cells. Exactly (counted over all 2^21 matrices) 9.7% of samples prune to the bare input->output cell, 20.2% to
   * 3 vertices, 27.5% to 4, 30.3% to 5, 12.0% to 6 and only 0.31% to 7 vertices, while 84.8% of the space's
   * cells have 7 vertices. The returned spec is unpruned.
   */
  @Override
  public Nb101Spec sample(RandomGenerator rng) {
    int[] out = new int[V];
    while (true) {
      for (int i = 0; i < V; i++) {
        out[i] = 0;
        for (int j = i + 1; j < V; j++) {
          if (rng.nextBoolean()) out[i] |= 1 << j;
        }
      }
      String[] ops = new String[V];
      ops[0] = Nb101Spec.INPUT;
      ops[V - 1] = Nb101Spec.OUTPUT;
      for (int v = 1; v < V - 1; v++) ops[v] = OPS[rng.nextInt(NUM_OPS)];
      if (Nb101Spec.validMasks(V, out)) return Nb101Spec.trusted(V, out.clone(), ops);
    }
  }

  /**
   * A child of {@code parent} with a different module hash. A parent with fewer than 7 vertices (a pruned cell,
   * e.g. read from the dataset) is first padded to 7 vertices by inserting unconnected vertices with random ops
   * just before the output; they do not change the cell, but let mutation grow it as it would an unpruned spec.
   */
  @Override
  public Nb101Spec mutate(Nb101Spec parent, RandomGenerator rng) {
    String parentKey = parent.hash();
    int[] baseOut = new int[V];
    String[] baseOps = new String[V];
    pad(parent, rng, baseOut, baseOps);
    double edgeProb = 1.0 / V;
    double opProb = 1.0 / OP_SPOTS;
    int[] out = new int[V];
    for (int attempt = 0; attempt < MAX_MUTATION_ATTEMPTS; attempt++) {
      System.arraycopy(baseOut, 0, out, 0, V);
      String[] ops = baseOps.clone();
      for (int src = 0; src < V - 1; src++) {
        for (int dst = src + 1; dst < V; dst++) {
          if (rng.nextDouble() < edgeProb) out[src] ^= 1 << dst;
        }
      }
      for (int v = 1; v < V - 1; v++) {
        if (rng.nextDouble() < opProb) {
          int current = Nb101Spec.label(ops[v]);
          int pick = rng.nextInt(NUM_OPS - 1);
          ops[v] = OPS[pick >= current ? pick + 1 : pick];
        }
      }
      if (!Nb101Spec.validMasks(V, out)) continue;
      Nb101Spec child = Nb101Spec.trusted(V, out.clone(), ops);
      // child.hash() caches the hash in the spec, so the caller's key(child) does not compute it again.
      if (!child.hash().equals(parentKey)) return child;
    }
    throw new IllegalStateException("no valid mutant with a different hash of " + format(parent) + " after "
        + MAX_MUTATION_ATTEMPTS + " draws");
  }

  /** The parent as a 7-vertex spec: extra unconnected vertices with random ops inserted before the output. */
  private static void pad(Nb101Spec parent, RandomGenerator rng, int[] out, String[] ops) {
    int n = parent.numVertices();
    int[] pOut = parent.outMasks();
    int outputBit = 1 << (n - 1);
    for (int i = 0; i < n - 1; i++) {
      int m = pOut[i] & ~outputBit;
      if ((pOut[i] & outputBit) != 0) m |= 1 << (V - 1);
      out[i] = m;
      ops[i] = parent.op(i);
    }
    for (int i = n - 1; i < V - 1; i++) {
      out[i] = 0;
      ops[i] = OPS[rng.nextInt(NUM_OPS)];
    }
    out[V - 1] = 0;
    ops[V - 1] = Nb101Spec.OUTPUT;
  }

  /** {@value Nb101Enumerator#UNIQUE_CELLS}. */
  @Override
  public OptionalLong size() {
    return OptionalLong.of(Nb101Enumerator.UNIQUE_CELLS);
  }

  /**
   * The {@value Nb101Enumerator#UNIQUE_CELLS} unique cells, generated as the official generator does (see
   * {@link Nb101Enumerator}), in its generation order, each in the dataset's vertex order. Takes seconds.
   */
  @Override
  public Stream<Nb101Spec> enumerate() {
    return Nb101Enumerator.stream().map(Nb101Enumerator.Cell::spec);
  }
}
