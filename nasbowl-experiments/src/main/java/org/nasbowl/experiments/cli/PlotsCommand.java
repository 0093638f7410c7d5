package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nasbowl.plots.figures.Drawing;
import org.nasbowl.plots.figures.FigureFiles;
import org.nasbowl.plots.figures.FigureInputs;
import org.nasbowl.plots.figures.FigureSpec;
import org.nasbowl.plots.figures.Figures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nasbowl plots}: the figures from result files alone. Every figure is read and built first and written
 * only when all of them could be, so a malformed input leaves the output directory as it was.
 */
@Command(name = "plots", mixinStandardHelpOptions = true,
    description = {"Draw the reproduction's figures from the result files under --results, as NAME.png and NAME.svg "
        + "in --out. A figure whose input file is missing is skipped with a note; a malformed input is an error "
        + "naming the file, line and column, and nothing is written.",
        "Figures: regression_spearman (regression/summary.csv), nas_regret, nas_oracle_regret and nas_valid_regret (nas/curves.csv), "
            + "nas_cost (nas/cost.csv, with the original implementation's cost from --golden), "
            + "interpret_validation (interpret/histograms.csv), motif_gallery, transfer_regret "
            + "(transfer/curves.csv), ablation_regret (ablation/curves.csv)."})
public final class PlotsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--results", defaultValue = "results", paramLabel = "DIR",
      description = "results directory (default: ${DEFAULT-VALUE})")
  Path results;

  @Mixin CommonOptions.OutDir outDir = new CommonOptions.OutDir("results/figures");

  @Option(names = "--golden", paramLabel = "DIR",
      description = "a directory holding the original implementation's synthetic_regression.jsonl, for the "
          + "reference line of nas_cost (default: $NASBOWL_GOLDEN, else the project's embedded copy)")
  Path golden;

  @Option(names = "--only", split = ",", paramLabel = "NAME",
      description = "only these figures, comma-separated (default: all)")
  List<String> only;

  @Override
  public Integer call() throws Exception {
    Path out = outDir.dir;
    System.setProperty("java.awt.headless", "true");
    PrintWriter stdout = spec.commandLine().getOut();
    List<String> names = only == null || only.isEmpty() ? Figures.NAMES
        : only.stream().map(String::strip).filter(n -> !n.isEmpty()).distinct().toList();
    for (String n : names) Figures.spec(n); // unknown names fail here, before anything is read
    FigureInputs in = new FigureInputs(results, goldenDirectory());
    Map<String, Drawing> built = new LinkedHashMap<>();
    Map<String, List<String>> lines = new LinkedHashMap<>();
    for (String name : names) {
      List<String> said = lines.computeIfAbsent(name, k -> new ArrayList<>());
      Optional<FigureSpec> fs = Figures.spec(name);
      if (fs.isEmpty()) {
        said.add("skipped " + name + ": not drawn by this command yet");
        continue;
      }
      Optional<Path> missing = fs.get().inputs(in).stream().filter(p -> !Files.exists(p)).findFirst();
      if (missing.isPresent()) {
        said.add("skipped " + name + ": missing " + missing.get());
        continue;
      }
      built.put(name, fs.get().build(in, note -> said.add("note " + name + ": " + note)));
    }
    for (var e : built.entrySet()) {
      List<Path> files = FigureFiles.write(e.getValue(), out, e.getKey());
      lines.get(e.getKey()).add("wrote " + e.getKey() + ": " + files.get(0) + ", " + files.get(1));
    }
    lines.values().forEach(l -> l.forEach(stdout::println));
    stdout.flush();
    return 0;
  }

  private Path goldenDirectory() {
    if (golden != null) return golden;
    String env = System.getenv("NASBOWL_GOLDEN");
    return env != null && !env.isBlank() ? Path.of(env) : null;
  }
}
