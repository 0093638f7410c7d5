package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code nas_regret}, {@code nas_oracle_regret} and {@code nas_valid_regret}: regret after each query of the NAS
 * experiment, mean with a +-1 s.e. band over seeds, one panel per benchmark. Test regret is that of the best
 * architecture by validation accuracy; oracle regret uses the best test accuracy among all queried (as the
 * original logs); validation regret is the objective's own (best validation accuracy of the benchmark minus the
 * best found), the one the optimisers are compared on. Regret 0 (the optimum found by every seed) cannot be shown
 * on a log axis and is drawn at {@link #FLOOR}.
 */
public final class NasRegretFigure extends SingleInputFigure {
  public static final String NAME = "nas_regret";
  public static final String ORACLE_NAME = "nas_oracle_regret";
  public static final String VALID_NAME = "nas_valid_regret";
  public static final String FILE = "nas/curves.csv";
  public static final double FLOOR = 1e-5;
  static final List<String> COLUMNS = List.of("benchmark", "method", "query", "runs", "mean_regret", "se_regret",
      "mean_oracle_regret", "se_oracle_regret");
  static final String X_TITLE = "queries (architectures evaluated)";
  static final String Y_TITLE = "test regret (fraction; log, 0 drawn at 1e-5)";
  static final String ORACLE_Y_TITLE = "oracle regret (fraction; log, 0 drawn at 1e-5)";
  static final String VALID_Y_TITLE = "validation regret (fraction; log, 0 drawn at 1e-5)";

  /** Which regret a figure shows. */
  public enum Kind { TEST, ORACLE, VALID }

  public NasRegretFigure(boolean oracle) {
    this(oracle ? Kind.ORACLE : Kind.TEST);
  }

  public NasRegretFigure(Kind kind) {
    super(name(kind), FILE, (file, in, notes) -> build(read(file, kind), kind));
  }

  /** The figure's name for a kind of regret. */
  static String name(Kind kind) {
    return switch (kind) {
      case TEST -> NAME;
      case ORACLE -> ORACLE_NAME;
      case VALID -> VALID_NAME;
    };
  }

  public static List<Curves.Panel> read(Path file, boolean oracle) throws IOException {
    return read(file, oracle ? Kind.ORACLE : Kind.TEST);
  }

  public static List<Curves.Panel> read(Path file, Kind kind) throws IOException {
    String p = switch (kind) {
      case TEST -> "regret";
      case ORACLE -> "oracle_regret";
      case VALID -> "valid_regret";
    };
    List<String> required = new java.util.ArrayList<>(COLUMNS);
    if (kind == Kind.VALID) required.addAll(List.of("mean_valid_regret", "se_valid_regret"));
    return Curves.read(file, required,
        new Curves.Columns("benchmark", "method", "query", "runs", "mean_" + p, "se_" + p), false);
  }

  public static PanelFigure build(List<Curves.Panel> panels, boolean oracle) {
    return build(panels, oracle ? Kind.ORACLE : Kind.TEST);
  }

  public static PanelFigure build(List<Curves.Panel> panels, Kind kind) {
    String runs = Curves.runsText(panels, "seeds");
    String over = runs.isEmpty() ? "" : " over " + runs;
    String title = switch (kind) {
      case ORACLE -> "NAS: oracle regret (optimum - best test accuracy among all queried, as the original logs)";
      case TEST -> "NAS: test regret of the best architecture by validation accuracy";
      case VALID -> "NAS: validation regret (the objective's optimum - the best validation accuracy found)";
    };
    String y = switch (kind) {
      case ORACLE -> ORACLE_Y_TITLE;
      case TEST -> Y_TITLE;
      case VALID -> VALID_Y_TITLE;
    };
    return CurveFigures.figure(title,
        List.of("Line: mean" + over + "; band: +-1 standard error. Regret is a fraction of accuracy (0.01 = 1 "
            + "percentage point); a mean of 0 is drawn at 1e-5."),
        panels, new CurveFigures.Axes(X_TITLE, y, false, true, FLOOR), 2, List.of());
  }
}
