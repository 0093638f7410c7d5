package org.nasbowl.core.space.nb201;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.InvalidArchitectureException;
import org.nasbowl.core.space.SearchSpace;

/**
 * The NAS-Bench-201 space (Dong and Yang, ICLR 2020): 5^6 = 15,625 cells. The graph encoding is the op-on-node
 * form of ALGORITHM.md section 1, with {@code none} removed, {@code skip_connect} bypassed and everything off
 * an input->output path pruned to a fixpoint (the original prunes once; see {@link #encodeCell}).
 */
public final class Nb201Space implements SearchSpace<Nb201Cell> {
  public static final int SIZE = 15_625;
  public static final String INPUT = "input";
  public static final String OUTPUT = "output";

  @Override
  public String name() {
    return "nb201";
  }

  @Override
  public Nb201Cell parse(String s) {
    if (s == null) throw new InvalidArchitectureException("NAS-Bench-201 arch string is null");
    String t = s.strip();
    String[] groups = t.split("\\+", -1);
    if (groups.length != 3) {
      throw new InvalidArchitectureException("NAS-Bench-201 arch string '" + s + "' must have 3 '+'-separated "
          + "groups (one per cell node 1, 2, 3), found " + groups.length);
    }
    List<String> ops = new ArrayList<>(Nb201Cell.EDGES);
    for (int node = 1; node <= 3; node++) {
      String g = groups[node - 1];
      if (g.length() < 2 || g.charAt(0) != '|' || g.charAt(g.length() - 1) != '|') {
        throw new InvalidArchitectureException("NAS-Bench-201 arch string '" + s + "': group " + node + " '" + g
            + "' must start and end with '|'");
      }
      String[] entries = g.substring(1, g.length() - 1).split("\\|", -1);
      if (entries.length != node) {
        throw new InvalidArchitectureException("NAS-Bench-201 arch string '" + s + "': group " + node
            + " must list " + node + " edge(s) into node " + node + ", found " + entries.length);
      }
      for (int from = 0; from < node; from++) {
        String e = entries[from];
        int tilde = e.lastIndexOf('~');
        if (tilde < 0) {
          throw new InvalidArchitectureException("NAS-Bench-201 arch string '" + s + "': edge '" + e
              + "' into node " + node + " is not of the form op~source");
        }
        String op = e.substring(0, tilde);
        String src = e.substring(tilde + 1);
        if (!src.equals(Integer.toString(from))) {
          throw new InvalidArchitectureException("NAS-Bench-201 arch string '" + s + "': edge '" + e
              + "' is entry " + (from + 1) + " of group " + node + " and must come from node " + from);
        }
        if (!Nb201Cell.OPS.contains(op)) {
          throw new InvalidArchitectureException("NAS-Bench-201 arch string '" + s + "': unknown operation '"
              + op + "' on edge " + from + "->" + node + "; expected one of " + Nb201Cell.OPS);
        }
        ops.add(op);
      }
    }
    return new Nb201Cell(ops);
  }

  @Override
  public String format(Nb201Cell cell) {
    return cell.archString();
  }

  @Override
  public List<LabelledDag> encode(Nb201Cell cell) {
    return List.of(encodeCell(cell));
  }

