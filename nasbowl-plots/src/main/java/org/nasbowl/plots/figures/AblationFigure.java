package org.nasbowl.plots.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ablation_regret}: the NAS-BOWL ablation (results/ablation) as one labelled ranking. One row per variant,
 * named on the left, sorted by the selection rule's criterion (the mean validation regret over the four tables
 * and the budgets 50, 100 and 160 queries, on the selection seeds); dots for the four-table mean after 50, 100 and
 * 160 queries, a black bar for the criterion, a hollow ring for the criterion on the confirmation seeds
 * ({@code ablation/confirm/curves.csv}, when present); the default ({@code nasbowl-m}) highlighted.
 */
public final class AblationFigure extends SingleInputFigure {
  public static final String NAME = "ablation_regret";
  public static final String FILE = "ablation/curves.csv";
  /** The confirmation seeds' curves, beside the selection's. */
  static final String CONFIRM = "confirm/curves.csv";
  static final List<String> COLUMNS = List.of("benchmark", "method", "query", "runs", "mean_valid_regret",
      "se_valid_regret");
  /** The budgets of the criterion (the last one is the final query when the runs are shorter). */
  static final List<Integer> QUERIES = List.of(50, 100, 160);
  /** The default variant, highlighted. */
  static final String DEFAULT = "nasbowl-m";

  /**
   * One variant: the mean over the tables of its validation regret (percentage points) at each budget, the
   * criterion (their mean), the criterion on the confirmation seeds (NaN without them), and the number of tables.
   */
  public record Row(String variant, double[] atQuery, double criterion, double confirmation, int tables) {}

  public AblationFigure() {
    super(NAME, FILE, (file, in, notes) -> {
      Path confirm = file.resolveSibling(CONFIRM);
      Map<String, Double> c = Map.of();
      if (Files.isRegularFile(confirm)) {
        c = new LinkedHashMap<>();
        for (Row r : read(confirm)) c.put(r.variant(), r.criterion());
      } else {
        notes.accept("no " + confirm + ": the confirmation seeds are left out");
      }
      return build(read(file), c, runs(file));
    });
  }

  /** The rows of one curves file, best (lowest criterion) first. */
  public static List<Row> read(Path file) throws IOException {
    ResultTable t = ResultTable.read(file, COLUMNS);
    Map<String, Map<String, Map<Integer, Double>>> byVariant = new LinkedHashMap<>();
    for (int r = 0; r < t.size(); r++) {
      byVariant.computeIfAbsent(t.text(r, "method"), k -> new LinkedHashMap<>())
          .computeIfAbsent(t.text(r, "benchmark"), k -> new LinkedHashMap<>())
          .put(t.count(r, "query"), t.requiredNumber(r, "mean_valid_regret"));
    }
    if (byVariant.isEmpty()) throw new CsvFormatException(file, 1, null, "no rows");
    List<Row> out = new ArrayList<>();
    for (var v : byVariant.entrySet()) {
      double[] at = new double[QUERIES.size()];
      for (var curve : v.getValue().values()) {
        int last = curve.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (int k = 0; k < QUERIES.size(); k++) {
          Double y = curve.get(Math.min(QUERIES.get(k), last));
          if (y == null) throw new CsvFormatException(file, 1, "query", v.getKey() + " has no query " + QUERIES.get(k));
          at[k] += 100 * y / v.getValue().size();
        }
      }
      double crit = 0;
      for (double a : at) crit += a / at.length;
      out.add(new Row(v.getKey(), at, crit, Double.NaN, v.getValue().size()));
    }
    out.sort(Comparator.comparingDouble(Row::criterion));
    return out;
  }

  private static int runs(Path file) throws IOException {
    ResultTable t = ResultTable.read(file, COLUMNS);
    int runs = 0;
    for (int r = 0; r < t.size(); r++) runs = Math.max(runs, t.count(r, "runs"));
    return runs;
  }

