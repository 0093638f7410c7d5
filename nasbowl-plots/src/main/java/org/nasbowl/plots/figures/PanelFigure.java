package org.nasbowl.plots.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * A figure of several XChart panels in a grid (XChart has no subplots): a title, note lines under it, the
 * panels, and one legend for all panels at the bottom, so that no legend covers a curve.
 */
public record PanelFigure(String title, List<String> notes, List<XYChart> panels, int columns,
    List<LegendEntry> legend) implements Drawing {
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 21);
  static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
  static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
  private static final int MARGIN = 16;
  private static final int SAMPLE = 40;
  private static final int ENTRY_GAP = 28;

  /** One legend item: a line (optionally over a band patch) or a filled area. */
  public record LegendEntry(String label, Color color, boolean dashed, boolean band, boolean area) {
    public static LegendEntry line(String id, boolean band) {
      Palette.Style s = Palette.style(id);
      return new LegendEntry(s.label(), s.color(), s.dashed(), band, false);
    }

    public static LegendEntry area(String id) {
      Palette.Style s = Palette.style(id);
      return new LegendEntry(s.label(), s.color(), false, false, true);
    }
  }

  public PanelFigure {
    notes = List.copyOf(notes);
    panels = List.copyOf(panels);
    legend = List.copyOf(legend);
    if (panels.isEmpty()) throw new IllegalArgumentException("a figure needs at least one panel");
    if (columns < 1) throw new IllegalArgumentException("columns must be >= 1");
  }

  private int cols() {
    return Math.min(columns, panels.size());
  }

  private int rows() {
    return (panels.size() + cols() - 1) / cols();
  }

  private int panelWidth() {
    return panels.get(0).getWidth();
  }

  private int panelHeight() {
    return panels.get(0).getHeight();
  }

  private static int lineHeight(Font f) {
    return (int) Math.ceil(f.getLineMetrics("Ag", FRC).getHeight());
  }

  private int headerHeight() {
    return MARGIN + lineHeight(TITLE_FONT) + noteLines().size() * lineHeight(NOTE_FONT) + MARGIN / 2;
  }

  /**
   * The notes broken into lines that fit the figure's width, with 10% to spare for SVG renderers whose fonts
   * run wider than Java's metrics.
   */
  List<String> noteLines() {
    double avail = 0.9 * (width() - 2 * MARGIN);
    List<String> out = new ArrayList<>();
    for (String note : notes) {
      StringBuilder line = new StringBuilder();
      for (String word : note.split(" ")) {
        String trial = line.length() == 0 ? word : line + " " + word;
        if (line.length() > 0 && NOTE_FONT.getStringBounds(trial, FRC).getWidth() > avail) {
          out.add(line.toString());
          line = new StringBuilder(word);
        } else {
          line = new StringBuilder(trial);
        }
      }
      out.add(line.toString());
    }
    return out;
  }

  /** The legend laid out in rows that fit the figure's width: each row a list of entry indices. */
  private List<List<Integer>> legendRows() {
    List<List<Integer>> rows = new ArrayList<>();
    int avail = (int) (0.95 * (width() - 2 * MARGIN));
    List<Integer> cur = new ArrayList<>();
    int used = 0;
    for (int i = 0; i < legend.size(); i++) {
      int w = entryWidth(legend.get(i));
      if (!cur.isEmpty() && used + w > avail) {
        rows.add(cur);
        cur = new ArrayList<>();
        used = 0;
      }
      cur.add(i);
      used += w + ENTRY_GAP;
    }
    if (!cur.isEmpty()) rows.add(cur);
    return rows;
  }

  private static int entryWidth(LegendEntry e) {
    return SAMPLE + 8 + (int) Math.ceil(LEGEND_FONT.getStringBounds(e.label(), FRC).getWidth());
  }

  private int legendHeight() {
    return legend.isEmpty() ? 0 : legendRows().size() * (lineHeight(LEGEND_FONT) + 8) + MARGIN;
  }

  @Override
  public int width() {
    return cols() * panelWidth() + 2 * MARGIN;
  }

  @Override
  public int height() {
    return headerHeight() + rows() * panelHeight() + legendHeight() + MARGIN / 2;
  }

  /** Antialiased drawing on a white page of the drawing's size, in black: how every figure's paint starts. */
  static void blankPage(Graphics2D g, int width, int height) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
  }

  @Override
  public void paint(Graphics2D g) {
    blankPage(g, width(), height());
    g.setFont(TITLE_FONT);
    int y = MARGIN + g.getFontMetrics().getAscent();
    g.drawString(title, MARGIN, y);
    y += g.getFontMetrics().getDescent();
    g.setFont(NOTE_FONT);
    g.setColor(new Color(0x333333));
    for (String n : noteLines()) {
      y += lineHeight(NOTE_FONT);
      g.drawString(n, MARGIN, y - g.getFontMetrics().getDescent());
    }
    int top = headerHeight();
    for (int i = 0; i < panels.size(); i++) {
      XYChart c = panels.get(i);
      Graphics2D pg = (Graphics2D) g.create();
      try {
        pg.translate(MARGIN + (i % cols()) * panelWidth(), top + (i / cols()) * panelHeight());
        pg.clipRect(0, 0, panelWidth(), panelHeight());
        c.paint(pg, panelWidth(), panelHeight());
      } finally {
        pg.dispose();
      }
    }
    paintLegend(g, top + rows() * panelHeight() + MARGIN / 2);
  }

  private void paintLegend(Graphics2D g, int top) {
    g.setFont(LEGEND_FONT);
    int h = lineHeight(LEGEND_FONT) + 8;
    int y = top;
    for (List<Integer> row : legendRows()) {
      int total = row.stream().mapToInt(i -> entryWidth(legend.get(i)) + ENTRY_GAP).sum() - ENTRY_GAP;
      int x = (width() - total) / 2;
      int mid = y + h / 2;
      for (int i : row) {
        LegendEntry e = legend.get(i);
        if (e.area()) {
          g.setColor(Palette.translucent(e.color(), 70));
          g.fillRect(x, mid - 8, SAMPLE, 16);
          g.setColor(e.color());
          g.setStroke(new BasicStroke(2f));
          g.drawRect(x, mid - 8, SAMPLE, 16);
        } else {
          if (e.band()) {
            g.setColor(Palette.translucent(e.color(), PanelCharts.BAND_ALPHA));
            g.fillRect(x, mid - 7, SAMPLE, 14);
          }
          g.setColor(e.color());
          g.setStroke(PanelCharts.stroke(e.dashed()));
          g.drawLine(x, mid, x + SAMPLE, mid);
        }
        g.setColor(Color.BLACK);
        g.drawString(e.label(), x + SAMPLE + 8, mid + g.getFontMetrics().getAscent() / 2 - 2);
        x += entryWidth(e) + ENTRY_GAP;
      }
      y += h;
    }
  }
}
