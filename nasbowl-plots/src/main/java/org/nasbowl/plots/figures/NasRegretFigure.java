package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code nas_regret} and {@code nas_oracle_regret}: regret after each query of the NAS experiment, mean with a
 * +-1 s.e. band over seeds, one panel per benchmark. Regret 0 (the optimum found by every seed) cannot be shown
 * on a log axis and is drawn at {@link #FLOOR}.
 */
public final class NasRegretFigure implements FigureSpec {
  public static final String NAME = "nas_regret";
  public static final String ORACLE_NAME = "nas_oracle_regret";
  public static final String FILE = "nas/curves.csv";
  public static final double FLOOR = 1e-5;
  static final List<String> COLUMNS = List.of("benchmark", "method", "query", "runs", "mean_regret", "se_regret",
      "mean_oracle_regret", "se_oracle_regret");
  static final String X_TITLE = "queries (architectures evaluated)";
  static final String Y_TITLE = "test regret (fraction; log, 0 drawn at 1e-5)";
  static final String ORACLE_Y_TITLE = "oracle regret (fraction; log, 0 drawn at 1e-5)";

  private final boolean oracle;

  public NasRegretFigure(boolean oracle) {
    this.oracle = oracle;
  }

  @Override
  public String name() {
    return oracle ? ORACLE_NAME : NAME;
  }

  @Override
  public List<Path> inputs(FigureInputs in) {
    return List.of(in.results().resolve(FILE));
  }

  @Override
  public Drawing build(FigureInputs in, Consumer<String> notes) throws IOException {
    return build(read(in.results().resolve(FILE), oracle), oracle);
  }

  public static List<Curves.Panel> read(Path file, boolean oracle) throws IOException {
    String p = oracle ? "oracle_regret" : "regret";
    return Curves.read(file, COLUMNS,
        new Curves.Columns("benchmark", "method", "query", "runs", "mean_" + p, "se_" + p), false);
  }

  public static PanelFigure build(List<Curves.Panel> panels, boolean oracle) {
    String runs = Curves.runsText(panels, "seeds");
    String over = runs.isEmpty() ? "" : " over " + runs;
    String title = oracle
        ? "NAS: oracle regret (optimum - best test accuracy among all queried, as the original logs)"
        : "NAS: test regret of the best architecture by validation accuracy";
    return CurveFigures.figure(title,
        List.of("Line: mean" + over + "; band: +-1 standard error. Regret is a fraction of accuracy (0.01 = 1 "
            + "percentage point); a mean of 0 is drawn at 1e-5."),
        panels, new CurveFigures.Axes(X_TITLE, oracle ? ORACLE_Y_TITLE : Y_TITLE, false, true, FLOOR), 2, List.of());
  }
}
