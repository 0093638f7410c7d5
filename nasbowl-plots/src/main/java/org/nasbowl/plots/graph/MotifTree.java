package org.nasbowl.plots.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.kernel.WlSubtreeLabels;

/**
 * A WL motif as a tree: the readable label of {@link WlSubtreeLabels}, {@code op} or
 * {@code op(child,child,...)} with no spaces, where the children are the labels of the node's successors one
 * depth lower (sorted, in labels that WL produces). For example {@code nor_conv_1x1(nor_conv_3x3(output))} is a
 * depth-2 tree whose root {@code nor_conv_1x1} has one child {@code nor_conv_3x3}, whose child is {@code output}.
 *
 * <p>Op names are any non-blank text without {@code (}, {@code )} and {@code ,}; {@link #toString()} gives the
 * parsed label back character for character. Instances are immutable.
 */
public final class MotifTree {
  private final String op;
  private final List<MotifTree> children;
  private final int depth;
  private final int size;

  private MotifTree(String op, List<MotifTree> children) {
    this.op = op;
    this.children = List.copyOf(children);
    int d = 0;
    int s = 1;
    for (MotifTree c : this.children) {
      d = Math.max(d, c.depth + 1);
      s += c.size;
    }
    this.depth = d;
    this.size = s;
  }

  /** A tree from its root op and children (in the given order). */
  public static MotifTree of(String op, List<MotifTree> children) {
    Objects.requireNonNull(op, "op");
    if (op.isBlank() || op.chars().anyMatch(ch -> ch == '(' || ch == ')' || ch == ',')) {
      throw new IllegalArgumentException("an op must be non-blank text without '(', ')' and ',', got '" + op + "'");
    }
    return new MotifTree(op, children);
  }

  /** A single-node tree (a depth-0 motif). */
  public static MotifTree leaf(String op) {
    return of(op, List.of());
  }

  /**
   * Parses a motif label.
   *
   * @throws MalformedMotifException (an IllegalArgumentException) naming the 1-based position of an empty op,
   *     an unclosed '(' or an unmatched ')', a ',' outside parentheses or text after the motif
   */
  public static MotifTree parse(String label) {
    Objects.requireNonNull(label, "motif label");
    Parser p = new Parser(label);
    MotifTree t = p.node(-1);
    if (p.pos < label.length()) {
      char c = label.charAt(p.pos);
      if (c == ')') throw p.error(p.pos, "unbalanced parentheses: ')' has no matching '('");
      if (c == ',') throw p.error(p.pos, "',' outside parentheses");
      throw p.error(p.pos, "unexpected '" + c + "' after the end of the motif");
    }
    return t;
  }

  private static final class Parser {
    final String s;
    int pos;

    Parser(String s) {
      this.s = s;
    }

    MalformedMotifException error(int index, String problem) {
      return new MalformedMotifException(s, index + 1, problem);
    }

    /** Parses one node; {@code openParen} is the index of the '(' whose list this node is in, or -1. */
    MotifTree node(int openParen) {
      int start = pos;
      while (pos < s.length() && "(),".indexOf(s.charAt(pos)) < 0) pos++;
      String op = s.substring(start, pos);
      if (op.isBlank()) {
        if (pos >= s.length() && openParen >= 0) {
          throw error(openParen, "unbalanced parentheses: '(' is never closed");
        }
        if (openParen < 0 && pos < s.length() && s.charAt(pos) == ')') {
          throw error(pos, "unbalanced parentheses: ')' has no matching '('");
        }
        throw error(start, op.isEmpty() ? "empty op" : "blank op");
      }
      if (pos >= s.length() || s.charAt(pos) != '(') return new MotifTree(op, List.of());
      int open = pos++;
      List<MotifTree> kids = new ArrayList<>();
      while (true) {
        kids.add(node(open));
        if (pos >= s.length()) throw error(open, "unbalanced parentheses: '(' is never closed");
        char c = s.charAt(pos++);
        if (c == ')') break;
        if (c != ',') throw error(pos - 1, "expected ',' or ')' but found '" + c + "'");
      }
      if (pos < s.length() && s.charAt(pos) == '(') {
        throw error(pos, "'(' directly after ')' (a node has one list of children)");
      }
      return new MotifTree(op, kids);
    }
  }

  /** The root's op. */
  public String op() {
    return op;
  }

  /** The root's children, in label order (immutable). */
  public List<MotifTree> children() {
    return children;
  }

  public boolean isLeaf() {
    return children.isEmpty();
  }

  /** Nesting depth: 0 for a bare op, 1 for {@code op(a,b)}, and so on; the WL depth of the motif. */
  public int depth() {
    return depth;
  }

  /** Number of tree nodes. */
  public int size() {
    return size;
  }

  /** All ops of the tree in pre-order (with repetitions). */
  public List<String> ops() {
    List<String> out = new ArrayList<>(size);
    collectOps(this, out);
    return out;
  }

