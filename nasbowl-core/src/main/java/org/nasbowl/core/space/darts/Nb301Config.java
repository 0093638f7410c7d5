package org.nasbowl.core.space.darts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.nasbowl.core.space.InvalidArchitectureException;

/**
 * Conversion between the NAS-Bench-301 configuration (a ConfigSpace dictionary) and {@link DartsGenotype}.
 *
 * <p>NB301 numbers the 14 possible input edges of a cell consecutively by node: intermediate node {@code n}
 * (2..5) owns edges {@code start(n) .. start(n) + n - 1} with {@code start(n) = n(n-1)/2 - 1} (0..1, 2..4,
 * 5..8, 9..13), and edge {@code start(n) + j} reads input {@code j}. Key
 * {@code NetworkSelectorDatasetInfo:darts:edge_<cell>_<e>} holds the op of active edge {@code e};
 * {@code ...:inputs_node_<cell>_<n>} (n = 3..5; node 2 always reads 0 and 1) holds the two inputs as
 * {@code "a_b"}, a &lt; b. As in NB301's {@code convert_config_to_genotype}, the active edge keys define the
 * genotype and a node's two edges are listed in increasing input order; when an {@code inputs_node} key is
 * present it must agree with them. Keys outside the architecture part are ignored.
 */
public final class Nb301Config {
  /** Prefix of every architecture hyperparameter. */
  public static final String PREFIX = "NetworkSelectorDatasetInfo:darts:";
  private static final String[] CELL_KEYS = {"normal", "reduce"};
  private static final int EDGE_COUNT = start(DartsCell.FIRST_NODE + DartsCell.NODES);

  private Nb301Config() {}

  /** The first NB301 edge index of intermediate node {@code node}. */
  static int start(int node) {
    return node * (node - 1) / 2 - 1;
  }

  /** The NB301 edge index of the edge from input {@code input} into intermediate node {@code node}. */
  public static int edgeIndex(int node, int input) {
    if (node < DartsCell.FIRST_NODE || node >= DartsCell.FIRST_NODE + DartsCell.NODES || input < 0 || input >= node) {
      throw new IllegalArgumentException("no NB301 edge from input " + input + " into node " + node);
    }
    return start(node) + input;
  }

  /** Key of the op of NB301 edge {@code edge} of a cell ("normal" or "reduce"). */
  public static String edgeKey(String cell, int edge) {
    return PREFIX + "edge_" + cell + "_" + edge;
  }

  /** Key of the input choice of intermediate node {@code node} (3..5) of a cell ("normal" or "reduce"). */
  public static String inputsKey(String cell, int node) {
    return PREFIX + "inputs_node_" + cell + "_" + node;
  }

  /**
   * The genotype of an NB301 configuration.
   *
   * @param config hyperparameter name -> value as text (other hyperparameters are ignored)
   * @throws InvalidArchitectureException naming the cell, node and key when the architecture part is invalid
   */
  public static DartsGenotype toGenotype(Map<String, String> config) {
    String[][] edgeOps = new String[CELL_KEYS.length][EDGE_COUNT];
    String[][] inputs = new String[CELL_KEYS.length][DartsCell.FIRST_NODE + DartsCell.NODES];
    for (Map.Entry<String, String> entry : config.entrySet()) {
      String key = entry.getKey();
      if (key == null || !key.startsWith(PREFIX)) continue;
      String rest = key.substring(PREFIX.length());
      if (rest.startsWith("edge_")) {
        int[] ci = cellAndIndex(key, rest.substring("edge_".length()), 0, EDGE_COUNT - 1);
        edgeOps[ci[0]][ci[1]] = value(key, entry.getValue());
      } else if (rest.startsWith("inputs_node_")) {
        int[] ci = cellAndIndex(key, rest.substring("inputs_node_".length()), DartsCell.FIRST_NODE + 1,
            DartsCell.FIRST_NODE + DartsCell.NODES - 1);
        inputs[ci[0]][ci[1]] = value(key, entry.getValue());
      }
    }
    DartsCell[] cells = new DartsCell[CELL_KEYS.length];
    for (int c = 0; c < CELL_KEYS.length; c++) {
      cells[c] = cell(CELL_KEYS[c], edgeOps[c], inputs[c]);
    }
    return new DartsGenotype(cells[0], cells[1]);
  }