  /**
   * Op-on-node graph: node 0 = input, 1..6 = the six edges, 7 = output. Op node a links to op node b when
   * edge a ends where edge b starts; edges leaving cell node 0 hang off input, edges entering cell node 3 feed
   * output. Then {@code none} nodes are deleted, {@code skip_connect} nodes bypassed, and every node not on an
   * input->output path removed. Reachability-based pruning reaches the fixpoint in one step, unlike the
   * original's single sweep over dangling nodes. A cell without any input->output path becomes the two-node
   * graph input, output with no edge.
   */
  public static LabelledDag encodeCell(Nb201Cell cell) {
    final int n = 8;
    final int out = 7;
    boolean[][] adj = new boolean[n][n];
    for (int a = 0; a < Nb201Cell.EDGES; a++) {
      if (Nb201Cell.EDGE_FROM[a] == 0) adj[0][a + 1] = true;
      if (Nb201Cell.EDGE_TO[a] == 3) adj[a + 1][out] = true;
      for (int b = 0; b < Nb201Cell.EDGES; b++) {
        if (Nb201Cell.EDGE_TO[a] == Nb201Cell.EDGE_FROM[b]) adj[a + 1][b + 1] = true;
      }
    }
    boolean[] alive = new boolean[n];
    java.util.Arrays.fill(alive, true);
    // Delete `none` nodes with their edges.
    for (int a = 0; a < Nb201Cell.EDGES; a++) {
      if (cell.op(a).equals("none")) {
        alive[a + 1] = false;
        for (int j = 0; j < n; j++) {
          adj[a + 1][j] = false;
          adj[j][a + 1] = false;
        }
      }
    }
    // Bypass `skip_connect` nodes, in topological (= id) order so chains of skips collapse.
    for (int a = 0; a < Nb201Cell.EDGES; a++) {
      int v = a + 1;
      if (!cell.op(a).equals("skip_connect")) continue;
      for (int p = 0; p < n; p++) {
        if (!adj[p][v]) continue;
        for (int s = 0; s < n; s++) if (adj[v][s]) adj[p][s] = true;
      }
      alive[v] = false;
      for (int j = 0; j < n; j++) {
        adj[v][j] = false;
        adj[j][v] = false;
      }
    }
    List<String> labels = new ArrayList<>(n);
    labels.add(INPUT);
    for (int a = 0; a < Nb201Cell.EDGES; a++) labels.add(cell.op(a));
    labels.add(OUTPUT);
    LabelledDag full = LabelledDag.fromAdjacency(labels, adj);
    boolean[] fromInput = full.reachableFrom(0);
    boolean[] toOutput = full.reachingTo(out);
    if (!fromInput[out]) {
      return new LabelledDag(List.of(INPUT, OUTPUT), List.of());
    }
    boolean[] keep = new boolean[n];
    for (int i = 0; i < n; i++) keep[i] = alive[i] && fromInput[i] && toOutput[i];
    return full.induced(keep);
  }

  /** True iff the cell has an input->output path (otherwise it computes a constant, ~10% accuracy). */
  public static boolean isConnected(Nb201Cell cell) {
    return encodeCell(cell).edgeCount() > 0;
  }

  @Override
  public String key(Nb201Cell cell) {
    return cell.archString();
  }

  @Override
  public Nb201Cell sample(RandomGenerator rng) {
    String[] ops = new String[Nb201Cell.EDGES];
    for (int i = 0; i < ops.length; i++) ops[i] = Nb201Cell.OPS.get(rng.nextInt(Nb201Cell.OPS.size()));
    return Nb201Cell.of(ops);
  }

  /** Replaces the operation of one uniformly chosen edge by a different, uniformly chosen operation. */
  @Override
  public Nb201Cell mutate(Nb201Cell parent, RandomGenerator rng) {
    List<String> ops = new ArrayList<>(parent.ops());
    int edge = rng.nextInt(Nb201Cell.EDGES);
    int current = Nb201Cell.OPS.indexOf(ops.get(edge));
    int pick = rng.nextInt(Nb201Cell.OPS.size() - 1);
    ops.set(edge, Nb201Cell.OPS.get(pick >= current ? pick + 1 : pick));
    return new Nb201Cell(ops);
  }

  /**
   * The original NAS-BOWL's NAS-Bench-201 operator: every edge's operation is resampled uniformly (possibly to
   * itself) with probability 1/5; exact copies of the parent are drawn again (the original removes them).
   */
  @Override
  public Nb201Cell mutateAsOriginal(Nb201Cell parent, RandomGenerator rng) {
    while (true) {
      List<String> ops = new ArrayList<>(parent.ops());
      boolean changed = false;
      for (int e = 0; e < Nb201Cell.EDGES; e++) {
        if (rng.nextInt(5) != 0) continue;
        String op = Nb201Cell.OPS.get(rng.nextInt(Nb201Cell.OPS.size()));
        changed |= !op.equals(ops.get(e));
        ops.set(e, op);
      }
      if (changed) return new Nb201Cell(ops);
    }
  }

  /** All 24 cells that differ in exactly one edge operation, edge by edge in {@link Nb201Cell#OPS} order. */
  @Override
  public List<Nb201Cell> neighbours(Nb201Cell cell, RandomGenerator rng) {
    List<Nb201Cell> out = new ArrayList<>(24);
    for (int e = 0; e < Nb201Cell.EDGES; e++) {
      for (String op : Nb201Cell.OPS) {
        if (op.equals(cell.op(e))) continue;
        List<String> ops = new ArrayList<>(cell.ops());
        ops.set(e, op);
        out.add(new Nb201Cell(ops));
      }
    }
    return out;
  }

  @Override
  public OptionalLong size() {
    return OptionalLong.of(SIZE);
  }

  /** All cells in base-5 order over {@link Nb201Cell#OPS} (not the official benchmark index order). */
  @Override
  public Stream<Nb201Cell> enumerate() {
    return IntStream.range(0, SIZE).mapToObj(Nb201Cell::fromOrdinal);
  }
}
