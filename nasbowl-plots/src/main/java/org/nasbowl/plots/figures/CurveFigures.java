package org.nasbowl.plots.figures;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/** Figures of one panel per benchmark with one mean line (and +-1 s.e. band where known) per series. */
final class CurveFigures {
  private CurveFigures() {}

  /** The axes of every panel. {@code floor} > 0 clips values below it (log y axis); 0 for none. */
  record Axes(String xTitle, String yTitle, boolean logX, boolean logY, double floor) {}

  static XYChart panel(Curves.Panel p, Axes a) {
    XYChart c = PanelCharts.panel(p.name(), a.xTitle(), a.yTitle(), a.logX(), a.logY());
    if (a.logX()) c.getStyler().setXAxisLogarithmicDecadeOnly(true);
    double floor = a.logY() ? a.floor() : Double.NEGATIVE_INFINITY;
    if (!a.logX()) {
      List<Curves.Curve> drawn = p.curves().stream().filter(k -> k.size() > 0).toList();
      double maxX = drawn.stream().mapToDouble(k -> k.x()[k.size() - 1]).max().orElse(1);
      double y = drawn.isEmpty() ? 1 : Math.max(drawn.get(0).mean()[0], floor);
      PanelCharts.frameX(c, 0, PanelCharts.roundUp(maxX), y);
    }
    // Drawn in reverse legend order, so that NAS-BOWL (first in the legend) lies on top.
    for (Curves.Curve k : reversed(p.curves())) {
      if (k.size() == 0) continue;
      boolean hasSe = java.util.Arrays.stream(k.se()).anyMatch(v -> !Double.isNaN(v));
      if (hasSe) {
        PanelCharts.meanWithBand(c, k.series(), k.x(), k.mean(), k.se(), floor);
      } else {
        double[] y = k.mean().clone();
        for (int i = 0; i < y.length; i++) y[i] = Math.max(y[i], floor);
        PanelCharts.line(c, k.series(), k.x(), y);
      }
    }
    if (a.logY()) PanelCharts.logTicksY(c);
    return c;
  }

  private static <T> List<T> reversed(List<T> xs) {
    List<T> r = new ArrayList<>(xs);
    java.util.Collections.reverse(r);
    return r;
  }

  static PanelFigure figure(String title, List<String> notes, List<Curves.Panel> panels, Axes axes, int columns,
      List<PanelFigure.LegendEntry> extraLegend) {
    List<XYChart> charts = new ArrayList<>();
    for (Curves.Panel p : panels) charts.add(panel(p, axes));
    List<PanelFigure.LegendEntry> legend = new ArrayList<>();
    for (String id : Curves.seriesIds(panels)) {
      boolean band = panels.stream().flatMap(p -> p.curves().stream()).filter(k -> k.series().equals(id))
          .anyMatch(k -> java.util.Arrays.stream(k.se()).anyMatch(v -> !Double.isNaN(v)));
      legend.add(PanelFigure.LegendEntry.line(id, band));
    }
    legend.addAll(extraLegend);
    return new PanelFigure(title, notes, charts, columns, legend);
  }
}
