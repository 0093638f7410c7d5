package org.nasbowl.core.space.nb101;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nasbowl.core.space.InvalidArchitectureException;

/**
 * An immutable NAS-Bench-101 cell spec (Ying et al., 2019): an upper-triangular adjacency matrix (edge i -> j iff
 * {@code hasEdge(i, j)}, vertices in topological order) and one op per vertex, {@code input} first,
 * {@code output} last, interior ops in {@link #INTERIOR_OPS}. The spec may be unpruned (vertices off every
 * input->output path are allowed, as in the official {@code ModelSpec}); {@link #prune()} gives the cell that is
 * built, hashed and encoded.
 *
 * <p>Validity follows the official {@code ModelSpec} plus {@code NASBench._check_spec}: square matrix of at most
 * {@value #MAX_VERTICES} vertices, ops matching it, strictly upper triangular, known ops, input connected to
 * output, and at most {@value #MAX_EDGES} edges <em>in the pruned cell</em> (the official API counts the edges of
 * the pruned matrix, so an unpruned spec may carry more edges on dangling vertices; this keeps {@code random_spec}
 * sampling exactly as in NAS-Bench-101 and NASLib). Unlike the official API, an unknown op is rejected even on a
 * vertex that pruning would remove, and the unpruned matrix may not exceed {@value #MAX_VERTICES} vertices.
 *
 * <p>Equality is by value (same matrix, same ops, same vertex order); isomorphic cells are identified by
 * {@link #hash()}.
 */
public final class Nb101Spec {
  public static final String INPUT = "input";
  public static final String OUTPUT = "output";
  public static final String CONV3X3 = "conv3x3-bn-relu";
  public static final String CONV1X1 = "conv1x1-bn-relu";
  public static final String MAXPOOL3X3 = "maxpool3x3";
  /** Interior ops in the official canonical order ({@code config['available_ops']}): hash labels 0, 1, 2. */
  public static final List<String> INTERIOR_OPS = List.of(CONV3X3, CONV1X1, MAXPOOL3X3);
  public static final int MAX_VERTICES = 7;
  public static final int MAX_EDGES = 9;

  private final int n;
  /** outMask[i] bit j = edge i -> j. */
  private final int[] outMask;
  private final String[] ops;
  // Lazily computed caches of derived values (benign races: both are deterministic immutable values).
  private Nb101Spec pruned;
  private String hash;

  /**
   * @param matrix square upper-triangular adjacency, matrix[i][j] = edge i -> j
   * @param ops one op per vertex
   * @throws InvalidArchitectureException naming the problem when the spec is not a valid NAS-Bench-101 cell
   */
  public Nb101Spec(boolean[][] matrix, List<String> ops) {
    String problem = problem(matrix, ops);
    if (problem != null) throw new InvalidArchitectureException(problem);
    this.n = matrix.length;
    this.outMask = masks(matrix);
    this.ops = ops.toArray(new String[0]);
  }

  /** As {@link #Nb101Spec(boolean[][], List)} with a 0/1 matrix; any entry other than 0 and 1 is rejected. */
  public static Nb101Spec of(int[][] matrix, List<String> ops) {
    return new Nb101Spec(toBoolean(matrix), ops);
  }

  /** Internal constructor for an already validated spec. */
  private Nb101Spec(int n, int[] outMask, String[] ops) {
    this.n = n;
    this.outMask = outMask;
    this.ops = ops;
  }

  /** Trusted factory for package code that has checked {@link #problem} itself (no copies, no checks). */
  static Nb101Spec trusted(int n, int[] outMask, String[] ops) {
    return new Nb101Spec(n, outMask, ops);
  }

  /** True iff {@code (matrix, ops)} is a valid spec (no exception is built). */
  public static boolean isValid(boolean[][] matrix, List<String> ops) {
    return problem(matrix, ops) == null;
  }

