package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * {@code nas_cost}: seconds per BO iteration (one ask: surrogate fit, candidate pool and acquisition for a
 * batch) against the number of observations, for the model-based methods, log-log, with the original
 * implementation's measured cost as a black reference line (the project's embedded copy of its golden file, or
 * the file in a golden directory given by {@link FigureInputs#golden()}).
 */
public final class NasCostFigure extends SingleInputFigure {
  public static final String NAME = "nas_cost";
  public static final String FILE = "nas/cost.csv";
  /** Methods that fit a model at every iteration (the others cost microseconds and are left out). */
  public static final List<String> MODEL_BASED =
      List.of("nasbowl-m", "nasbowl-r", "nasbowl-x", "bananas-m", "bananas-r", "gp-path");
  /** Series ids of the reference lines. */
  public static final String ORIGINAL = "original";
  public static final String ORIGINAL_SCALED = "original-pool200";
  /** The candidate pool of nasbowl-m and nasbowl-r, to which the scaled reference line is scaled. */
  static final int OUR_POOL = 200;
  static final List<String> COLUMNS = List.of("benchmark", "method", "observations", "median_iteration_s");
  static final String X_TITLE = "observations (training set size, log scale)";
  static final String Y_TITLE = "seconds per BO iteration (log scale)";

  public NasCostFigure() {
    super(NAME, FILE, NasCostFigure::draw);
  }

  private static Drawing draw(Path input, FigureInputs in, Consumer<String> notes) throws IOException {
    List<OriginalCost.Point> original = List.of();
    if (in.golden() == null) {
      original = OriginalCost.readEmbedded();
    } else if (!Files.isRegularFile(in.golden().resolve(OriginalCost.FILE))) {
      notes.accept("missing " + in.golden().resolve(OriginalCost.FILE) + ": reference line left out");
    } else {
      original = OriginalCost.read(in.golden().resolve(OriginalCost.FILE));
    }
    return build(read(input), original);
  }

  /** The model-based methods' curves. */
  public static List<Curves.Panel> read(Path file) throws IOException {
    List<Curves.Panel> all = Curves.read(file, COLUMNS,
        new Curves.Columns("benchmark", "method", "observations", null, "median_iteration_s", null), true);
    List<Curves.Panel> out = new ArrayList<>();
    for (Curves.Panel p : all) {
      List<Curves.Curve> kept = p.curves().stream().filter(c -> MODEL_BASED.contains(c.series()))
          .filter(c -> java.util.Arrays.stream(c.mean()).allMatch(v -> v > 0)).toList();
      if (!kept.isEmpty()) out.add(new Curves.Panel(p.name(), kept));
    }
    return out;
  }

  public static PanelFigure build(List<Curves.Panel> panels, List<OriginalCost.Point> original) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException(FILE + " has no model-based method (" + String.join(", ", MODEL_BASED) + ")");
    }
    CurveFigures.Axes axes = new CurveFigures.Axes(X_TITLE, Y_TITLE, true, true, 0);
    List<XYChart> charts = new ArrayList<>();
    for (Curves.Panel p : panels) {
      XYChart c = CurveFigures.panel(p, axes);
      if (!original.isEmpty()) {
        addReference(c, p, original);
        PanelCharts.logTicksY(c);
      }
      charts.add(c);
    }
    List<PanelFigure.LegendEntry> legend = new ArrayList<>();
    for (String id : Curves.seriesIds(panels)) legend.add(PanelFigure.LegendEntry.line(id, false));
    List<String> notes = new ArrayList<>();
    notes.add("Ours: median over seeds of the ask time (surrogate fit, pool, acquisition of one batch of 5), from "
        + "the traces' surrogate_s.");
    if (!original.isEmpty()) {
      int pool = original.get(0).pool();
      legend.add(new PanelFigure.LegendEntry(String.format(Locale.ROOT,
          "original implementation (golden/synthetic_regression.jsonl): GP fit + acquisition loop over %,d "
              + "candidates", pool), Palette.REFERENCE, false, false, false));
      legend.add(new PanelFigure.LegendEntry("the same with its loop scaled linearly to our pool of " + OUR_POOL + " candidates",
          Palette.REFERENCE, true, false, false));
      int repeats = original.stream().mapToInt(o -> o.fitSeconds().length).min().orElse(0);
      notes.add("Black: the original Python implementation on NAS-Bench-201 cells, one core of this machine, median "
          + "over " + repeats + " repeats (its loop timed on 100 candidates, scaled to the pool).");
    } else {
      notes.add("The original implementation's reference line is left out (golden file not found).");
    }
    return new PanelFigure("NAS: cost of one BO iteration vs number of observations", notes, charts, 2, legend);
  }

  /** The original's points up to the first n_train at or beyond this panel's largest observation count. */
  static void addReference(XYChart c, Curves.Panel p, List<OriginalCost.Point> original) {
    double maxX = p.curves().stream().mapToDouble(k -> k.x()[k.size() - 1]).max().orElse(0);
    List<OriginalCost.Point> pts = new ArrayList<>();
    for (OriginalCost.Point o : original) {
      pts.add(o);
      if (o.nTrain() >= maxX) break;
    }
    double[] x = pts.stream().mapToDouble(OriginalCost.Point::nTrain).toArray();
    double[] y = pts.stream().mapToDouble(OriginalCost.Point::seconds).toArray();
    double[] scaled = pts.stream().mapToDouble(o -> o.seconds(OUR_POOL)).toArray();
    XYSeries s = PanelCharts.line(c, ORIGINAL, x, y);
    s.setLineColor(Palette.REFERENCE);
    s.setLineStyle(PanelCharts.stroke(false));
    XYSeries t = PanelCharts.line(c, ORIGINAL_SCALED, x, scaled);
    t.setLineColor(Palette.REFERENCE);
    t.setLineStyle(PanelCharts.stroke(true));
  }
}
