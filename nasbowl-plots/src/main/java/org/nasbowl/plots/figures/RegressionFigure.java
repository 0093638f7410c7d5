package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code regression_spearman}: how well each surrogate ranks held-out architectures, against training size. */
public final class RegressionFigure extends SingleInputFigure {
  public static final String NAME = "regression_spearman";
  public static final String FILE = "regression/summary.csv";
  static final List<String> COLUMNS = List.of("benchmark", "surrogate", "n_train", "runs", "spearman_mean",
      "spearman_se", "kendall_mean", "kendall_se", "rmse_mean", "rmse_se", "nll_mean", "nll_se", "fit_s_mean");
  static final String X_TITLE = "training set size n (architectures, log scale)";
  static final String Y_TITLE = "Spearman rank correlation (unitless)";

  public RegressionFigure() {
    super(NAME, FILE, (file, in, notes) -> build(read(file)));
  }

  public static List<Curves.Panel> read(Path file) throws IOException {
    return Curves.read(file, COLUMNS,
        new Curves.Columns("benchmark", "surrogate", "n_train", "runs", "spearman_mean", "spearman_se"), true);
  }

  public static PanelFigure build(List<Curves.Panel> panels) {
    String runs = Curves.runsText(panels, "seeds");
    return CurveFigures.figure("Surrogate regression: rank correlation on held-out architectures vs training size",
        List.of("Spearman correlation between predicted and true objective; line: mean"
            + (runs.isEmpty() ? "" : " over " + runs) + ", band: +-1 standard error; sizes without a value are left out."),
        panels, new CurveFigures.Axes(X_TITLE, Y_TITLE, true, false, 0), 3, List.of());
  }
}