  /**
   * What is wrong with {@code (matrix, ops)} as a NAS-Bench-101 spec, or null if it is valid. The checks run in
   * the order: shape, vertex count, triangularity, ops, connectivity, edges after pruning.
   */
  public static String problem(boolean[][] matrix, List<String> ops) {
    if (matrix == null) return "adjacency matrix is null";
    if (ops == null) return "ops list is null";
    int n = matrix.length;
    for (int i = 0; i < n; i++) {
      if (matrix[i] == null) return "adjacency matrix row " + i + " is null";
      if (matrix[i].length != n) {
        return "adjacency matrix is not square: row " + i + " has " + matrix[i].length + " entries but there are "
            + n + " rows";
      }
    }
    if (ops.size() != n) {
      return "ops list has " + ops.size() + " entries but the adjacency matrix is " + n + "x" + n;
    }
    if (n > MAX_VERTICES) return "too many vertices: " + n + " (max " + MAX_VERTICES + ")";
    if (n < 2) return "a cell needs at least the input and output vertices, got " + n + " vertex(es)";
    for (int i = 0; i < n; i++) {
      if (matrix[i][i]) {
        return "adjacency matrix is not upper triangular: self loop on vertex " + i;
      }
      for (int j = 0; j < i; j++) {
        if (matrix[i][j]) {
          return "adjacency matrix is not upper triangular: edge " + i + "->" + j
              + " points backwards (vertices must be in topological order; cycles are not allowed)";
        }
      }
    }
    for (int i = 0; i < n; i++) {
      String op = ops.get(i);
      if (op == null) return "op of vertex " + i + " is null";
      if (i == 0) {
        if (!op.equals(INPUT)) return "first op (vertex 0) must be '" + INPUT + "', got '" + op + "'";
      } else if (i == n - 1) {
        if (!op.equals(OUTPUT)) {
          return "last op (vertex " + i + ") must be '" + OUTPUT + "', got '" + op + "'";
        }
      } else if (!INTERIOR_OPS.contains(op)) {
        return "unknown op '" + op + "' at vertex " + i + " (interior ops are " + INTERIOR_OPS + ")";
      }
    }
    int[] out = masks(matrix);
    int keep = keptVertices(n, out);
    if (keep == 0) return "input is not connected to output: no path from vertex 0 to vertex " + (n - 1);
    int edges = 0;
    for (int i = 0; i < n; i++) {
      if ((keep >>> i & 1) != 0) edges += Integer.bitCount(out[i] & keep);
    }
    if (edges > MAX_EDGES) {
      return "too many edges: " + edges + " in the pruned cell (max " + MAX_EDGES + ")";
    }
    return null;
  }

  /** Fast validity check on bit masks (used by sampling and mutation; ops assumed valid). */
  static boolean validMasks(int n, int[] out) {
    int keep = keptVertices(n, out);
    if (keep == 0) return false;
    int edges = 0;
    for (int i = 0; i < n; i++) {
      if ((keep >>> i & 1) != 0) edges += Integer.bitCount(out[i] & keep);
    }
    return edges <= MAX_EDGES;
  }

  /**
   * Vertices on an input->output path as a bit mask, as the official {@code ModelSpec._prune}: reachable forward
   * from vertex 0 and backward from vertex n-1; 0 when the input is not connected to the output.
   */
  static int keptVertices(int n, int[] out) {
    int fromInput = 1;
    for (int v = 0; v < n; v++) {
      if ((fromInput >>> v & 1) != 0) fromInput |= out[v];
    }
    int toOutput = 1 << (n - 1);
    for (int v = n - 1; v >= 0; v--) {
      if ((out[v] & toOutput) != 0) toOutput |= 1 << v;
    }
    int both = fromInput & toOutput;
    // Input and output are both kept iff there is a path between them (then the intersection is non-empty).
    return (both & 1) != 0 ? both : 0;
  }

