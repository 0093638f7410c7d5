package org.nasbowl.surrogates.encoding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.darts.DartsCellEncoder;
import org.nasbowl.core.space.darts.DartsOp;
import org.nasbowl.core.space.nb101.Nb101Spec;
import org.nasbowl.core.space.nb201.Nb201Space;

/**
 * The path encoding of BANANAS (White, Neiswanger, Savani, AAAI 2021): one feature per possible
 * input-&gt;output path of a cell, a path being the sequence of operation labels met along it. It works on the
 * op-on-node graphs a {@link SearchSpace} encodes ({@link SearchSpace#encode}), so one implementation serves
 * every space:
 *
 * <ul>
 *   <li>A path starts at a node labelled with one of the {@code inputs} labels, ends at the node labelled
 *       {@code output}, and its feature is (which input, the op labels of the interior nodes in order). Nodes
 *       with a {@code transparent} label (DARTS' {@code add}) are crossed without contributing a symbol. Any
 *       other label must be in the op vocabulary, else encoding throws.</li>
 *   <li>Index of a path with input {@code s} and op indices o_1..o_L (vocabulary order):
 *       {@code s * perInput + (V^0 + ... + V^(L-1)) + (o_1 V^(L-1) + ... + o_L)} with V the vocabulary size and
 *       {@code perInput = V^0 + ... + V^maxLength}: paths are enumerated by length, then lexicographically. The
 *       empty path (a direct input-&gt;output edge) is index 0 of its input.</li>
 *   <li>Paths with more than {@code maxLength} ops get no feature (they are dropped). Dropping the longest
 *       paths is the "truncated path encoding" of White et al. (NeurIPS 2020, "A Study on Encodings for Neural
 *       Architecture Search"), which predicts about as well as the full encoding; the per-index order by length
 *       makes it a prefix of the full one.</li>
 *   <li>Multi-cell architectures concatenate the per-cell vectors in {@code encode} order.</li>
 *   <li>{@link Mode#BINARY} (BANANAS) marks each path present once; {@link Mode#COUNT} counts distinct node
 *       routes with the same op sequence.</li>
 * </ul>
 *
 * <p>Instances per space: {@link #nb201()} (40 features: the three ops left after {@code none} and
 * {@code skip_connect} are removed by the graph encoding, paths of 0..3 ops), {@link #nb101()} (364: 3 ops,
 * 0..5 ops on a path of at most 7 nodes), {@link #darts()} (2 cells x 2 inputs x (1 + 6 + 36 + 216) = 1036: the six
 * ops other than {@code skip_connect}, which the DARTS graph encoding bypasses, and paths capped at 3 of the
 * possible 4 ops; the cap keeps the vector, and the MLP's first layer, 6x smaller than the 6220 features of
 * the full encoding, and only chains of four non-skip ops through all intermediate nodes are lost).
 *
 * <p>BANANAS' own NAS-Bench-201 encoding (via NASLib) works on the edge-labelled cell and keeps {@code none}
 * and {@code skip_connect} as symbols (5 + 25 + 125 = 155 features); here the cell is first simplified by
 * the shared graph encoding, so isomorphic cells get equal vectors and the vector has 40 entries. Its DARTS
 * encoding keeps skip too.
 */
public final class PathEncoding {

  /** Whether a feature marks presence (BANANAS) or counts node routes. */
  public enum Mode {
    BINARY,
    COUNT
  }

  private final List<String> inputs;
  private final String output;
  private final List<String> ops;
  private final Set<String> transparent;
  private final int maxLength;
  private final int cells;
  private final Mode mode;
  private final Map<String, Integer> opIndex = new HashMap<>();
  private final Map<String, Integer> inputIndex = new HashMap<>();
  /** offsets[L] = V^0 + ... + V^(L-1): index of the first path with L ops, within one input's block. */
  private final int[] offsets;
  private final int perInput;
  private final int perCell;