  private static void collectOps(MotifTree t, List<String> out) {
    out.add(t.op);
    for (MotifTree c : t.children) collectOps(c, out);
  }

  /** The same tree with every list of children sorted by label, as {@link WlSubtreeLabels} writes it. */
  public MotifTree canonical() {
    if (children.isEmpty()) return this;
    List<MotifTree> kids = new ArrayList<>(children.size());
    for (MotifTree c : children) kids.add(c.canonical());
    kids.sort((a, b) -> a.toString().compareTo(b.toString()));
    return new MotifTree(op, kids);
  }

  /**
   * The tree as a graph for drawing: nodes numbered in pre-order (root = 0), labelled with their ops, edges
   * parent -> child (the same direction as architecture edges: a node points at its successors).
   */
  public LabelledDag toDag() {
    List<String> labels = new ArrayList<>(size);
    List<int[]> edges = new ArrayList<>(size - 1);
    addToDag(this, labels, edges);
    return new LabelledDag(labels, edges);
  }

  private static int addToDag(MotifTree t, List<String> labels, List<int[]> edges) {
    int id = labels.size();
    labels.add(t.op);
    for (MotifTree c : t.children) {
      int child = addToDag(c, labels, edges);
      edges.add(new int[] {id, child});
    }
    return id;
  }

  /**
   * One place where a motif occurs: the node whose WL label is the motif, and the graph nodes and edges that
   * the WL subtree walks (the root plus successors down to the motif's depth). Several tree nodes may map to
   * the same graph node (e.g. in a diamond), so {@code nodes} can be smaller than the tree.
   */
  public record Occurrence(int root, SortedSet<Integer> nodes, SortedSet<Edge> edges) {
    public Occurrence {
      nodes = Collections.unmodifiableSortedSet(new TreeSet<>(nodes));
      edges = Collections.unmodifiableSortedSet(new TreeSet<>(edges));
    }
  }

  /** The occurrences of the motif in {@code g} at the motif's own depth ({@link #depth()}). */
  public static List<Occurrence> occurrences(LabelledDag g, String motif) {
    return parse(motif).occurrencesIn(g);
  }

  /**
   * The occurrences at an explicit WL depth, e.g. the depth of a {@code MeanGradient.FeatureKey}: a node
   * without successors keeps its bare label at every depth, so a label can be a feature at any depth >= its
   * nesting depth. Apart from bare labels (depth 0 matches every node with the op, a higher depth only sinks),
   * the result is the same as at the nesting depth.
   *
   * @throws IllegalArgumentException if {@code depth} is below the motif's nesting depth
   */
  public static List<Occurrence> occurrences(LabelledDag g, String motif, int depth) {
    return parse(motif).occurrencesIn(g, depth);
  }

  /** {@link #occurrences(LabelledDag, String)} for a parsed tree. */
  public List<Occurrence> occurrencesIn(LabelledDag g) {
    return occurrencesIn(g, depth);
  }

  /** {@link #occurrences(LabelledDag, String, int)} for a parsed tree. */
  public List<Occurrence> occurrencesIn(LabelledDag g, int wlDepth) {
    if (wlDepth < depth) {
      throw new IllegalArgumentException("motif '" + this + "' has depth " + depth
          + " and cannot be a WL label at depth " + wlDepth);
    }
    String target = canonical().toString();
    String[] labels = WlSubtreeLabels.compute(g, wlDepth)[wlDepth];
    List<Occurrence> out = new ArrayList<>();
    for (int v = 0; v < g.size(); v++) {
      if (labels[v].equals(target)) out.add(cover(g, v, wlDepth));
    }
    return List.copyOf(out);
  }

  /** Nodes within {@code depth} successor steps of {@code root}, and the edges leaving those closer than that. */
  private static Occurrence cover(LabelledDag g, int root, int depth) {
    int[] dist = new int[g.size()];
    Arrays.fill(dist, -1);
    dist[root] = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(root);
    TreeSet<Integer> nodes = new TreeSet<>();
    TreeSet<Edge> edges = new TreeSet<>();
    while (!queue.isEmpty()) {
      int u = queue.poll();
      nodes.add(u);
      if (dist[u] >= depth) continue;
      for (int w : g.successors(u)) {
        edges.add(new Edge(u, w));
        if (dist[w] < 0) {
          dist[w] = dist[u] + 1;
          queue.add(w);
        }
      }
    }
    return new Occurrence(root, nodes, edges);
  }

  /** The label, exactly as parsed (or as built from ops and children). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    append(sb);
    return sb.toString();
  }

  private void append(StringBuilder sb) {
    sb.append(op);
    if (children.isEmpty()) return;
    sb.append('(');
    for (int i = 0; i < children.size(); i++) {
      if (i > 0) sb.append(',');
      children.get(i).append(sb);
    }
    sb.append(')');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MotifTree t && op.equals(t.op) && children.equals(t.children);
  }

  @Override
  public int hashCode() {
    return 31 * op.hashCode() + children.hashCode();
  }
}
