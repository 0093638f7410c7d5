package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The figures of noisy and failing objectives. {@code noisy_recommended_regret}: the noiseless validation regret of
 * each method's recommendation after each query, one panel per benchmark and noise level (noisy/nas-SD/curves.csv).
 * {@code failures_regret}: validation regret with a planted failure region, failures ignored against failures
 * imputed (failures/curves.csv).
 */
public final class NoisyFigures {
  public static final String NOISY_NAME = "noisy_recommended_regret";
  public static final String FAILURES_NAME = "failures_regret";
  /** The noise levels of the noisy NAS experiment (SD in percentage points), as their directory names. */
  public static final List<String> NOISE_LEVELS = List.of("0.2", "1.0");
  /** The failure experiment with a parameter-count region (optional in the figure). */
  static final String PARAMS_FILE = "failures/params/curves.csv";

  private NoisyFigures() {}

  /** The curves file of the noisy NAS table at one noise level, relative to the results directory. */
  public static String noisyFile(String sd) {
    return "noisy/nas-" + sd + "/curves.csv";
  }

  /** {@code noisy_recommended_regret}. */
  public static FigureSpec noisy() {
    return new FigureSpec() {
      @Override
      public String name() {
        return NOISY_NAME;
      }

      @Override
      public List<Path> inputs(FigureInputs in) {
        return NOISE_LEVELS.stream().map(sd -> in.results().resolve(noisyFile(sd))).toList();
      }

      @Override
      public Drawing build(FigureInputs in, Consumer<String> notes) throws IOException {
        List<Curves.Panel> panels = new ArrayList<>();
        for (String sd : NOISE_LEVELS) {
          for (Curves.Panel p : Curves.read(in.results().resolve(noisyFile(sd)), NasRegretFigure.COLUMNS,
              new Curves.Columns("benchmark", "method", "query", "runs", "mean_recommended_regret",
                  "se_recommended_regret"), false)) {
            panels.add(new Curves.Panel(p.name() + ", noise SD " + sd + " pts", p.curves()));
          }
        }
        String runs = Curves.runsText(panels, "seeds");
        return CurveFigures.figure("Noisy NAS: noiseless validation regret of each method's recommendation",
            List.of("Each query returns the table's value plus Gaussian noise of the given SD (percentage points); "
                + "regret is measured on the noiseless value of the architecture the method recommends (NAS-BOWL: "
                + "its model's choice; model-free methods: the best observed). Line: mean"
                + (runs.isEmpty() ? "" : " over " + runs) + "; band: +-1 s.e.; 0 drawn at 1e-5."),
            panels, new CurveFigures.Axes(NasRegretFigure.X_TITLE, "recommended regret (fraction; log)", false, true,
                NasRegretFigure.FLOOR), 2, List.of());
      }
    };
  }

  /** {@code failures_regret}. */
  public static FigureSpec failures() {
    return new SingleInputFigure(FAILURES_NAME, "failures/curves.csv", (file, in, notes) -> {
      List<Curves.Panel> panels = new ArrayList<>();
      for (Curves.Panel p : NasRegretFigure.read(file, NasRegretFigure.Kind.VALID)) {
        panels.add(new Curves.Panel(p.name() + ", one operation fails", p.curves()));
      }
      Path params = in.results().resolve(PARAMS_FILE);
      if (java.nio.file.Files.exists(params)) {
        for (Curves.Panel p : NasRegretFigure.read(params, NasRegretFigure.Kind.VALID)) {
          panels.add(new Curves.Panel(p.name() + ", large cells fail", p.curves()));
        }
      } else {
        notes.accept("no " + PARAMS_FILE + ": the parameter-count failure region is not drawn");
      }
      String runs = Curves.runsText(panels, "seeds");
      return CurveFigures.figure("Failing objectives: validation regret with a planted failure region",
          List.of("A planted failure region (results/failures/README.md): every cell with the operation, or with more "
              + "parameters than a limit, fails; "
              + "failures=ignore drops failed evaluations, the default imputes the worst observed value. Line: mean"
              + (runs.isEmpty() ? "" : " over " + runs + " (fewer before every run has a success)")
              + "; band: +-1 s.e.; 0 drawn at 1e-5."),
          panels, new CurveFigures.Axes(NasRegretFigure.X_TITLE, NasRegretFigure.VALID_Y_TITLE, false, true,
              NasRegretFigure.FLOOR), 2, List.of());
    }) { };
  }
}
