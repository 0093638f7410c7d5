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
            + "(transfer/curves.csv), ablation_regret (ablation/curves.csv), noisy_recommended_regret "
            + "(noisy/nas-0.2/curves.csv and noisy/nas-1.0/curves.csv), failures_regret (failures/curves.csv)."})
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

  @Option(names = "--run", paramLabel = "RUN", description = "draw one run's figures instead (run_progress, "
      + "run_timeline, best_architecture, motif_gallery): a 'search --objective-cmd' run directory, a 'study export' "
      + "folder or a benchmark trace (default --out: RUN/plots, or RUN's folder/plots for a file)")
  Path run;

  @Option(names = "--study", paramLabel = "NAME", description = "draw a study's run figures (with --storage; "
      + "default --out: study-NAME-plots)")
  String study;

  @Mixin StorageOptions storage;

  @Mixin CommonOptions.DataDir data;

  @Option(names = "--top", defaultValue = "5", description = "motifs in each column of a run's gallery (default: ${DEFAULT-VALUE})")
  int top;

  @Override
  public Integer call() throws Exception {
    if (run != null || study != null) return runFigures();
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

  /** The figures of one run or study. */
  private int runFigures() throws Exception {
    if (run != null && study != null) throw new IllegalArgumentException("give --run or --study, not both");
    org.nasbowl.experiments.run.RunData r;
    if (run != null) {
      r = org.nasbowl.experiments.run.RunReader.read(run);
    } else {
      try (org.nasbowl.experiments.study.StudyStorage st = storage.open(java.time.Duration.ZERO, x -> { })) {
        var store = new org.nasbowl.experiments.study.StudyStore(st);
        r = org.nasbowl.experiments.run.RunReader.study(store, store.require(study));
      }
    }
    Path out = spec.commandLine().getParseResult().hasMatchedOption("--out") ? outDir.dir
        : run != null ? (Files.isDirectory(run) ? run : run.toAbsolutePath().getParent()).resolve("plots")
        : Path.of("study-" + study.replaceAll("[^A-Za-z0-9_.-]", "_") + "-plots");
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(r.describe());
    for (String line : org.nasbowl.experiments.run.RunPlots.write(r, r.benchmark(data.path()), out, top)) {
      stdout.println(line);
    }
    stdout.flush();
    return 0;
  }

  private Path goldenDirectory() {
    if (golden != null) return golden;
    String env = System.getenv("NASBOWL_GOLDEN");
    return env != null && !env.isBlank() ? Path.of(env) : null;
  }
}
