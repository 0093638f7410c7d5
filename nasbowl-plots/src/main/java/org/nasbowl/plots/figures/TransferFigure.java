package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code transfer_regret}: regret vs queries with and without the motif warm start, one panel per target. */
public final class TransferFigure extends SingleInputFigure {
  public static final String NAME = "transfer_regret";
  public static final String FILE = "transfer/curves.csv";
  static final List<String> COLUMNS = List.of("target", "variant", "query", "runs", "mean_regret", "se_regret");

  public TransferFigure() {
    super(NAME, FILE, (file, in, notes) -> build(read(file)));
  }

  public static List<Curves.Panel> read(Path file) throws IOException {
    return Curves.read(file, COLUMNS,
        new Curves.Columns("target", "variant", "query", "runs", "mean_regret", "se_regret"), false);
  }

  public static PanelFigure build(List<Curves.Panel> panels) {
    String runs = Curves.runsText(panels, "seeds");
    return CurveFigures.figure("Transfer: search restricted by motifs learnt on another task vs unrestricted",
        List.of("Line: mean" + (runs.isEmpty() ? "" : " over " + runs) + "; band: +-1 standard error. Regret is a "
            + "fraction of accuracy; a mean of 0 is drawn at 1e-5."),
        panels, new CurveFigures.Axes(NasRegretFigure.X_TITLE, NasRegretFigure.Y_TITLE, false, true,
            NasRegretFigure.FLOOR), 3, List.of());
  }
}
