package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code ablation_regret}: the NAS-BOWL ablation (results/ablation), one panel per benchmark, one column per
 * variant, the mean validation regret (percentage points) after 50, 100 and the last query as three markers with
 * +-1 standard error bars.
 */
public final class AblationFigure extends SingleInputFigure {
  public static final String NAME = "ablation_regret";
  public static final String FILE = "ablation/curves.csv";
  static final List<String> COLUMNS = List.of("benchmark", "method", "query", "runs", "mean_valid_regret",
      "se_valid_regret");
  /** The budgets shown (the last one is the final query when the runs are shorter). */
  static final List<Integer> QUERIES = List.of(50, 100, 160);

  /** One benchmark: per variant (in file order) the mean and s.e. at each shown query. */
  public record Panel(String benchmark, List<String> variants, Map<Integer, double[]> mean, Map<Integer, double[]> se,
      int runs) {}

  public AblationFigure() {
    super(NAME, FILE, (file, in, notes) -> build(read(file)));
  }

  /** The shown queries of every benchmark and variant; a variant's last query stands in for shorter runs. */
  public static List<Panel> read(Path file) throws IOException {
    ResultTable t = ResultTable.read(file, COLUMNS);
    Map<String, Map<String, Map<Integer, double[]>>> byBench = new LinkedHashMap<>();
    Map<String, Integer> runs = new LinkedHashMap<>();
    for (int r = 0; r < t.size(); r++) {
      int q = t.count(r, "query");
      double m = t.requiredNumber(r, "mean_valid_regret");
      double s = t.number(r, "se_valid_regret");
      byBench.computeIfAbsent(t.text(r, "benchmark"), k -> new LinkedHashMap<>())
          .computeIfAbsent(t.text(r, "method"), k -> new LinkedHashMap<>()).put(q, new double[] {m, s});
      runs.merge(t.text(r, "benchmark"), t.count(r, "runs"), Math::max);
    }
    if (byBench.isEmpty()) throw new CsvFormatException(file, 1, null, "no rows");
    List<Panel> out = new ArrayList<>();
    for (String b : Palette.orderBenchmarks(byBench.keySet())) {
      Map<String, Map<Integer, double[]>> variants = byBench.get(b);
      List<String> names = new ArrayList<>(variants.keySet());
      Map<Integer, double[]> mean = new LinkedHashMap<>();
      Map<Integer, double[]> se = new LinkedHashMap<>();
      for (int q : QUERIES) {
        double[] mu = new double[names.size()];
        double[] e = new double[names.size()];
        for (int v = 0; v < names.size(); v++) {
          Map<Integer, double[]> curve = variants.get(names.get(v));
          int last = curve.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
          double[] at = curve.get(Math.min(q, last));
          if (at == null) throw new CsvFormatException(file, 1, "query", b + " " + names.get(v) + " has no query " + q);
          mu[v] = 100 * at[0];
          e[v] = Double.isNaN(at[1]) ? 0 : 100 * at[1];
        }
        mean.put(q, mu);
        se.put(q, e);
      }
      out.add(new Panel(b, names, mean, se, runs.get(b)));
    }
    return out;
  }

  /** The short label of a variant: its settings without the base name, or the id itself. */
  static String label(String variant) {
    int open = variant.indexOf('[');
    if (open < 0) return variant;
    return variant.substring(open + 1, variant.length() - 1).replace(';', ' ');
  }

  public static PanelFigure build(List<Panel> panels) {
    List<XYChart> charts = new ArrayList<>();
    for (Panel p : panels) {
      int n = p.variants().size();
      XYChart c = PanelCharts.panel(p.benchmark(), "", "validation regret (pp)", false, false);
      c.getStyler().setXAxisMin(-0.6);
      c.getStyler().setXAxisMax(n - 0.4);
      c.getStyler().setYAxisMin(0.0);
      c.getStyler().setXAxisLabelRotation(90);
      c.getStyler().setXAxisTickMarkSpacingHint(Math.max(4, c.getWidth() / (n + 2)));
      c.setCustomXAxisTickLabelsFormatter(x -> {
        long i = Math.round(x);
        return Math.abs(x - i) < 1e-6 && i >= 0 && i < n ? label(p.variants().get((int) i)) : " ";
      });
      for (int k = 0; k < QUERIES.size(); k++) {
        int q = QUERIES.get(k);
        double[] x = new double[n];
        for (int v = 0; v < n; v++) x[v] = v + (k - 1) * 0.22;
        String id = seriesId(q);
        XYSeries s = c.addSeries(id, x, p.mean().get(q), p.se().get(q));
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(Palette.color(id));
        s.setLineColor(Palette.color(id));
      }
      c.getStyler().setMarkerSize(8);
      c.getStyler().setErrorBarsColorSeriesColor(true);
      charts.add(c);
    }
    List<PanelFigure.LegendEntry> legend = new ArrayList<>();
    for (int q : QUERIES) legend.add(PanelFigure.LegendEntry.line(seriesId(q), false));
    int runs = panels.stream().mapToInt(Panel::runs).max().orElse(0);
    return new PanelFigure("NAS-BOWL ablation: validation regret after 50, 100 and 160 queries per setting",
        List.of("Markers: mean over " + runs + " seeds; bars: +-1 standard error. Each column changes the settings "
            + "it names from the default (nasbowl-m); nasbowl-r and nasbowl-x change the candidate pool."),
        charts, 2, legend);
  }

  static String seriesId(int query) {
    return "after-" + query;
  }
}