  /** The ranking; {@code confirmation} maps variants to their criterion on the confirmation seeds. */
  public static Ranking build(List<Row> rows, Map<String, Double> confirmation, int runs) {
    List<Row> withConfirmation = new ArrayList<>();
    for (Row r : rows) {
      withConfirmation.add(new Row(r.variant(), r.atQuery(), r.criterion(),
          confirmation.getOrDefault(r.variant(), Double.NaN), r.tables()));
    }
    return new Ranking(withConfirmation, runs);
  }

  static String seriesId(int query) {
    return "after-" + query;
  }

  /** The drawing: names on the left, the dots on a common regret axis on the right. */
  public static final class Ranking implements Drawing {
    static final Font TITLE = PanelFigure.TITLE_FONT;
    static final Font NOTE = PanelFigure.NOTE_FONT;
    static final Font NAME_FONT = new Font(Font.MONOSPACED, Font.PLAIN, 14);
    static final Font NAME_BOLD = NAME_FONT.deriveFont(Font.BOLD);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final int ROW = 24;
    static final int MARGIN = 18;
    static final int PLOT_WIDTH = 560;
    static final Color HIGHLIGHT = new Color(0xFFF2B3);

    private final List<Row> rows;
    private final int runs;
    private final int labelWidth;
    private final double xMax;

    Ranking(List<Row> rows, int runs) {
      if (rows.isEmpty()) throw new IllegalArgumentException("an ablation with no variant");
      this.rows = List.copyOf(rows);
      this.runs = runs;
      FontMetrics fm = metrics(NAME_BOLD);
      this.labelWidth = rows.stream().mapToInt(r -> fm.stringWidth(r.variant())).max().orElse(100) + 12;
      double max = 0;
      for (Row r : rows) {
        for (double a : r.atQuery()) max = Math.max(max, a);
        if (!Double.isNaN(r.confirmation())) max = Math.max(max, r.confirmation());
      }
      this.xMax = niceCeiling(max);
    }

    public List<Row> rows() {
      return rows;
    }

    private static FontMetrics metrics(Font f) {
      Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
      try {
        return g.getFontMetrics(f);
      } finally {
        g.dispose();
      }
    }

    static double niceCeiling(double v) {
      double step = tickStep(v);
      return Math.max(step, Math.ceil(v / step) * step);
    }

    static double tickStep(double v) {
      double raw = Math.max(v, 1e-9) / 5;
      double p = Math.pow(10, Math.floor(Math.log10(raw)));
      for (double m : new double[] {1, 2, 2.5, 5, 10}) if (m * p >= raw) return m * p;
      return 10 * p;
    }

    private int header() {
      return MARGIN + 28 + 2 * 20 + 12;
    }

    private int plotLeft() {
      return MARGIN + labelWidth;
    }

    @Override
    public int width() {
      return plotLeft() + PLOT_WIDTH + MARGIN;
    }

    @Override
    public int height() {
      return header() + rows.size() * ROW + 60 + 36 + MARGIN;
    }

    private double x(double v) {
      return plotLeft() + PLOT_WIDTH * v / xMax;
    }

