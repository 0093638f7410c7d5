package org.nasbowl.plots.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A figure of motifs side by side: a column of "good" motifs (e.g. the k with the highest average gradient)
 * next to a column of "bad" ones (the k lowest), each drawn as a {@link GraphPicture#motif motif tree} with a
 * caption (rank, score, number of architectures containing it, and the label), and one legend of all the ops
 * below. Row i of both columns share a height, so the grid lines up.
 */
public final class MotifGallery implements Picture {
  /**
   * One motif in the gallery.
   *
   * @param label the WL label, e.g. {@code nor_conv_1x1(nor_conv_3x3(output))}
   * @param score the importance shown in the caption (the average gradient, AG)
   * @param occurrences how many architectures contain the motif (shown in the caption; negative: not shown)
   * @param rank the rank to print; 0 = the entry's 1-based position in its list
   * @param cell the cell the motif belongs to in a multi-cell space ("normal cell", "reduction cell" for DARTS),
   *     shown in the caption; null for single-cell spaces
   */
  public record Entry(String label, double score, int occurrences, int rank, String cell) {
    public Entry {
      Objects.requireNonNull(label, "label");
      if (rank < 0) throw new IllegalArgumentException("rank must be >= 1, or 0 for the list position; got " + rank);
    }

    public Entry(String label, double score, int occurrences, int rank) {
      this(label, score, occurrences, rank, null);
    }

    /** An entry ranked by its position in the list. */
    public Entry(String label, double score, int occurrences) {
      this(label, score, occurrences, 0, null);
    }
  }

  private static final double MARGIN = 16;
  private static final double CELL_PAD = 10;
  private static final double CELL_GAP = 14;
  private static final double COLUMN_GAP = 28;
  private static final double MIN_CELL_WIDTH = 300;
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font HEADER_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  private static final Font LABEL_FONT = new Font(Font.MONOSPACED, Font.PLAIN, 13);
  private static final double LINE = 18;
  private static final Color GOOD = new Color(0x1A7F37);
  private static final Color BAD = new Color(0xB42318);
  private static final Color CELL_BORDER = new Color(0xD9D9D9);

  private final String title;
  private final String scoreName;
  private final List<Column> columns = new ArrayList<>();
  private final List<String> ops;
  private final double cellWidth;
  private final double[] rowHeight;
  private final double gridTop;
  private final double legendTop;
  private final double legendMaxWidth;
  private final int width;
  private final int height;

  private record Cell(Entry entry, int rank, GraphPicture picture, List<String> labelLines) {}

  private record Column(String header, Color colour, List<Cell> cells) {}

  private MotifGallery(String title, List<Entry> good, List<Entry> bad, String scoreName) {
    if (good.isEmpty() && bad.isEmpty()) throw new IllegalArgumentException("a gallery needs at least one motif");
    this.title = title == null || title.isBlank() ? null : title;
    this.scoreName = Objects.requireNonNull(scoreName, "scoreName");
    List<List<Entry>> lists = List.of(good, bad);
    String[] headers = {"good: highest " + scoreName, "bad: lowest " + scoreName};
    Color[] colours = {GOOD, BAD};
    TreeSet<String> present = new TreeSet<>(OpColours.LEGEND_ORDER);
    double cw = MIN_CELL_WIDTH;
    List<List<GraphPicture>> pictures = new ArrayList<>();
    for (List<Entry> list : lists) {
      List<GraphPicture> pics = new ArrayList<>();
      for (Entry e : list) {
        GraphPicture p = GraphPicture.motif(e.label()).withLegend(false);
        present.addAll(p.ops());
        cw = Math.max(cw, p.width());
        cw = Math.max(cw, Text.width(caption(e, 1), CAPTION_FONT) + 10);
        pics.add(p);
      }
      pictures.add(pics);
    }
    this.cellWidth = Math.ceil(cw + 2 * CELL_PAD);
    double textWidth = cellWidth - 2 * CELL_PAD;
    for (int c = 0; c < 2; c++) {
      List<Entry> list = lists.get(c);
      if (list.isEmpty()) continue;
      List<Cell> cells = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Entry e = list.get(i);
        int rank = e.rank() > 0 ? e.rank() : i + 1;
        cells.add(new Cell(e, rank, pictures.get(c).get(i), wrap(e.label(), textWidth)));
      }
      columns.add(new Column(headers[c], colours[c], cells));
    }
    this.ops = List.copyOf(present);

    int rows = 0;
    for (Column col : columns) rows = Math.max(rows, col.cells().size());
    rowHeight = new double[rows];
    for (Column col : columns) {
      for (int r = 0; r < col.cells().size(); r++) rowHeight[r] = Math.max(rowHeight[r], cellHeight(col.cells().get(r)));
    }
    double gridWidth = columns.size() * cellWidth + (columns.size() - 1) * COLUMN_GAP;
    double y = MARGIN;
    double contentWidth = gridWidth;
    if (this.title != null) {
      y += Text.height(TITLE_FONT) + 10;
      contentWidth = Math.max(contentWidth, Text.width(this.title, TITLE_FONT));
    }
    y += Text.height(HEADER_FONT) + 10; // column headers
    gridTop = y;
    for (double h : rowHeight) y += h + CELL_GAP;
    legendTop = y;
    legendMaxWidth = contentWidth;
    double[] legendSize = Legend.size(ops, legendMaxWidth);
    y += legendSize[1];
    this.width = (int) Math.ceil(contentWidth + 2 * MARGIN);
    this.height = (int) Math.ceil(y + MARGIN);
  }

  /** A gallery with captions naming the score "AG" (average gradient). */
  public static MotifGallery of(String title, List<Entry> good, List<Entry> bad) {
    return new MotifGallery(title, good, bad, "AG");
  }

  /** A gallery whose captions and headers name the score {@code scoreName}. */
  public static MotifGallery of(String title, List<Entry> good, List<Entry> bad, String scoreName) {
    return new MotifGallery(title, good, bad, scoreName);
  }

  /**
   * Writes the gallery as {@code stem.png} and {@code stem.svg}, each atomically; {@code pngOrStem} may end in
   * {@code .png} or {@code .svg} (the extension is replaced) or be a stem.
   *
   * @return the PNG and SVG paths
   */
  public static List<Path> write(Path pngOrStem, String title, List<Entry> good, List<Entry> bad)
      throws IOException {
    MotifGallery g = of(title, good, bad);
    String name = pngOrStem.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    String stem = lower.endsWith(".png") || lower.endsWith(".svg") ? name.substring(0, name.length() - 4) : name;
    Path png = pngOrStem.resolveSibling(stem + ".png");
    Path svg = pngOrStem.resolveSibling(stem + ".svg");
    g.writePng(png);
    g.writeSvg(svg);
    return List.of(png, svg);
  }

  /** The ops of all motifs, in legend order. */
  public List<String> ops() {
    return ops;
  }

  /** The motif pictures, good column first, in list order. */
  public List<GraphPicture> pictures() {
    List<GraphPicture> out = new ArrayList<>();
    for (Column c : columns) for (Cell cell : c.cells()) out.add(cell.picture());
    return out;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  private String caption(Entry e, int rank) {
    // Single spaces only: SVG viewers collapse runs of spaces.
    String s = "#" + rank + " \u00B7 " + scoreName + " = " + formatScore(e.score());
    if (e.occurrences() >= 0) {
      s += " \u00B7 in " + e.occurrences() + (e.occurrences() == 1 ? " architecture" : " architectures");
    }
    if (e.cell() != null) s += " \u00B7 " + e.cell();
    return s;
  }

  static String formatScore(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) return String.valueOf(v);
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e4) return String.format(Locale.ROOT, "%+.4g", v).replaceAll("(\\.\\d*?)0+$", "$1")
        .replaceAll("\\.$", "");
    return String.format(Locale.ROOT, "%+.2e", v);
  }

  private double cellHeight(Cell c) {
    return CELL_PAD + LINE + 4 + c.picture().height() + c.labelLines().size() * LINE + CELL_PAD;
  }

  /** Breaks a label after ',' and '(' so that lines fit {@code maxWidth} (a longer piece gets its own line). */
  static List<String> wrap(String label, double maxWidth) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < label.length(); i++) {
      char ch = label.charAt(i);
      if (ch == ',' || ch == '(') {
        pieces.add(label.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < label.length()) pieces.add(label.substring(start));
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String p : pieces) {
      if (line.length() > 0 && Text.width(line + p, LABEL_FONT) > maxWidth) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(p);
    }
    if (line.length() > 0) lines.add(line.toString());
    return lines;
  }

  @Override
  public void paint(Graphics2D g) {
    g.setColor(Color.WHITE);
    g.fill(new java.awt.geom.Rectangle2D.Double(0, 0, width, height));
    double y = MARGIN;
    if (title != null) {
      g.setColor(Color.BLACK);
      Text.drawLeft(g, title, TITLE_FONT, MARGIN, y + Text.height(TITLE_FONT) / 2);
      y += Text.height(TITLE_FONT) + 10;
    }
    for (int c = 0; c < columns.size(); c++) {
      Column col = columns.get(c);
      double x = MARGIN + c * (cellWidth + COLUMN_GAP);
      double hy = y + Text.height(HEADER_FONT) / 2;
      g.setColor(col.colour());
      Text.drawLeft(g, col.header(), HEADER_FONT, x, hy);
      g.setStroke(new BasicStroke(2f));
      g.draw(new Line2D.Double(x, y + Text.height(HEADER_FONT) + 3, x + cellWidth, y + Text.height(HEADER_FONT) + 3));
      double cy = gridTop;
      for (int r = 0; r < col.cells().size(); r++) {
        paintCell(g, col, col.cells().get(r), x, cy, rowHeight[r]);
        cy += rowHeight[r] + CELL_GAP;
      }
    }
    Legend.paint(g, ops, MARGIN, legendTop, legendMaxWidth);
  }

  private void paintCell(Graphics2D g, Column col, Cell cell, double x, double y, double h) {
    g.setColor(CELL_BORDER);
    g.setStroke(new BasicStroke(1f));
    g.draw(new RoundRectangle2D.Double(x, y, cellWidth, h, 10, 10));
    double ty = y + CELL_PAD + LINE / 2;
    g.setColor(col.colour());
    Text.drawLeft(g, caption(cell.entry(), cell.rank()), CAPTION_FONT, x + CELL_PAD, ty);
    GraphPicture p = cell.picture();
    // Centred vertically between the caption and the label.
    double areaTop = y + CELL_PAD + LINE + 4;
    double areaBottom = y + h - CELL_PAD - cell.labelLines().size() * LINE;
    double py = areaTop + Math.max(0, (areaBottom - areaTop - p.height()) / 2);
    AffineTransform saved = g.getTransform(); // not g.create(): see GraphPicture.paint
    g.translate(x + (cellWidth - p.width()) / 2, py);
    p.paint(g);
    g.setTransform(saved);
    // The label at the bottom of the cell, so labels of a row line up.
    double ly = y + h - CELL_PAD - cell.labelLines().size() * LINE + LINE / 2;
    g.setColor(new Color(0x404040));
    for (String line : cell.labelLines()) {
      Text.drawLeft(g, line, LABEL_FONT, x + CELL_PAD, ly);
      ly += LINE;
    }
  }
}
