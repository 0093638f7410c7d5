package org.nasbowl.plots.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The house style of a panel and the series kinds the figures use: a mean line with a +-1 standard-error band
 * (a translucent polygon under the line), step histograms, and reference lines. Series names are the ids
 * (methods, surrogates, groups); a band is named {@code ID + BAND}.
 */
public final class PanelCharts {
  /** Suffix of the name of a line's band series. */
  public static final String BAND = " band";
  static final int BAND_ALPHA = 45;
  static final int PANEL_WIDTH = 560;
  static final int PANEL_HEIGHT = 420;
  static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  static final Font AXIS_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

  private PanelCharts() {}

  /** An empty panel in the house style, no legend (figures draw one legend for all panels). */
  public static XYChart panel(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
    XYChart c = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    XYStyler s = c.getStyler();
    s.setLegendVisible(false);
    s.setChartTitleFont(PANEL_TITLE_FONT);
    s.setChartTitleBoxVisible(false);
    s.setAxisTitleFont(AXIS_TITLE_FONT);
    s.setAxisTickLabelsFont(TICK_FONT);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderColor(new Color(0x888888));
    s.setPlotGridLinesColor(new Color(0xE4E4E4));
    s.setChartPadding(10);
    s.setPlotMargin(4);
    s.setAntiAlias(true);
    s.setMarkerSize(0);
    s.setToolTipsEnabled(false);
    s.setLocale(Locale.ROOT);
    s.setXAxisLogarithmic(logX);
    s.setYAxisLogarithmic(logY);
    return c;
  }

  static BasicStroke stroke(boolean dashed) {
    return dashed
        ? new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f)
        : new BasicStroke(2.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  /** A line in the id's palette style. */
  public static XYSeries line(XYChart c, String id, double[] x, double[] y) {
    Palette.Style st = Palette.style(id);
    XYSeries s = c.addSeries(id, x, y);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(st.color());
    s.setLineStyle(stroke(st.dashed()));
    return s;
  }

  /**
   * The band from lower[i] to upper[i] as one closed polygon (upper edge left to right, lower edge back), filled
   * with the id's colour, translucent, without outline.
   */
  public static XYSeries band(XYChart c, String id, double[] x, double[] lower, double[] upper) {
    int n = x.length;
    double[] px = new double[2 * n];
    double[] py = new double[2 * n];
    for (int i = 0; i < n; i++) {
      px[i] = x[i];
      py[i] = upper[i];
      px[2 * n - 1 - i] = x[i];
      py[2 * n - 1 - i] = lower[i];
    }
    XYSeries s = c.addSeries(id + BAND, px, py);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
    s.setMarker(SeriesMarkers.NONE);
    s.setFillColor(Palette.translucent(Palette.color(id), BAND_ALPHA));
    s.setLineColor(new Color(0, 0, 0, 0));
    s.setLineWidth(0f);
    s.setShowInLegend(false);
    return s;
  }

  /** A mean line with its +-1 s.e. band, values below {@code floor} drawn at the floor (log axes). */
  public static void meanWithBand(XYChart c, String id, double[] x, double[] mean, double[] se, double floor) {
    double[] m = new double[x.length];
    double[] lo = new double[x.length];
    double[] hi = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double e = Double.isNaN(se[i]) ? 0 : se[i];
      m[i] = Math.max(mean[i], floor);
      lo[i] = Math.max(mean[i] - e, floor);
      hi[i] = Math.max(mean[i] + e, floor);
    }
    band(c, id, x, lo, hi);
    line(c, id, x, m);
  }

  /**
   * A logarithmic y axis from the decade below the smallest value to a little above the largest, labelled at
   * decades only, with at least two labels (XChart's labels between decades overlap).
   */
  static void logTicksY(XYChart c) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (XYSeries s : c.getSeriesMap().values()) {
      for (double y : s.getYData()) {
        if (y > 0) {
          lo = Math.min(lo, y);
          hi = Math.max(hi, y);
        }
      }
    }
    c.getStyler().setYAxisLogarithmicDecadeOnly(true);
    c.getStyler().setYAxisDecimalPattern("0.##########");
    if (hi > 0) {
      double bottom = Math.floor(Math.log10(lo) + 1e-9);
      double top = hi * 1.15;
      if (Math.floor(Math.log10(top)) <= bottom) top = Math.pow(10, bottom + 1);
      c.getStyler().setYAxisMin(Math.pow(10, bottom));
      c.getStyler().setYAxisMax(top);
    }
  }

  /** v rounded up to a multiple of a fifth of its power of ten (160 -> 160, 37 -> 38, 101 -> 120). */
  static double roundUp(double v) {
    double step = Math.pow(10, Math.floor(Math.log10(v))) / 5;
    return Math.ceil(v / step - 1e-9) * step;
  }

  /** Name of the invisible series that fixes the x range of a linear axis; see {@link #frameX}. */
  public static final String FRAME = "frame";

  /**
   * Fixes a linear x axis to [lo, hi] with round ticks. XChart puts the ticks of an axis whose distinct data
   * values are equally spaced (queries 1, 2, 3, ...) on every k-th value (0, 11, 22, ...); an invisible first
   * series with the two ends breaks that spacing, so XChart's round-step ticks are used.
   */
  static void frameX(XYChart c, double lo, double hi, double y) {
    c.getStyler().setXAxisMin(lo);
    c.getStyler().setXAxisMax(hi);
    XYSeries s = c.addSeries(FRAME, new double[] {lo, hi}, new double[] {y, y});
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(new Color(0, 0, 0, 0));
    s.setShowInLegend(false);
  }
}