    @Override
    public void paint(Graphics2D g) {
      PanelFigure.blankPage(g, width(), height());
      g.setFont(TITLE);
      g.drawString("NAS-BOWL ablation: mean validation regret over four tables, best first", MARGIN, MARGIN + 20);
      g.setFont(NOTE);
      g.setColor(Color.DARK_GRAY);
      g.drawString(String.format(Locale.ROOT, "Dots: the mean over nb201-cifar10, -cifar100, -imagenet16 and nb101-run0 "
          + "after 50, 100 and 160 queries (%d seeds each).", runs), MARGIN, MARGIN + 46);
      g.drawString("Black bar: their mean, the selection rule's criterion (rows sorted by it); ring: the same on the "
          + "confirmation seeds. Highlighted: the default.", MARGIN, MARGIN + 66);
      int top = header();
      int bottom = top + rows.size() * ROW;
      // Vertical grid and the x axis.
      double step = tickStep(xMax);
      g.setFont(TICK);
      FontMetrics tm = g.getFontMetrics();
      for (double v = 0; v <= xMax + 1e-9; v += step) {
        double xv = x(v);
        g.setColor(new Color(0xE4E4E4));
        g.draw(new Line2D.Double(xv, top, xv, bottom));
        g.setColor(Color.BLACK);
        String label = String.format(Locale.ROOT, step < 0.1 ? "%.2f" : "%.1f", v);
        g.drawString(label, (float) (xv - tm.stringWidth(label) / 2.0), bottom + 18);
      }
      g.setColor(new Color(0x888888));
      g.draw(new Rectangle2D.Double(plotLeft(), top, PLOT_WIDTH, bottom - top));
      g.setColor(Color.BLACK);
      String axis = "validation regret (percentage points, mean over the four tables)";
      g.drawString(axis, (float) (plotLeft() + (PLOT_WIDTH - tm.stringWidth(axis)) / 2.0), bottom + 38);
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        int y0 = top + i * ROW;
        double yc = y0 + ROW / 2.0;
        boolean highlight = r.variant().equals(DEFAULT);
        if (highlight) {
          g.setColor(HIGHLIGHT);
          g.fillRect(MARGIN, y0, labelWidth + PLOT_WIDTH, ROW);
        } else if (i % 2 == 1) {
          g.setColor(new Color(0xF7F7F7));
          g.fillRect(MARGIN, y0, labelWidth + PLOT_WIDTH, ROW);
        }
        g.setFont(highlight ? NAME_BOLD : NAME_FONT);
        g.setColor(Color.BLACK);
        FontMetrics nm = g.getFontMetrics();
        g.drawString(r.variant(), plotLeft() - 8 - nm.stringWidth(r.variant()), (float) (yc + nm.getAscent() / 2.0 - 2));
        // The criterion as a bar, the budgets as dots, the confirmation as a ring.
        g.setStroke(new BasicStroke(3f));
        g.draw(new Line2D.Double(x(r.criterion()), yc - 8, x(r.criterion()), yc + 8));
        for (int k = 0; k < QUERIES.size(); k++) {
          g.setColor(Palette.color(seriesId(QUERIES.get(k))));
          g.fill(new Ellipse2D.Double(x(r.atQuery()[k]) - 5, yc - 5, 10, 10));
        }
        if (!Double.isNaN(r.confirmation())) {
          g.setColor(Color.BLACK);
          g.setStroke(new BasicStroke(1.6f));
          g.draw(new Ellipse2D.Double(x(r.confirmation()) - 6, yc - 6, 12, 12));
        }
        g.setStroke(new BasicStroke(1f));
      }
      // Legend.
      int ly = bottom + 62;
      int lx = Math.max(MARGIN, plotLeft() - 200);
      g.setFont(NOTE);
      FontMetrics lm = g.getFontMetrics();
      for (int q : QUERIES) {
        g.setColor(Palette.color(seriesId(q)));
        g.fill(new Ellipse2D.Double(lx, ly - 10, 10, 10));
        g.setColor(Color.BLACK);
        String s = Palette.style(seriesId(q)).label();
        g.drawString(s, lx + 16, ly);
        lx += 16 + lm.stringWidth(s) + 24;
      }
      g.setStroke(new BasicStroke(3f));
      g.draw(new Line2D.Double(lx + 5, ly - 13, lx + 5, ly + 1));
      g.setStroke(new BasicStroke(1f));
      g.drawString("criterion", lx + 16, ly);
      lx += 16 + lm.stringWidth("criterion") + 24;
      g.setStroke(new BasicStroke(1.6f));
      g.draw(new Ellipse2D.Double(lx, ly - 11, 12, 12));
      g.setStroke(new BasicStroke(1f));
      g.drawString("confirmation seeds", lx + 18, ly);
    }
  }
}
