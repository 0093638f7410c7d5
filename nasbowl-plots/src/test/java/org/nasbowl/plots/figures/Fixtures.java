package org.nasbowl.plots.figures;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The committed result-file fixtures under src/test/resources and small chart accessors. */
final class Fixtures {
  private Fixtures() {}

  static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource " + name + " missing", e);
    }
  }

  static Path results() {
    return resource("results");
  }

  static Path golden() {
    return resource("golden");
  }

  static XYChart panel(PanelFigure f, String title) {
    return f.panels().stream().filter(c -> c.getTitle().equals(title)).findFirst()
        .orElseThrow(() -> new AssertionError("no panel " + title));
  }

  static List<String> seriesNames(XYChart c) {
    return List.copyOf(c.getSeriesMap().keySet());
  }

  static XYSeries series(XYChart c, String name) {
    XYSeries s = c.getSeriesMap().get(name);
    if (s == null) throw new AssertionError("no series " + name + " in " + c.getSeriesMap().keySet());
    return s;
  }

  /** The band's upper edge at x (the polygon runs along the upper edge first). */
  static double bandUpper(XYChart c, String id, double x) {
    XYSeries b = series(c, id + PanelCharts.BAND);
    double[] xs = b.getXData();
    for (int i = 0; i < xs.length / 2; i++) if (xs[i] == x) return b.getYData()[i];
    throw new AssertionError("no band point at " + x);
  }

  /** The band's lower edge at x (the second half of the polygon, right to left). */
  static double bandLower(XYChart c, String id, double x) {
    XYSeries b = series(c, id + PanelCharts.BAND);
    double[] xs = b.getXData();
    for (int i = xs.length / 2; i < xs.length; i++) if (xs[i] == x) return b.getYData()[i];
    throw new AssertionError("no band point at " + x);
  }
}
