package org.nasbowl.plots.figures;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code interpret_validation}: accuracy distributions of architectures containing the good motifs, of all
 * architectures and of those containing the bad motifs, one panel per benchmark, as empirical cumulative
 * distributions (which separate shifts of a few tenths of a point that overlaid histograms hide), each group's
 * median marked, and in each panel's title the number of seeds in which the medians are ordered good > all > bad
 * (from {@code interpret/summary.csv}, when present).
 */
public final class InterpretFigure extends SingleInputFigure {
  public static final String NAME = "interpret_validation";
  public static final String FILE = "interpret/histograms.csv";
  static final List<String> COLUMNS = List.of("benchmark", "group", "bin_low", "bin_high", "density");
  static final int FILL_ALPHA = 60;

  /** One bin of a histogram. */
  public record Bin(double low, double high, double density) {}

  /** One panel: per group, its bins sorted by their lower edge. */
  public record Histograms(String benchmark, Map<String, List<Bin>> groups) {}

  /** The summary beside the histograms: per benchmark, the seeds whose medians are ordered. */
  static final String SUMMARY = "summary.csv";

  /** Seeds in which the medians are ordered good > all > bad, of how many. */
  public record Ordered(int ordered, int seeds) {}

  public InterpretFigure() {
    super(NAME, FILE, (file, in, notes) -> {
      Path summary = file.resolveSibling(SUMMARY);
      Map<String, Ordered> ordered = Map.of();
      if (java.nio.file.Files.isRegularFile(summary)) ordered = ordered(summary);
      else notes.accept("no " + summary + ": the ordered-seed counts are left out");
      return build(read(file), ordered);
    });
  }

  /**
   * Per benchmark, from the summary's first row where the motifs were learnt and evaluated on it with the average
   * gradient (the histograms' setting): the seeds with ordered medians.
   */
  public static Map<String, Ordered> ordered(Path summary) throws IOException {
    ResultTable t = ResultTable.read(summary, List.of("learned_on", "evaluated_on", "variant", "seeds", "fraction_ordered"));
    Map<String, Ordered> out = new LinkedHashMap<>();
    for (int r = 0; r < t.size(); r++) {
      String b = t.text(r, "learned_on");
      if (!b.equals(t.text(r, "evaluated_on")) || !t.text(r, "variant").equals("ag") || out.containsKey(b)) continue;
      int seeds = t.count(r, "seeds");
      out.put(b, new Ordered((int) Math.round(t.requiredNumber(r, "fraction_ordered") * seeds), seeds));
    }
    return out;
  }