  /**
   * @param inputs labels of the cell input nodes (each starts its own block of paths)
   * @param output label of the output node
   * @param ops the op vocabulary in index order
   * @param transparent labels crossed without a symbol (may be empty)
   * @param maxLength largest number of ops on an encoded path, &gt;= 0
   * @param cells number of cells per architecture (vectors are concatenated)
   * @param mode binary or count features
   * @throws IllegalArgumentException for empty or overlapping label sets, duplicates, or a dimension over
   *     {@link Integer#MAX_VALUE}
   */
  public PathEncoding(List<String> inputs, String output, List<String> ops, Set<String> transparent, int maxLength,
      int cells, Mode mode) {
    this.inputs = List.copyOf(inputs);
    this.output = Objects.requireNonNull(output, "output label");
    this.ops = List.copyOf(ops);
    this.transparent = Set.copyOf(transparent);
    this.maxLength = maxLength;
    this.cells = cells;
    this.mode = Objects.requireNonNull(mode, "mode");
    if (this.inputs.isEmpty()) throw new IllegalArgumentException("need at least one input label");
    if (this.ops.isEmpty()) throw new IllegalArgumentException("the op vocabulary is empty");
    if (maxLength < 0) throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
    if (cells < 1) throw new IllegalArgumentException("cells must be >= 1: " + cells);
    for (int i = 0; i < this.ops.size(); i++) {
      if (opIndex.put(this.ops.get(i), i) != null) {
        throw new IllegalArgumentException("op '" + this.ops.get(i) + "' appears twice in the vocabulary");
      }
    }
    for (int i = 0; i < this.inputs.size(); i++) {
      if (inputIndex.put(this.inputs.get(i), i) != null) {
        throw new IllegalArgumentException("input label '" + this.inputs.get(i) + "' appears twice");
      }
    }
    for (String s : this.inputs) requireRole(s, "input", opIndex.containsKey(s) || s.equals(output)
        || this.transparent.contains(s));
    requireRole(output, "output", opIndex.containsKey(output) || this.transparent.contains(output));
    for (String s : this.transparent) requireRole(s, "transparent", opIndex.containsKey(s));
    offsets = new int[maxLength + 2];
    long total = 0;
    long power = 1;
    for (int len = 0; len <= maxLength; len++) {
      offsets[len] = Math.toIntExact(total);
      total += power;
      power *= this.ops.size();
      if (total * this.inputs.size() * cells > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("path encoding too large: " + this.ops.size() + " ops, maxLength "
            + maxLength);
      }
    }
    offsets[maxLength + 1] = Math.toIntExact(total);
    perInput = (int) total;
    perCell = perInput * this.inputs.size();
  }

  private static void requireRole(String label, String role, boolean clash) {
    if (clash) throw new IllegalArgumentException("label '" + label + "' is the " + role + " label and also has"
        + " another role");
  }

  /** NAS-Bench-201: the three ops left after the graph encoding, paths of 0..3 ops, binary: 40 features. */
  public static PathEncoding nb201() {
    return new PathEncoding(List.of(Nb201Space.INPUT), Nb201Space.OUTPUT,
        List.of("nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"), Set.of(), 3, 1, Mode.BINARY);
  }

  /** NAS-Bench-101: conv3x3, conv1x1, maxpool, paths of 0..5 ops, binary: 364 features. */
  public static PathEncoding nb101() {
    return new PathEncoding(List.of(Nb101Spec.INPUT), Nb101Spec.OUTPUT, Nb101Spec.INTERIOR_OPS, Set.of(), 5, 1,
        Mode.BINARY);
  }

  /** DARTS with the default cap of 3 ops per path: 1036 features (see the class comment). */
  public static PathEncoding darts() {
    return darts(3);
  }

  /** DARTS, two cells, paths from each of the two cell inputs with at most {@code maxLength} ops (4 = full). */
  public static PathEncoding darts(int maxLength) {
    List<String> ops = new ArrayList<>();
    for (DartsOp op : DartsOp.all()) if (op != DartsOp.SKIP_CONNECT) ops.add(op.notation());
    return new PathEncoding(List.of(DartsCellEncoder.INPUT_K2, DartsCellEncoder.INPUT_K1), DartsCellEncoder.OUTPUT,
        ops, Set.of(DartsCellEncoder.ADD), maxLength, 2, Mode.BINARY);
  }

  /**
   * The default encoding of a space by its name ({@code nb201}, {@code nb101}, {@code darts}).
   *
   * @throws IllegalArgumentException for another space
   */
  public static PathEncoding forSpace(SearchSpace<?> space) {
    return switch (space.name()) {
      case "nb201" -> nb201();
      case "nb101" -> nb101();
      case "darts" -> darts();
      default -> throw new IllegalArgumentException("no path encoding for space '" + space.name()
          + "'; known: nb201, nb101, darts (or construct a PathEncoding with the space's vocabulary)");
    };
  }

  /** Length of the encoding of one architecture. */
  public int dimension() {
    return perCell * cells;
  }

  /** Length of the encoding of one cell. */
  public int cellDimension() {
    return perCell;
  }

  public int maxLength() {
    return maxLength;
  }

  public List<String> ops() {
    return ops;
  }

  public List<String> inputs() {
    return inputs;
  }

  public Mode mode() {
    return mode;
  }

  /**
   * The feature index of a path within one cell.
   *
   * @param input the input label the path starts from
   * @param path op labels in order
   * @return the index, or -1 if the path has more than maxLength ops
   * @throws IllegalArgumentException for an unknown input or op label
   */
  public int index(String input, List<String> path) {
    Integer s = inputIndex.get(input);
    if (s == null) throw new IllegalArgumentException("unknown input label '" + input + "'; inputs: " + inputs);
    if (path.size() > maxLength) return -1;
    int[] seq = new int[path.size()];
    for (int i = 0; i < seq.length; i++) seq[i] = opOf(path.get(i));
    return s * perInput + offsets[seq.length] + code(seq, seq.length);
  }

