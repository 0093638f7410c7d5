package org.nasbowl.plots.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.io.AtomicFiles;

/**
 * A drawing of an architecture graph or of a motif tree: a left-to-right layered layout (see
 * {@link LayeredLayout}) with one rounded box per node, filled with the op's {@link OpColours colour} and
 * labelled with the op's name, and an arrow per edge. Optional: highlighted nodes (thick coloured outline) and
 * edges (thick coloured line), a title above and a legend of the ops present below.
 *
 * <p>A motif is drawn as its WL subtree, the root on the left pointing to its successors, in the same direction
 * as architectures (data flows left to right). Instances are immutable; the {@code with...} methods return
 * modified copies. Export with {@link #writePng(Path)}, {@link #writeSvg(Path)} and {@link #writeDot(Path)}.
 */
public final class GraphPicture implements Picture {
  static final Font NODE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);

  static final double MARGIN = 14;
  static final double BOX_HEIGHT = 32;
  static final double BOX_PAD = 12;
  static final double BOX_MIN_WIDTH = 52;
  static final double ARROW_LENGTH = 9;
  static final double HIGHLIGHT_WIDTH = 3.5;
  private static final Color DIMMED_EDGE = new Color(0x9E9E9E);
  private static final double LEGEND_MIN_WIDTH = 380;

  private final LabelledDag graph;
  private final boolean motif;
  private final SortedMap<Integer, Color> nodeHighlights;
  private final SortedMap<Edge, Color> edgeHighlights;
  private final String title;
  private final boolean legend;

  private final LayeredLayout layout;
  private final List<String> ops;
  private final double graphX;
  private final double graphY;
  private final double legendY;
  private final double legendMaxWidth;
  private final int width;
  private final int height;

  private GraphPicture(LabelledDag graph, boolean motif, Map<Integer, Color> nodeHighlights,
      Map<Edge, Color> edgeHighlights, String title, boolean legend) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.motif = motif;
    this.nodeHighlights = Collections.unmodifiableSortedMap(new TreeMap<>(nodeHighlights));
    this.edgeHighlights = Collections.unmodifiableSortedMap(new TreeMap<>(edgeHighlights));
    for (Map.Entry<Integer, Color> e : this.nodeHighlights.entrySet()) {
      if (e.getKey() < 0 || e.getKey() >= graph.size()) {
        throw new IllegalArgumentException("highlighted node " + e.getKey() + " is not a node of the graph (0.."
            + (graph.size() - 1) + ")");
      }
      Objects.requireNonNull(e.getValue(), "colour of highlighted node " + e.getKey());
    }
    for (Map.Entry<Edge, Color> e : this.edgeHighlights.entrySet()) {
      Edge k = e.getKey();
      if (k.from() < 0 || k.from() >= graph.size() || k.to() < 0 || k.to() >= graph.size()
          || !graph.hasEdge(k.from(), k.to())) {
        throw new IllegalArgumentException("highlighted edge " + k + " is not an edge of the graph");
      }
      Objects.requireNonNull(e.getValue(), "colour of highlighted edge " + k);
    }
    this.title = title == null || title.isBlank() ? null : title;
    this.legend = legend;

    int n = graph.size();
    double[] w = new double[n];
    double[] h = new double[n];
    for (int v = 0; v < n; v++) {
      w[v] = Math.max(BOX_MIN_WIDTH, Math.ceil(Text.width(graph.label(v), NODE_FONT)) + 2 * BOX_PAD);
      // Taller boxes for nodes with many edges on one side, so their arrowheads do not overlap.
      int ports = Math.max(graph.inDegree(v), graph.outDegree(v));
      h[v] = Math.max(BOX_HEIGHT, LayeredLayout.PORT_STEP * (ports - 1) + 2 * LayeredLayout.PORT_MARGIN);
    }
    this.layout = new LayeredLayout(graph, w, h);
    TreeSet<String> present = new TreeSet<>(OpColours.LEGEND_ORDER);
    present.addAll(graph.labels());
    this.ops = List.copyOf(present);

    // Vertical stack: title, graph (with room for highlight outlines), legend.
    double pad = HIGHLIGHT_WIDTH + 2;
    double y = MARGIN;
    double contentWidth = layout.width() + 2 * pad;
    if (this.title != null) {
      y += Text.height(TITLE_FONT) + 10;
      contentWidth = Math.max(contentWidth, Text.width(this.title, TITLE_FONT));
    }
    double graphTop = y + pad;
    y += layout.height() + 2 * pad;
    double legendTop = y + 10;
    this.legendMaxWidth = Math.max(contentWidth, LEGEND_MIN_WIDTH);
    if (legend && !ops.isEmpty()) {
      double[] size = Legend.size(ops, legendMaxWidth);
      contentWidth = Math.max(contentWidth, size[0]);
      y = legendTop + size[1];
    }
    this.legendY = legendTop;
    this.width = (int) Math.ceil(contentWidth + 2 * MARGIN);
    this.height = (int) Math.ceil(y + MARGIN);
    this.graphX = MARGIN + (contentWidth - layout.width()) / 2;
    this.graphY = graphTop;
  }

  // ------------------------------------------------------------------------------------------- factories

  /** An architecture without highlights, with a legend. */
  public static GraphPicture architecture(LabelledDag g) {
    return new GraphPicture(g, false, Map.of(), Map.of(), null, true);
  }

  /**
   * An architecture with highlighted nodes (thick outline) and edges (thick line) in the given colours.
   *
   * @throws IllegalArgumentException for a highlighted node or edge that is not in the graph
   */
  public static GraphPicture architecture(LabelledDag g, Map<Integer, Color> nodeHighlights,
      Map<Edge, Color> edgeHighlights) {
    return new GraphPicture(g, false, nodeHighlights, edgeHighlights, null, true);
  }

  /** An architecture with one motif occurrence highlighted in {@link OpColours#HIGHLIGHT}. */
  public static GraphPicture architecture(LabelledDag g, MotifTree.Occurrence occurrence) {
    return architecture(g).withHighlight(occurrence, OpColours.HIGHLIGHT);
  }

  /** A motif's WL subtree, parsed from its label. */
  public static GraphPicture motif(String label) {
    return motif(MotifTree.parse(label));
  }

  /** A motif's WL subtree: one box per tree node (pre-order ids, root 0), root on the left. */
  public static GraphPicture motif(MotifTree tree) {
    return new GraphPicture(tree.toDag(), true, Map.of(), Map.of(), null, true);
  }

  /** A copy with a title above the drawing ({@code null} or blank: none). */
  public GraphPicture withTitle(String newTitle) {
    return new GraphPicture(graph, motif, nodeHighlights, edgeHighlights, newTitle, legend);
  }

  /** A copy with or without the legend of ops. */
  public GraphPicture withLegend(boolean show) {
    return new GraphPicture(graph, motif, nodeHighlights, edgeHighlights, title, show);
  }

  /** A copy with these highlights instead of the current ones. */
  public GraphPicture withHighlights(Map<Integer, Color> nodes, Map<Edge, Color> edges) {
    return new GraphPicture(graph, motif, nodes, edges, title, legend);
  }

  /** A copy that also highlights the nodes and edges of a motif occurrence (later calls win on overlap). */
  public GraphPicture withHighlight(MotifTree.Occurrence occurrence, Color colour) {
    Objects.requireNonNull(colour, "colour");
    Map<Integer, Color> nodes = new TreeMap<>(nodeHighlights);
    Map<Edge, Color> edges = new TreeMap<>(edgeHighlights);
    for (int v : occurrence.nodes()) nodes.put(v, colour);
    for (Edge e : occurrence.edges()) edges.put(e, colour);
    return new GraphPicture(graph, motif, nodes, edges, title, legend);
  }

  // --------------------------------------------------------------------------------------------- queries

  /** The drawn graph (for a motif: the tree, nodes in pre-order). */
  public LabelledDag graph() {
    return graph;
  }

  /** True for a picture made by {@link #motif}. */
  public boolean isMotif() {
    return motif;
  }

  /** The title, or null. */
  public String title() {
    return title;
  }

  public boolean hasLegend() {
    return legend;
  }

  public SortedMap<Integer, Color> nodeHighlights() {
    return nodeHighlights;
  }

  public SortedMap<Edge, Color> edgeHighlights() {
    return edgeHighlights;
  }

  /** The distinct ops of the graph in legend order. */
  public List<String> ops() {
    return ops;
  }

  /** Layer of each node: the longest path from a source (sources are layer 0, drawn leftmost). */
  public int[] layers() {
    int[] l = new int[graph.size()];
    for (int v = 0; v < l.length; v++) l[v] = layout.layer(v);
    return l;
  }

  /** Number of edge crossings of the chosen order (between adjacent layers, long edges included). */
  public long crossings() {
    return layout.crossings();
  }

  /** The box of a node in picture coordinates. */
  public Rectangle2D nodeBox(int v) {
    Rectangle2D b = layout.box(v);
    return new Rectangle2D.Double(b.getX() + graphX, b.getY() + graphY, b.getWidth(), b.getHeight());
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  // -------------------------------------------------------------------------------------------- painting

  @Override
  public void paint(Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fill(new Rectangle2D.Double(0, 0, width, height));
    if (title != null) {
      g.setColor(Color.BLACK);
      Text.drawLeft(g, title, TITLE_FONT, MARGIN, MARGIN + Text.height(TITLE_FONT) / 2);
    }
    // Save and restore the transform rather than g.create(): VectorGraphics2D's SVG output mis-nests the
    // groups of created-and-disposed graphics, shifting everything drawn afterwards.
    AffineTransform saved = g.getTransform();
    g.translate(graphX, graphY);
    paintGraph(g);
    g.setTransform(saved);
    if (legend) Legend.paint(g, ops, MARGIN, legendY, legendMaxWidth);
  }

  private void paintGraph(Graphics2D g) {
    boolean anyHighlight = !nodeHighlights.isEmpty() || !edgeHighlights.isEmpty();
    Color plain = anyHighlight ? DIMMED_EDGE : OpColours.EDGE;
    List<Edge> edges = new ArrayList<>();
    for (int[] e : graph.edges()) edges.add(new Edge(e[0], e[1]));
    // Plain edges first, highlighted ones on top of them; boxes over all edges.
    for (Edge e : edges) {
      if (!edgeHighlights.containsKey(e)) paintEdge(g, e, plain, 1.4, ARROW_LENGTH);
    }
    for (Edge e : edges) {
      Color c = edgeHighlights.get(e);
      if (c != null) paintEdge(g, e, c, HIGHLIGHT_WIDTH, ARROW_LENGTH + 2);
    }
    for (int v = 0; v < graph.size(); v++) paintNode(g, v);
  }

  private void paintEdge(Graphics2D g, Edge e, Color colour, double strokeWidth, double arrow) {
    // An arrow into a highlighted node stops at the outside of its highlight ring instead of under it.
    double gap = nodeHighlights.containsKey(e.to()) ? HIGHLIGHT_WIDTH + 1.5 : 0;
    Path2D path = layout.route(e, arrow - 0.5 + gap);
    g.setColor(colour);
    g.setStroke(new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
    g.draw(path);
    Point2D end = layout.end(e);
    Point2D tip = new Point2D.Double(end.getX() - gap, end.getY());
    double half = arrow * 0.5;
    Path2D head = new Path2D.Double();
    head.moveTo(tip.getX(), tip.getY());
    head.lineTo(tip.getX() - arrow, tip.getY() - half);
    head.lineTo(tip.getX() - arrow, tip.getY() + half);
    head.closePath();
    g.fill(head);
  }

  private void paintNode(Graphics2D g, int v) {
    String op = graph.label(v);
    Rectangle2D b = layout.box(v);
    Color hl = nodeHighlights.get(v);
    if (hl != null) {
      double o = HIGHLIGHT_WIDTH / 2 + 1.5;
      g.setColor(hl);
      g.setStroke(new BasicStroke((float) HIGHLIGHT_WIDTH));
      g.draw(new RoundRectangle2D.Double(b.getX() - o, b.getY() - o, b.getWidth() + 2 * o, b.getHeight() + 2 * o,
          14 + o, 14 + o));
    }
    RoundRectangle2D box = new RoundRectangle2D.Double(b.getX(), b.getY(), b.getWidth(), b.getHeight(), 12, 12);
    g.setColor(OpColours.fill(op));
    g.fill(box);
    g.setColor(OpColours.outline(op));
    g.setStroke(new BasicStroke(1.2f));
    g.draw(box);
    g.setColor(OpColours.text(op));
    Text.drawCentred(g, op, NODE_FONT, b.getCenterX(), b.getCenterY());
  }

  // ------------------------------------------------------------------------------------------------- DOT

  /**
   * Graphviz DOT text of the same drawing: left-to-right, one line per node
   * ({@code n<id> [label=..., fillcolor=..., ...]}) and one per edge ({@code n<a> -> n<b>}), with the op
   * colours as {@code fillcolor} and highlights as {@code color} plus {@code penwidth}.
   */
  public String toDot() {
    StringBuilder sb = new StringBuilder();
    sb.append("digraph ").append(motif ? "motif" : "architecture").append(" {\n");
    sb.append("  graph [rankdir=LR, nodesep=0.25, ranksep=0.55, fontname=\"Helvetica\"");
    if (title != null) sb.append(", label=").append(quote(title)).append(", labelloc=t, fontsize=16");
    sb.append("];\n");
    sb.append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=14, penwidth=1.2];\n");
    sb.append("  edge [color=\"").append(OpColours.hex(OpColours.EDGE)).append("\", arrowsize=0.8];\n");
    for (int v = 0; v < graph.size(); v++) {
      String op = graph.label(v);
      sb.append("  n").append(v).append(" [label=").append(quote(op))
          .append(", fillcolor=\"").append(OpColours.hex(OpColours.fill(op)))
          .append("\", fontcolor=\"").append(OpColours.hex(OpColours.text(op))).append('"');
      Color hl = nodeHighlights.get(v);
      if (hl != null) {
        sb.append(", color=\"").append(OpColours.hex(hl)).append("\", penwidth=").append(fmt(HIGHLIGHT_WIDTH));
      } else {
        sb.append(", color=\"").append(OpColours.hex(OpColours.outline(op))).append('"');
      }
      sb.append("];\n");
    }
    for (int[] e : graph.edges()) {
      sb.append("  n").append(e[0]).append(" -> n").append(e[1]);
      Color hl = edgeHighlights.get(new Edge(e[0], e[1]));
      if (hl != null) {
        sb.append(" [color=\"").append(OpColours.hex(hl)).append("\", penwidth=").append(fmt(HIGHLIGHT_WIDTH))
            .append(']');
      }
      sb.append(";\n");
    }
    sb.append("}\n");
    return sb.toString();
  }

  /** Writes {@link #toDot()} atomically. */
  public void writeDot(Path path) throws IOException {
    AtomicFiles.writeString(path, toDot());
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  /** A DOT double-quoted string. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c == '\n') sb.append("\\n");
      else if (c != '\r') sb.append(c);
    }
    return sb.append('"').toString();
  }

  @Override
  public String toString() {
    return "GraphPicture{" + (motif ? "motif" : "architecture") + ", " + graph.size() + " nodes, " + width + "x"
        + height + (title != null ? ", title='" + title + "'" : "") + "}";
  }
}
