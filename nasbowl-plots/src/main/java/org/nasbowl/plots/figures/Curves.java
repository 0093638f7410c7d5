package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Summary curves read from a result table: per panel (a benchmark or target) and series (a method, surrogate or
 * variant), points x -> mean with its standard error over runs. Rows whose mean is missing are skipped.
 */
public final class Curves {
  /** One series of one panel, sorted by x. {@code se} is NaN where unknown. */
  public record Curve(String series, double[] x, double[] mean, double[] se, int[] runs) {
    public int size() {
      return x.length;
    }
  }

  /** One panel's curves in legend order. */
  public record Panel(String name, List<Curve> curves) {
    public Panel {
      curves = List.copyOf(curves);
    }
  }

  /** Which columns hold what; {@code se} and {@code runs} may be null (not in this file). */
  public record Columns(String panel, String series, String x, String runs, String mean, String se) {}

  private Curves() {}

  private record Point(double x, double mean, double se, int runs) {}

  /**
   * Reads the curves of a table.
   *
   * @param required every column the file must have
   * @param positiveX whether x must be > 0 (a logarithmic x axis)
   */
  public static List<Panel> read(Path file, List<String> required, Columns c, boolean positiveX) throws IOException {
    ResultTable t = ResultTable.read(file, required);
    Map<String, Map<String, TreeMap<Double, Point>>> data = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (int r = 0; r < t.size(); r++) {
      String panel = t.text(r, c.panel());
      String series = t.text(r, c.series());
      double x = t.requiredNumber(r, c.x());
      if (positiveX && x <= 0) throw t.error(r, c.x(), "must be > 0 (logarithmic axis), got " + x);
      if (!seen.add(panel + "\u0000" + series + "\u0000" + x)) {
        throw t.error(r, c.x(), "duplicate row for " + panel + ", " + series + " at " + c.x() + " = " + x);
      }
      int runs = c.runs() == null ? 0 : t.count(r, c.runs());
      double mean = t.number(r, c.mean());
      double se = c.se() == null ? Double.NaN : t.number(r, c.se());
      if (se < 0) throw t.error(r, c.se(), "negative standard error " + se);
      if (Double.isNaN(mean)) continue;
      data.computeIfAbsent(panel, k -> new LinkedHashMap<>()).computeIfAbsent(series, k -> new TreeMap<>())
          .put(x, new Point(x, mean, se, runs));
    }
    List<Panel> out = new ArrayList<>();
    for (String p : Palette.orderBenchmarks(data.keySet())) {
      Map<String, TreeMap<Double, Point>> bySeries = data.get(p);
      List<Curve> curves = new ArrayList<>();
      for (String s : Palette.order(bySeries.keySet())) {
        List<Point> pts = new ArrayList<>(bySeries.get(s).values());
        curves.add(new Curve(s, pts.stream().mapToDouble(Point::x).toArray(),
            pts.stream().mapToDouble(Point::mean).toArray(), pts.stream().mapToDouble(Point::se).toArray(),
            pts.stream().mapToInt(Point::runs).toArray()));
      }
      out.add(new Panel(p, curves));
    }
    return out;
  }

  /** "20 seeds" or "3-20 seeds" from the runs of every point, or "" when unknown. */
  public static String runsText(List<Panel> panels, String unit) {
    int[] all = panels.stream().flatMap(p -> p.curves().stream()).flatMapToInt(c -> Arrays.stream(c.runs()))
        .filter(r -> r > 0).toArray();
    if (all.length == 0) return "";
    int lo = Arrays.stream(all).min().getAsInt();
    int hi = Arrays.stream(all).max().getAsInt();
    return (lo == hi ? String.valueOf(hi) : lo + "-" + hi) + " " + unit;
  }

  /** Every series id in legend order. */
  public static List<String> seriesIds(List<Panel> panels) {
    return Palette.order(panels.stream().flatMap(p -> p.curves().stream()).map(Curve::series).toList());
  }
}