  /**
   * The empirical CDF of a histogram as a polyline {x, F(x)}: 0 at the first edge, rising linearly across each
   * bin, flat across a gap between bins.
   */
  public static double[][] cdf(List<Bin> bins) {
    double total = 0;
    for (Bin b : bins) total += b.density() * (b.high() - b.low());
    List<double[]> pts = new ArrayList<>();
    double acc = 0;
    for (Bin b : bins) {
      if (pts.isEmpty() || pts.get(pts.size() - 1)[0] != b.low()) pts.add(new double[] {b.low(), total > 0 ? acc / total : 0});
      acc += b.density() * (b.high() - b.low());
      pts.add(new double[] {b.high(), total > 0 ? acc / total : 0});
    }
    return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()};
  }

  /** Where the CDF reaches {@code p} (linear within the bin), NaN for an empty group. */
  public static double quantile(List<Bin> bins, double p) {
    double[][] c = cdf(bins);
    for (int i = 1; i < c[0].length; i++) {
      if (c[1][i] >= p && c[1][i] > c[1][i - 1]) {
        return c[0][i - 1] + (p - c[1][i - 1]) / (c[1][i] - c[1][i - 1]) * (c[0][i] - c[0][i - 1]);
      }
    }
    return Double.NaN;
  }

  public static List<Histograms> read(Path file) throws IOException {
    ResultTable t = ResultTable.read(file, COLUMNS);
    Map<String, Map<String, List<Bin>>> data = new LinkedHashMap<>();
    for (int r = 0; r < t.size(); r++) {
      String b = t.text(r, "benchmark");
      String g = t.text(r, "group");
      double lo = t.requiredNumber(r, "bin_low");
      double hi = t.requiredNumber(r, "bin_high");
      double d = t.requiredNumber(r, "density");
      if (!(hi > lo)) throw t.error(r, "bin_high", "must exceed bin_low (" + lo + "), got " + hi);
      if (d < 0) throw t.error(r, "density", "negative density " + d);
      List<Bin> bins = data.computeIfAbsent(b, k -> new LinkedHashMap<>()).computeIfAbsent(g, k -> new ArrayList<>());
      for (Bin o : bins) {
        if (lo < o.high() && o.low() < hi) {
          throw t.error(r, "bin_low", "bin [" + lo + ", " + hi + ") overlaps [" + o.low() + ", " + o.high() + ")");
        }
      }
      bins.add(new Bin(lo, hi, d));
    }
    List<Histograms> out = new ArrayList<>();
    for (String b : Palette.orderBenchmarks(data.keySet())) {
      Map<String, List<Bin>> groups = new LinkedHashMap<>();
      Map<String, List<Bin>> raw = data.get(b);
      for (String g : Palette.order(raw.keySet())) {
        List<Bin> bins = new ArrayList<>(raw.get(g));
        bins.sort(Comparator.comparingDouble(Bin::low));
        groups.put(g, List.copyOf(bins));
      }
      out.add(new Histograms(b, groups));
    }
    return out;
  }

  /**
   * The outline of a histogram as a polyline {x, y}: up at each bin's lower edge, across at its density, down to
   * 0 where the next bin does not start at this one's upper edge.
   */
  public static double[][] steps(List<Bin> bins) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < bins.size(); i++) {
      Bin b = bins.get(i);
      if (i == 0 || bins.get(i - 1).high() != b.low()) pts.add(new double[] {b.low(), 0});
      pts.add(new double[] {b.low(), b.density()});
      pts.add(new double[] {b.high(), b.density()});
      if (i == bins.size() - 1 || bins.get(i + 1).low() != b.high()) pts.add(new double[] {b.high(), 0});
    }
    return new double[][] {pts.stream().mapToDouble(p -> p[0]).toArray(), pts.stream().mapToDouble(p -> p[1]).toArray()};
  }

  /** "fraction" when every bin edge is within [0, 1], else "%". */
  static String unit(List<Histograms> hs) {
    boolean fraction = hs.stream().flatMap(h -> h.groups().values().stream()).flatMap(List::stream)
        .allMatch(b -> b.low() >= 0 && b.high() <= 1);
    return fraction ? "fraction" : "%";
  }

  public static PanelFigure build(List<Histograms> hs) {
    return build(hs, Map.of());
  }

  public static PanelFigure build(List<Histograms> hs, Map<String, Ordered> ordered) {
    if (hs.isEmpty()) throw new IllegalArgumentException(FILE + " has no rows");
    String unit = unit(hs);
    List<XYChart> charts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Histograms h : hs) {
      Ordered o = ordered.get(h.benchmark());
      String title = h.benchmark() + (o == null ? "" : String.format(java.util.Locale.ROOT,
          " (ordered in %d/%d)", o.ordered(), o.seeds()));
      XYChart c = PanelCharts.panel(title, "accuracy (" + unit + ")", "share of architectures at or below",
          false, false);
      c.getStyler().setYAxisMin(0.0);
      c.getStyler().setYAxisMax(1.0);
      // The bulk of the distributions: from the lowest group's 5th percentile to the top (the tail of broken
      // cells at 10% accuracy would squeeze the rest into a corner).
      double lo = h.groups().values().stream().filter(g -> !g.isEmpty()).mapToDouble(g -> quantile(g, 0.05))
          .filter(v -> !Double.isNaN(v)).min().orElse(0);
      double hi = h.groups().values().stream().flatMap(List::stream).mapToDouble(Bin::high).max().orElse(1);
      PanelCharts.frameX(c, lo, hi, 0);
      c.getStyler().setXAxisMin(lo);
      c.getStyler().setMarkerSize(9);
      for (var e : h.groups().entrySet()) {
        if (e.getValue().isEmpty()) continue;
        double[][] xy = cdf(e.getValue());
        Color color = Palette.color(e.getKey());
        XYSeries s = c.addSeries(e.getKey(), xy[0], xy[1]);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(PanelCharts.stroke(false));
        double median = quantile(e.getValue(), 0.5);
        XYSeries m = c.addSeries(e.getKey() + " median", new double[] {median}, new double[] {0.5});
        m.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        m.setMarker(SeriesMarkers.DIAMOND);
        m.setMarkerColor(color);
        ids.add(e.getKey());
      }
      charts.add(c);
    }
    List<PanelFigure.LegendEntry> legend = new ArrayList<>();
    for (String id : Palette.order(ids)) legend.add(PanelFigure.LegendEntry.line(id, false));
    List<String> notes = new ArrayList<>();
    notes.add("Cumulative distributions (pooled over the seeds): a curve further right is better; diamonds mark each "
        + "group's median; the x axis starts at the 5th percentile. Each title counts the seeds whose medians are "
        + "ordered good > all > bad.");
    List<String> counts = new ArrayList<>();
    for (Histograms h : hs) {
      Ordered o = ordered.get(h.benchmark());
      if (o != null) counts.add(h.benchmark() + " " + o.ordered() + " of " + o.seeds());
    }
    if (!counts.isEmpty()) notes.add("Seeds with good > all > bad: " + String.join(", ", counts) + ".");
    return new PanelFigure("Motif validation: accuracy of architectures with the good motifs, all, and with the bad "
        + "motifs", notes, charts, 3, legend);
  }
}
