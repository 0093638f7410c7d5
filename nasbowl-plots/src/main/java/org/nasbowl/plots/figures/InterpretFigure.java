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
 * architectures and of those containing the bad motifs, one panel per benchmark, drawn as overlaid translucent
 * step histograms.
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

  public InterpretFigure() {
    super(NAME, FILE, (file, in, notes) -> build(read(file)));
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
    if (hs.isEmpty()) throw new IllegalArgumentException(FILE + " has no rows");
    String unit = unit(hs);
    List<XYChart> charts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Histograms h : hs) {
      XYChart c = PanelCharts.panel(h.benchmark(), "accuracy (" + unit + ")", "density (1 / " + unit + ")",
          false, false);
      c.getStyler().setYAxisMin(0.0);
      double lo = h.groups().values().stream().flatMap(List::stream).mapToDouble(Bin::low).min().orElse(0);
      double hi = h.groups().values().stream().flatMap(List::stream).mapToDouble(Bin::high).max().orElse(1);
      PanelCharts.frameX(c, lo, hi, 0);
      for (var e : h.groups().entrySet()) {
        double[][] xy = steps(e.getValue());
        Color color = Palette.color(e.getKey());
        XYSeries s = c.addSeries(e.getKey(), xy[0], xy[1]);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(Palette.translucent(color, FILL_ALPHA));
        s.setLineColor(color);
        s.setLineStyle(PanelCharts.stroke(false));
        ids.add(e.getKey());
      }
      charts.add(c);
    }
    List<PanelFigure.LegendEntry> legend = new ArrayList<>();
    for (String id : Palette.order(ids)) legend.add(PanelFigure.LegendEntry.area(id));
    return new PanelFigure("Motif validation: accuracy of architectures with the good motifs, all, and with the bad "
        + "motifs", List.of("Normalised histograms (each integrates to 1), overlaid."), charts, 3, legend);
  }
}
