package org.nasbowl.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nasbowl.experiments.reproduce.Reproduction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl reproduce}: every experiment, figure and headline check of the reproduction (what -Preproduce runs). */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
    description = {"Run the regression, NAS, ablation, interpretability, transfer, noisy-objective and failure "
        + "experiments on every benchmark "
        + "whose data is found, write the README's motif examples, draw the figures, and check the headline claims (written to checks.csv). Resumable: the same "
        + "command continues a killed run. Exit code 3 when a check fails.",
        "Scales: paper (20 seeds, the paper's budgets; about 65 minutes on 2 cores) and smoke (a few seeds, small "
            + "budgets, the same code paths, looser tolerances; a few minutes)."})
public final class ReproduceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--scale", defaultValue = "paper", description = "paper or smoke (default: ${DEFAULT-VALUE})")
  String scale;

  @Option(names = "--results", defaultValue = "results", paramLabel = "DIR", description = "output root (default: ${DEFAULT-VALUE})")
  Path results;

  @Option(names = "--golden", paramLabel = "DIR",
      description = "a directory holding the original implementation's synthetic_regression.jsonl, for the cost "
          + "figure (default: $NASBOWL_GOLDEN, else the project's embedded copy)")
  Path golden;

  @Mixin CommonOptions.DataDir data;

  @Override
  public Integer call() throws Exception {
    Reproduction.Scale s = switch (scale.toLowerCase(Locale.ROOT)) {
      case "paper" -> Reproduction.Scale.PAPER;
      case "smoke" -> Reproduction.Scale.SMOKE;
      default -> throw new IllegalArgumentException("--scale must be paper or smoke, not '" + scale + "'");
    };
    Path dataDir = data.path();
    Path g = golden;
    String env = System.getenv("NASBOWL_GOLDEN");
    if (g == null && env != null && !env.isBlank()) g = Path.of(env);
    List<Reproduction.Check> checks = Reproduction.run(s, results, dataDir, g, spec.commandLine().getErr());
    Reproduction.provenance(results, "nasbowl " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
        s, dataDir);
    long failed = checks.stream().filter(c -> !c.passed()).count();
    spec.commandLine().getOut().println("reproduce: " + (checks.size() - failed) + " of " + checks.size()
        + " checks passed; see " + results.resolve("checks.csv"));
    spec.commandLine().getOut().flush();
    return failed == 0 ? 0 : 3;
  }
}