  private static DartsCell cell(String cellKey, String[] ops, String[] inputs) {
    String cellName = "NB301 config, " + cellKey + " cell";
    List<DartsEdge> edges = new ArrayList<>(DartsCell.EDGES);
    for (int n = DartsCell.FIRST_NODE; n < DartsCell.FIRST_NODE + DartsCell.NODES; n++) {
      List<Integer> active = new ArrayList<>();
      for (int j = 0; j < n; j++) if (ops[start(n) + j] != null) active.add(j);
      if (active.size() != 2) {
        StringBuilder found = new StringBuilder();
        for (int j : active) found.append(found.length() == 0 ? " (" : ", ").append("edge_").append(cellKey)
            .append('_').append(start(n) + j);
        if (found.length() > 0) found.append(')');
        throw new InvalidArchitectureException(cellName + ", node " + n + ": expected 2 edges among edge_"
            + cellKey + "_" + start(n) + "..edge_" + cellKey + "_" + (start(n) + n - 1) + ", found "
            + active.size() + found);
      }
      if (n > DartsCell.FIRST_NODE && inputs[n] != null) {
        String expected = active.get(0) + "_" + active.get(1);
        if (!inputs[n].equals(expected)) {
          throw new InvalidArchitectureException(cellName + ", node " + n + ": inputs_node_" + cellKey + "_" + n
              + " is '" + inputs[n] + "' but the edges set are edge_" + cellKey + "_" + (start(n) + active.get(0))
              + " and edge_" + cellKey + "_" + (start(n) + active.get(1)) + " (inputs " + expected + ")");
        }
      }
      for (int j : active) {
        int edge = start(n) + j;
        Optional<DartsOp> op = DartsOp.fromNotation(ops[edge]);
        if (op.isEmpty()) {
          throw new InvalidArchitectureException(cellName + ", node " + n + ", " + edgeKey(cellKey, edge)
              + ": unknown op '" + ops[edge] + "' (expected one of " + DartsOp.namesForMessages() + ")");
        }
        edges.add(new DartsEdge(op.get(), j));
      }
    }
    DartsCell.validate(cellName, edges);
    return new DartsCell(edges);
  }

  private static String value(String key, String value) {
    if (value == null) throw new InvalidArchitectureException("NB301 config key '" + key + "' has no value");
    return value;
  }

  /** Parses {@code <cell>_<index>} with index in [min, max]; returns {cell position, index}. */
  private static int[] cellAndIndex(String key, String suffix, int min, int max) {
    int us = suffix.lastIndexOf('_');
    int cell = -1;
    if (us > 0) {
      String name = suffix.substring(0, us);
      for (int c = 0; c < CELL_KEYS.length; c++) if (CELL_KEYS[c].equals(name)) cell = c;
    }
    if (cell < 0) {
      throw new InvalidArchitectureException("NB301 config key '" + key
          + "': expected cell 'normal' or 'reduce' followed by _<index>");
    }
    String digits = suffix.substring(us + 1);
    int index;
    try {
      index = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      index = Integer.MIN_VALUE;
    }
    if (index < min || index > max || !digits.matches("[0-9]+")) {
      throw new InvalidArchitectureException("NB301 config key '" + key + "': index '" + digits
          + "' out of range " + min + ".." + max);
    }
    return new int[] {cell, index};
  }

  /**
   * The architecture part of the NB301 configuration of a genotype (edge ops and node inputs; the other
   * hyperparameters of NB301 are constants and not included), in key order.
   */
  public static Map<String, String> toConfig(DartsGenotype genotype) {
    Map<String, String> out = new TreeMap<>();
    for (int c = 0; c < CELL_KEYS.length; c++) {
      DartsCell cell = genotype.cell(c);
      for (int n = DartsCell.FIRST_NODE; n < DartsCell.FIRST_NODE + DartsCell.NODES; n++) {
        DartsEdge a = cell.edge(n, 0);
        DartsEdge b = cell.edge(n, 1);
        out.put(edgeKey(CELL_KEYS[c], edgeIndex(n, a.input())), a.op().notation());
        out.put(edgeKey(CELL_KEYS[c], edgeIndex(n, b.input())), b.op().notation());
        if (n > DartsCell.FIRST_NODE) {
          out.put(inputsKey(CELL_KEYS[c], n), Math.min(a.input(), b.input()) + "_" + Math.max(a.input(), b.input()));
        }
      }
    }
    return out;
  }
}