  /**
   * The path of feature {@code index}: input label, op labels, output label, e.g. {@code input>conv>pool>output};
   * prefixed by {@code cell<i>:} for multi-cell encodings.
   */
  public String featureName(int index) {
    if (index < 0 || index >= dimension()) {
      throw new IndexOutOfBoundsException("feature " + index + " of " + dimension());
    }
    int cell = index / perCell;
    int r = index % perCell;
    int s = r / perInput;
    r %= perInput;
    int len = 0;
    while (offsets[len + 1] <= r) len++;
    int code = r - offsets[len];
    String[] sym = new String[len];
    for (int i = len - 1; i >= 0; i--) {
      sym[i] = ops.get(code % ops.size());
      code /= ops.size();
    }
    StringBuilder sb = new StringBuilder();
    if (cells > 1) sb.append("cell").append(cell).append(':');
    sb.append(inputs.get(s));
    for (String x : sym) sb.append('>').append(x);
    return sb.append('>').append(output).toString();
  }

  /**
   * The encoding of an architecture from its cell graphs.
   *
   * @throws IllegalArgumentException if the number of cells differs, or a label is outside the vocabulary
   */
  public double[] encode(List<LabelledDag> graphs) {
    if (graphs.size() != cells) {
      throw new IllegalArgumentException("expected " + cells + " cell graph(s), got " + graphs.size());
    }
    double[] out = new double[dimension()];
    for (int c = 0; c < cells; c++) encodeCell(graphs.get(c), out, c * perCell);
    return out;
  }

  /** The encoding of one cell graph. */
  public double[] encodeCell(LabelledDag g) {
    double[] out = new double[perCell];
    encodeCell(g, out, 0);
    return out;
  }

  /** Convenience: {@code encode(space.encode(architecture))}. */
  public <A> double[] encode(SearchSpace<A> space, A architecture) {
    return encode(space.encode(architecture));
  }

  private void encodeCell(LabelledDag g, double[] out, int base) {
    int n = g.size();
    // Symbol per node: -1 input, -2 output, -3 transparent, else the op index.
    int[] symbol = new int[n];
    int outputNode = -1;
    for (int v = 0; v < n; v++) {
      String label = g.label(v);
      if (inputIndex.containsKey(label)) {
        symbol[v] = -1;
      } else if (label.equals(output)) {
        if (outputNode >= 0) throw new IllegalArgumentException("two nodes labelled '" + output + "' in " + g);
        symbol[v] = -2;
        outputNode = v;
      } else if (transparent.contains(label)) {
        symbol[v] = -3;
      } else {
        symbol[v] = opOf(label);
      }
    }
    if (outputNode < 0) throw new IllegalArgumentException("no node labelled '" + output + "' in " + g);
    int[][] succ = new int[n][];
    for (int v = 0; v < n; v++) succ[v] = g.successors(v);
    int[] seq = new int[n];
    for (int v = 0; v < n; v++) {
      if (symbol[v] != -1) continue;
      int block = base + inputIndex.get(g.label(v)) * perInput;
      walk(v, succ, symbol, seq, 0, block, out);
    }
  }

  /** Depth-first over all routes from node v; {@code len} ops recorded so far in seq. */
  private void walk(int v, int[][] succ, int[] symbol, int[] seq, int len, int block, double[] out) {
    for (int w : succ[v]) {
      int s = symbol[w];
      if (s == -2) {
        if (len <= maxLength) {
          int i = block + offsets[len] + code(seq, len);
          out[i] = mode == Mode.BINARY ? 1.0 : out[i] + 1.0;
        }
      } else if (s == -1) {
        throw new IllegalArgumentException("input node " + w + " has a predecessor");
      } else if (s == -3) {
        walk(w, succ, symbol, seq, len, block, out);
      } else {
        // Past the cap nothing more can be recorded on this route (ops only add length).
        if (len + 1 > maxLength) continue;
        seq[len] = s;
        walk(w, succ, symbol, seq, len + 1, block, out);
      }
    }
  }

  private int opOf(String label) {
    Integer i = opIndex.get(label);
    if (i == null) {
      throw new IllegalArgumentException("label '" + label + "' is not in the op vocabulary " + ops
          + " (inputs " + inputs + ", output '" + output + "', transparent " + transparent + ")");
    }
    return i;
  }

  private int code(int[] seq, int len) {
    int c = 0;
    for (int i = 0; i < len; i++) c = c * ops.size() + seq[i];
    return c;
  }
}
