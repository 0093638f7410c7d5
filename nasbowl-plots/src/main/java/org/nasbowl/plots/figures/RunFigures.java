package org.nasbowl.plots.figures;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures of one run (a search of the user's own objective, a study, or a benchmark trace), drawn from its
 * evaluations alone: {@link #progress} (every evaluation and the best so far, against the number of evaluations
 * and against wall time, failures marked) and {@link #timeline} (who evaluated what when).
 */
public final class RunFigures {
  private RunFigures() {}

  /** Series ids (and their legend labels). */
  static final String EVALUATION = "evaluation";
  static final String FAILURE = "failed evaluation";
  static final String BEST = "best so far";
  static final Color OK_COLOR = new Color(0x1F77B4);
  static final Color FAILED_COLOR = new Color(0xD62728);
  static final Color BEST_COLOR = new Color(0x2CA02C);

  /**
   * One evaluation, in the order the results arrived.
   *
   * @param valid its validation accuracy, NaN when it failed
   * @param start seconds from the run's start to the evaluation's start, NaN if unknown
   * @param end seconds from the run's start to its end, NaN if unknown
   * @param lane who ran it (worker, slot)
   */
  public record Point(int id, double valid, boolean ok, double start, double end, String lane) {}

  /** Validation accuracy of every evaluation and the best so far, against evaluations and (when known) wall time. */
  public static PanelFigure progress(String title, List<Point> points) {
    if (points.isEmpty()) throw new IllegalArgumentException("a run with no finished evaluation has nothing to plot");
    List<XYChart> panels = new ArrayList<>();
    panels.add(progressPanel("by evaluation", "evaluations (in the order results arrived)", points, false));
    boolean timed = points.stream().allMatch(p -> !Double.isNaN(p.end()));
    if (timed) panels.add(progressPanel("by wall time", "wall time since the start (minutes)", points, true));
    long failed = points.stream().filter(p -> !p.ok()).count();
    List<String> notes = new ArrayList<>();
    notes.add(String.format(Locale.ROOT, "%d evaluations, %d failed (red crosses, drawn at the bottom of the axis: "
        + "they have no accuracy); the line is the best validation accuracy so far.", points.size(), failed));
    if (!timed) notes.add("The run has no time stamps, so only the panel by evaluation is drawn.");
    List<PanelFigure.LegendEntry> legend = List.of(
        new PanelFigure.LegendEntry(EVALUATION, OK_COLOR, false, false, false),
        new PanelFigure.LegendEntry(FAILURE, FAILED_COLOR, false, false, false),
        new PanelFigure.LegendEntry(BEST, BEST_COLOR, false, false, false));
    return new PanelFigure(title, notes, panels, 2, legend);
  }

  private static XYChart progressPanel(String name, String xTitle, List<Point> points, boolean byTime) {
    XYChart c = PanelCharts.panel(name, xTitle, "validation accuracy", false, false);
    double lo = points.stream().filter(Point::ok).mapToDouble(Point::valid).min().orElse(0);
    double hi = points.stream().filter(Point::ok).mapToDouble(Point::valid).max().orElse(1);
    double pad = Math.max(1e-3, 0.05 * (hi - lo));
    double floor = lo - pad;
    List<double[]> ok = new ArrayList<>();
    List<double[]> bad = new ArrayList<>();
    List<double[]> best = new ArrayList<>();
    double bestSoFar = Double.NaN;
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double x = byTime ? p.end() / 60.0 : i + 1;
      if (p.ok()) {
        ok.add(new double[] {x, p.valid()});
        if (Double.isNaN(bestSoFar) || p.valid() > bestSoFar) bestSoFar = p.valid();
      } else {
        bad.add(new double[] {x, floor});
      }
      if (!Double.isNaN(bestSoFar)) best.add(new double[] {x, bestSoFar});
    }
    c.getStyler().setYAxisMin(floor - pad);
    c.getStyler().setYAxisMax(hi + pad);
    c.getStyler().setMarkerSize(8);
    scatter(c, EVALUATION, ok, OK_COLOR, SeriesMarkers.CIRCLE);
    scatter(c, FAILURE, bad, FAILED_COLOR, SeriesMarkers.CROSS);
    if (!best.isEmpty()) {
      XYSeries s = c.addSeries(BEST, column(best, 0), column(best, 1));
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Step);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(BEST_COLOR);
      s.setLineStyle(PanelCharts.stroke(false));
    }
    return c;
  }

  private static void scatter(XYChart c, String id, List<double[]> xy, Color color,
      org.knowm.xchart.style.markers.Marker marker) {
    if (xy.isEmpty()) return;
    XYSeries s = c.addSeries(id, column(xy, 0), column(xy, 1));
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    s.setMarker(marker);
    s.setMarkerColor(color);
  }

  /**
   * Who evaluated what when: one row per worker (or parallel slot), one bar per evaluation from its start to its
   * end, blue when it succeeded and red when it failed.
   */
  public static PanelFigure timeline(String title, List<Point> points) {
    List<Point> timed = points.stream().filter(p -> !Double.isNaN(p.start()) && !Double.isNaN(p.end())).toList();
    if (timed.isEmpty()) throw new IllegalArgumentException("the run has no start and end times to draw a timeline from");
    Map<String, Integer> lanes = new LinkedHashMap<>();
    for (Point p : timed.stream().sorted(java.util.Comparator.comparingDouble(Point::start)).toList()) {
      lanes.putIfAbsent(p.lane() == null ? "?" : p.lane(), lanes.size() + 1);
    }
    XYChart c = PanelCharts.panel("evaluations by worker", "wall time since the start (minutes)", "worker", false, false);
    c.getStyler().setYAxisMin(0.4);
    c.getStyler().setYAxisMax(lanes.size() + 0.75);
    // Lane names are drawn as text above each row (XChart's tick labels fall between the rows).
    c.getStyler().setYAxisTicksVisible(false);
    c.getStyler().setAnnotationTextFont(PanelCharts.TICK_FONT);
    c.getStyler().setAnnotationTextFontColor(java.awt.Color.DARK_GRAY);
    double left = timed.stream().mapToDouble(p -> p.start() / 60.0).min().orElse(0);
    double right = timed.stream().mapToDouble(p -> p.end() / 60.0).max().orElse(1);
    for (Map.Entry<String, Integer> lane : lanes.entrySet()) {
      String label = shorten(lane.getKey());
      c.addAnnotation(new org.knowm.xchart.AnnotationText(label, left + (right - left) * (0.02 + 0.006 * label.length()),
          lane.getValue() + 0.3, false));
    }
    int n = 0;
    for (Point p : timed) {
      double lane = lanes.get(p.lane() == null ? "?" : p.lane());
      XYSeries s = c.addSeries("e" + (n++), new double[] {p.start() / 60.0, p.end() / 60.0}, new double[] {lane, lane});
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(p.ok() ? OK_COLOR : FAILED_COLOR);
      s.setLineStyle(new java.awt.BasicStroke(Math.max(4f, Math.min(18f, 160f / lanes.size())),
          java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER));
      s.setShowInLegend(false);
    }
    List<PanelFigure.LegendEntry> legend = List.of(
        new PanelFigure.LegendEntry("succeeded", OK_COLOR, false, false, true),
        new PanelFigure.LegendEntry("failed", FAILED_COLOR, false, false, true));
    return new PanelFigure(title, List.of(String.format(Locale.ROOT, "%d evaluations on %d worker(s); a bar runs "
        + "from an evaluation's start to its end.", timed.size(), lanes.size())), List.of(c), 1, legend);
  }

  /** A worker id fits the axis: host-pid-suffix ids keep their end. */
  static String shorten(String lane) {
    return lane.length() <= 18 ? lane : "..." + lane.substring(lane.length() - 15);
  }

  private static double[] column(List<double[]> xy, int k) {
    double[] out = new double[xy.size()];
    for (int i = 0; i < out.length; i++) out[i] = xy.get(i)[k];
    return out;
  }
}