  private static int[] masks(boolean[][] matrix) {
    int n = matrix.length;
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (matrix[i][j]) out[i] |= 1 << j;
      }
    }
    return out;
  }

  private static boolean[][] toBoolean(int[][] matrix) {
    if (matrix == null) return null;
    boolean[][] b = new boolean[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      if (matrix[i] == null) continue;
      b[i] = new boolean[matrix[i].length];
      for (int j = 0; j < matrix[i].length; j++) {
        int v = matrix[i][j];
        if (v != 0 && v != 1) {
          throw new InvalidArchitectureException(
              "adjacency matrix entry (" + i + ", " + j + ") is " + v + ", expected 0 or 1");
        }
        b[i][j] = v == 1;
      }
    }
    return b;
  }

  public int numVertices() {
    return n;
  }

  public boolean hasEdge(int from, int to) {
    return (outMask[from] >>> to & 1) != 0;
  }

  /** Number of edges of this (possibly unpruned) spec. */
  public int edgeCount() {
    int e = 0;
    for (int m : outMask) e += Integer.bitCount(m);
    return e;
  }

  public String op(int vertex) {
    return ops[vertex];
  }

  public List<String> ops() {
    return List.of(ops);
  }

  /** A copy of the adjacency matrix. */
  public boolean[][] adjacency() {
    boolean[][] m = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) m[i][j] = hasEdge(i, j);
    }
    return m;
  }

  /** A copy of the adjacency matrix as 0/1 ints. */
  public int[][] adjacencyInts() {
    int[][] m = new int[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) m[i][j] = hasEdge(i, j) ? 1 : 0;
    }
    return m;
  }

  /** Successor bit masks (bit j of element i = edge i -> j), a copy. */
  int[] outMasks() {
    return outMask.clone();
  }

  /** Row-major 0/1 string of the adjacency matrix (char i*n+j is '1' iff edge i -> j), as in the data files. */
  public String adjacencyBits() {
    char[] c = new char[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) c[i * n + j] = hasEdge(i, j) ? '1' : '0';
    }
    return new String(c);
  }

  /** True iff every vertex lies on an input->output path (pruning changes nothing). */
  public boolean isPruned() {
    return keptVertices(n, outMask) == (1 << n) - 1;
  }

  /**
   * The pruned cell, exactly as the official {@code ModelSpec._prune}: vertices not both reachable from the
   * input and reaching the output are deleted, the others keep their relative order.
   */
  public Nb101Spec prune() {
    Nb101Spec p = pruned;
    if (p == null) {
      p = computePruned();
      pruned = p;
    }
    return p;
  }

  private Nb101Spec computePruned() {
    int keep = keptVertices(n, outMask);
    if (keep == (1 << n) - 1) return this;
    int m = Integer.bitCount(keep);
    int[] newId = new int[n];
    String[] newOps = new String[m];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if ((keep >>> i & 1) != 0) {
        newId[i] = k;
        newOps[k++] = ops[i];
      }
    }
    int[] newOut = new int[m];
    for (int i = 0; i < n; i++) {
      if ((keep >>> i & 1) == 0) continue;
      int succ = outMask[i] & keep;
      while (succ != 0) {
        int j = Integer.numberOfTrailingZeros(succ);
        succ &= succ - 1;
        newOut[newId[i]] |= 1 << newId[j];
      }
    }
    Nb101Spec p = new Nb101Spec(m, newOut, newOps);
    p.pruned = p;
    return p;
  }

  /** The official NAS-Bench-101 module hash of the pruned cell (cached). */
  public String hash() {
    String h = hash;
    if (h == null) {
      h = new Nb101Hash().hash(this);
      hash = h;
    }
    return h;
  }

  /** Hash labels of the official generator: input -1, output -2, interior ops 0, 1, 2. */
  int[] hashLabels() {
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) labels[i] = label(ops[i]);
    return labels;
  }

  static int label(String op) {
    switch (op) {
      case INPUT:
        return -1;
      case OUTPUT:
        return -2;
      case CONV3X3:
        return 0;
      case CONV1X1:
        return 1;
      case MAXPOOL3X3:
        return 2;
      default:
        throw new InvalidArchitectureException("unknown op '" + op + "'");
    }
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof Nb101Spec other)) return false;
    return n == other.n && Arrays.equals(outMask, other.outMask) && Arrays.equals(ops, other.ops);
  }

  @Override
  public int hashCode() {
    return Objects.hash(n, Arrays.hashCode(outMask), Arrays.hashCode(ops));
  }

  @Override
  public String toString() {
    return adjacencyBits() + "|" + String.join(";", ops);
  }
}
