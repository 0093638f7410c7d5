package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nasbowl.experiments.nas.Methods;
import org.nasbowl.experiments.nas.NasExperiment;
import org.nasbowl.experiments.regression.RegressionExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl experiment ...}: the paper's experiments as resumable, seeded grids. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Run an experiment grid (resumable: the same command continues a killed run).",
    subcommands = {ExperimentCommand.Nas.class, ExperimentCommand.Regression.class, ExperimentCommand.Interpret.class})
public final class ExperimentCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code nasbowl experiment nas}. */
  @Command(name = "nas", mixinStandardHelpOptions = true,
      description = {"NAS on tabular benchmarks: every benchmark x method x seed, in parallel over the cores.",
          "Writes traces/<benchmark>/<method>/seed-<s>.jsonl per run, summary.csv, aggregate.csv (mean and "
              + "standard error of final regret), curves.csv (regret per query), paired.csv (paired differences "
              + "from the first method), timings.csv and cost.csv (time per iteration), locality.csv (NAS-Bench-201: "
              + "how far queries lie from earlier ones) and provenance.json into --out."})
  public static final class Nas implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--benchmarks", split = ",", defaultValue = "synthetic",
        description = "benchmark ids (default: ${DEFAULT-VALUE}); see `nasbowl benchmarks`")
    List<String> benchmarks;

    @Option(names = "--methods", split = ",",
        defaultValue = "nasbowl-m,nasbowl-r,nasbowl-x,bananas-m,bananas-r,random,evolution,local,gp-path",
        description = "method ids (default: all): nasbowl-m, nasbowl-r, nasbowl-x (enumerable spaces only), "
            + "bananas-m, bananas-r, random, evolution, local, gp-path")
    List<String> methods;

    @Mixin CommonOptions.Seeds seeds;

    @Option(names = "--budget", defaultValue = "160", description = "queries per run (default: ${DEFAULT-VALUE} = 10 + 30 x 5)")
    int budget;

    @Option(names = "--batch", defaultValue = "5",
        description = "queries per ask after the first 10 (default: ${DEFAULT-VALUE}, the paper's)")
    int batch;

    @Option(names = "--budget-for", paramLabel = "ID=N",
        description = "another budget for one benchmark, e.g. nb301-1218=100 (repeatable)")
    java.util.Map<String, Integer> budgetFor = new java.util.LinkedHashMap<>();

    @Mixin CommonOptions.Jobs jobs;

    @Mixin CommonOptions.DataDir data;

    @Mixin CommonOptions.Objective objective;

    @Mixin CommonOptions.OutDir outDir = new CommonOptions.OutDir("results/nas");

    @Override
    public Integer call() throws Exception {
      Path out = outDir.dir;
      PrintWriter err = spec.commandLine().getErr();
      PrintWriter stdout = spec.commandLine().getOut();
      for (String m : methods) Methods.describe(m);
      int j = jobs.value();
      String command = "nasbowl " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
      NasExperiment.Settings s = new NasExperiment.Settings(benchmarks, methods, seeds.list(),
          budget, j, data.path(), out, command, budgetFor).with(objective.modifiers()).withBatch(batch);
      NasExperiment.run(s, err);
      stdout.println("nas experiment: results in " + out.toAbsolutePath() + " (summary.csv, aggregate.csv, timings.csv)");
      stdout.println(java.nio.file.Files.readString(out.resolve("aggregate.csv")).strip());
      stdout.flush();
      return 0;
    }
  }


  /** {@code nasbowl experiment regression}. */
  @Command(name = "regression", mixinStandardHelpOptions = true,
      description = {"Surrogate regression: how well each surrogate ranks unseen architectures as its training set "
          + "grows (Spearman, Kendall tau, RMSE, NLL), on the same seeded splits for every surrogate.",
          "Writes rows/<benchmark>/<surrogate>/seed-<s>.csv per task, results.csv, summary.csv (mean and "
              + "standard error), data_efficiency.csv and provenance.json into --out."})
  public static final class Regression implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--benchmarks", split = ",", defaultValue = "synthetic",
        description = "benchmark ids (default: ${DEFAULT-VALUE})")
    List<String> benchmarks;

    @Option(names = "--surrogates", split = ",", defaultValue = "gp-wl,gp-wloa,gp-vh,gp-path,rf,gbt,mlp,gnn",
        description = "surrogate ids (default: all): gp-wl, gp-wloa, gp-vh, gp-path, rf, gbt, mlp, gnn")
    List<String> surrogates;

    @Option(names = "--train-sizes", split = ",", defaultValue = "10,25,50,100,200,400",
        description = "training sizes (default: ${DEFAULT-VALUE})")
    List<Integer> trainSizes;

    @Option(names = "--test-size", defaultValue = "400", description = "held-out architectures (default: ${DEFAULT-VALUE})")
    int testSize;

    @Option(names = "--sizes-for", paramLabel = "ID=N1,N2,.../TEST",
        description = "other training sizes and test size for one benchmark, e.g. darts214=10,25,50,100,150/64 "
            + "(repeatable)")
    java.util.Map<String, String> sizesFor = new java.util.LinkedHashMap<>();

    @Mixin CommonOptions.Seeds seeds;

    @Mixin CommonOptions.Jobs jobs;

    @Mixin CommonOptions.DataDir data;

    @Mixin CommonOptions.OutDir outDir = new CommonOptions.OutDir("results/regression");

    @Override
    public Integer call() throws Exception {
      Path out = outDir.dir;
      int j = jobs.value();
      String command = "nasbowl " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
      java.util.Map<String, RegressionExperiment.Sizes> sizes = new java.util.LinkedHashMap<>();
      sizesFor.forEach((k, v) -> sizes.put(k, RegressionExperiment.Sizes.parse(v)));
      RegressionExperiment.run(new RegressionExperiment.Settings(benchmarks, surrogates, trainSizes, testSize,
          seeds.list(), j, data.path(), out, command, sizes),
          spec.commandLine().getErr());
      spec.commandLine().getOut().println("regression experiment: results in " + out.toAbsolutePath()
          + " (results.csv, summary.csv, data_efficiency.csv)");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code nasbowl experiment interpret}. */
  @Command(name = "interpret", mixinStandardHelpOptions = true,
      description = {"Interpretability validation: per benchmark and seed, learn motifs from one search, call the "
          + "top --fractions of the ranking good and the bottom bad, and compare the validation accuracy "
          + "of held-out architectures containing a good motif, all of them, and those containing a bad motif "
          + "(medians, quartiles, Mann-Whitney p-value). Both motif scores (the paper's average gradient and the "
          + "original code's quantity) on the same searches; --transfer-source also judges one benchmark's motifs "
          + "on the others of its space.",
          "Writes runs/<benchmark>/seed-<s>/ (queried keys, both rankings), validation.csv (one row per comparison), "
              + "summary.csv, histograms.csv and provenance.json into --out."})
  public static final class Interpret implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--benchmarks", split = ",", defaultValue = "synthetic",
        description = "benchmark ids (default: ${DEFAULT-VALUE})")
    List<String> benchmarks;

    @Option(names = "--transfer-source", paramLabel = "ID",
        description = "also judge this benchmark's motifs on --transfer-targets")
    String transferSource;

    @Option(names = "--transfer-targets", split = ",", paramLabel = "ID",
        description = "benchmarks of the source's space (among --benchmarks) on which its motifs are judged")
    List<String> transferTargets = List.of();

    @Mixin CommonOptions.Seeds seeds;

    @Option(names = "--budget", defaultValue = "160", description = "queries of each search (default: ${DEFAULT-VALUE})")
    int budget;

    @Option(names = "--method", defaultValue = "nasbowl-m", description = "search method (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--learn-for", paramLabel = "ID=METHOD:BUDGET[:MAXSHARE]",
        description = "learn one benchmark's motifs differently, e.g. darts214=random:150 (a GP on 150 random "
            + "architectures, the rest held out) or darts214=random:150:0.5 (also leaving out motifs found in more "
            + "than half of them); repeatable")
    java.util.Map<String, String> learnFor = new java.util.LinkedHashMap<>();

    @Option(names = "--fractions", split = ",", defaultValue = "0.25,0.1",
        description = "shares of the ranking called good (top) and bad (bottom), each reported (default: "
            + "${DEFAULT-VALUE}; 0.25 is the original's 25/75 percentiles; histograms use the first)")
    List<Double> fractions;

    @Option(names = "--min-occurrences", defaultValue = "10",
        description = "drop motifs in fewer queried architectures (default: ${DEFAULT-VALUE})")
    int minOccurrences;

    @Option(names = "--held-out", defaultValue = "20000",
        description = "cap on held-out architectures per benchmark: larger spaces are sampled (default: ${DEFAULT-VALUE})")
    int heldOut;

    @Mixin CommonOptions.DataDir data;

    @Mixin CommonOptions.OutDir outDir = new CommonOptions.OutDir("results/interpret");

    private java.util.Map<String, org.nasbowl.experiments.interpret.InterpretExperiment.Learning> learning() {
      java.util.Map<String, org.nasbowl.experiments.interpret.InterpretExperiment.Learning> out =
          new java.util.LinkedHashMap<>();
      learnFor.forEach((k, v) -> out.put(k, org.nasbowl.experiments.interpret.InterpretExperiment.Learning.parse(v)));
      return out;
    }

    @Override
    public Integer call() throws Exception {
      Path out = outDir.dir;
      Methods.describe(method);
      String command = "nasbowl " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
      org.nasbowl.experiments.interpret.InterpretExperiment.run(new org.nasbowl.experiments.interpret.InterpretExperiment
          .Settings(benchmarks, transferSource, transferTargets, seeds.list(), budget, method, fractions, minOccurrences,
          heldOut, data.path(), out, command, learning()), spec.commandLine().getErr());
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.println("interpret experiment: results in " + out.toAbsolutePath() + " (validation.csv, summary.csv, histograms.csv)");
      stdout.println(java.nio.file.Files.readString(out.resolve("summary.csv")).strip());
      stdout.flush();
      return 0;
    }
  }
}
