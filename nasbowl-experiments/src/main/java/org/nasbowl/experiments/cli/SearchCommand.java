package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.external.ExternalObjectiveDriver;
import org.nasbowl.experiments.external.RunSummary;
import org.nasbowl.experiments.external.UserSpaces;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.experiments.nas.BenchmarkRun;
import org.nasbowl.experiments.nas.Methods;
import org.nasbowl.experiments.nas.QueryRecord;
import org.nasbowl.experiments.results.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl search}: one architecture search on a benchmark, with live progress and a final report. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Run one architecture search and report the best architecture found: on a benchmark, or on "
        + "your own training script with --objective-cmd.",
        "Example: nasbowl search --benchmark nb201-cifar10 --method nasbowl-m --budget 160 --seed 0",
        "Example: nasbowl search --space nb201 --objective-cmd 'python train.py --arch {arch}' --parallel 4 "
            + "--budget 100 --out run/",
        "With --objective-cmd, {arch} is replaced by the architecture's notation (shell-quoted; do not quote it "
            + "yourself) and {seed} by the training seed (0, or r for the r-th replicate: NAS-BOWL re-evaluates its "
            + "best architectures, at most 5 times each, because training is noisy; also in $NASBOWL_SEED); the "
            + "last line the command prints is the validation accuracy in [0, 1] or a JSON object "
            + "{\"valid_acc\": ..., \"test_acc\": ..., \"cost\": ...}. The run directory keeps every result; the "
            + "same command resumes a killed run without re-evaluating anything."})
public final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--benchmark", defaultValue = "nb201-cifar10", description = "benchmark id (default: ${DEFAULT-VALUE}; `nasbowl benchmarks` lists them)")
  String benchmark;

  @Option(names = "--method", defaultValue = "nasbowl-m", description = "method id (default: ${DEFAULT-VALUE})")
  String method;

  @Option(names = "--budget", defaultValue = "160", description = "queries (default: ${DEFAULT-VALUE} = 10 + 30 x 5)")
  int budget;

  @Option(names = "--batch", defaultValue = "5", description = "architectures per iteration after the first 10 (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--seed", defaultValue = "0", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Mixin CommonOptions.DataDir data;

  @Mixin NasBowlOptions nasbowl;

  @Mixin CommonOptions.Objective objective;

  @Option(names = "--objective-cmd", paramLabel = "CMD",
      description = "evaluate architectures with this shell command instead of a benchmark")
  String objectiveCmd;

  @Option(names = "--space", defaultValue = "nb201",
      description = "search space with --objective-cmd: nb201, nb101 or darts (default: ${DEFAULT-VALUE})")
  String space;

  @Option(names = "--parallel", defaultValue = "1", description = "evaluations running at once with --objective-cmd (default: ${DEFAULT-VALUE})")
  int parallel;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "per-evaluation time limit with --objective-cmd (default: none)")
  Double timeout;

  @Option(names = "--out", paramLabel = "DIR", description = "run directory with --objective-cmd (required there)")
  Path out;

  @Option(names = "--workdir", paramLabel = "DIR", description = "working directory of the command (default: current)")
  Path workdir;

  @Mixin CommonOptions.MaxFailures maxFailures;

  @Option(names = "--warm-start", paramLabel = "FILE", description = "with --objective-cmd, start a new run from "
      + "these observations (a CSV with architecture and valid_acc, such as another run's results.csv, or a JSONL "
      + "trace): the model uses them and they are not evaluated again")
  Path warmStart;

  @Option(names = "--allow-command-change", description = "with --objective-cmd, resume a run with a changed "
      + "command (recorded in its events.jsonl); the budget, --parallel and --timeout may change without it")
  boolean allowCommandChange;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Methods.describe(method);
    if (budget < 1 || batch < 1) throw new IllegalArgumentException("--budget and --batch must be >= 1");
    if (objectiveCmd != null) {
      for (String o : List.of("--benchmark", "--noise", "--fail-if", "--fail-above-params")) {
        rejectGiven(o, "--objective-cmd evaluates with your command, not a benchmark");
      }
      return external(out, err);
    }
    for (String o : List.of("--space", "--parallel", "--timeout", "--out", "--workdir", "--max-consecutive-failures",
        "--warm-start", "--allow-command-change")) {
      rejectGiven(o, "--space, --parallel, --timeout, --out, --workdir, --max-consecutive-failures, --warm-start and "
          + "--allow-command-change apply to --objective-cmd runs only");
    }
    Benchmark<?> b = objective.modifiers().apply(BenchmarkCatalog.open(benchmark, data.path()));
    return report(b, out, err);
  }

  /** Fails when the user gave an option that this kind of search would silently ignore. */
  private void rejectGiven(String option, String why) {
    if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
      throw new IllegalArgumentException(option + " was given but is not used here: " + why);
    }
  }

  private <A> int report(Benchmark<A> b, PrintWriter out, PrintWriter err) {
    out.printf(Locale.ROOT, "search: %s on %s, budget %d, seed %d%n  %s%n  method: %s%n", method, b.id(), budget,
        seed, b.description(), Methods.describe(method));
    out.flush();
    Progress progress = new Progress(err, "search", budget, Progress.isTerminal(), 5);
    long start = System.nanoTime();
    List<QueryRecord> qs = BenchmarkRun.run(b, Methods.factory(method, b.deterministic(), true, nasbowl.acquisition, nasbowl.selection), seed,
        new BenchmarkRun.Schedule(budget, Math.min(10, budget), batch),
        q -> progress.advance(1, String.format(Locale.ROOT, "best valid %.4f, regret %.4f", q.bestValid(), q.regret())));
    double seconds = (System.nanoTime() - start) / 1e9;
    QueryRecord best = null;
    for (QueryRecord q : qs) if (q.failure() == null && (best == null || q.valid() > best.valid())) best = q;
    QueryRecord last = qs.get(qs.size() - 1);
    if (best == null) {
      out.println("no successful query");
      return 1;
    }
    A arch = b.space().parse(best.architecture());
    out.printf(Locale.ROOT, "%nbest architecture (query %d of %d): %s%n", best.query(), qs.size(), best.architecture());
    List<LabelledDag> cells = b.space().encode(arch);
    for (int c = 0; c < cells.size(); c++) {
      out.println("  graph" + (cells.size() > 1 ? " of cell " + c : "") + ": " + describe(cells.get(c)));
    }
    out.printf(Locale.ROOT, "  validation accuracy %.4f%s; %s %.4f%n", best.valid(), b.deterministic() ? ""
        : String.format(Locale.ROOT, " (noiseless %.4f)", best.validTrue()), b.regretMetric(), best.test());
    out.printf(Locale.ROOT, "  regret %.4f (optimum %.4f); oracle regret %.4f%n", last.regret(), b.bestRegretMetric(),
        last.oracleRegret());
    if (last.recommended() != null && !last.recommended().equals(best.architecture())) {
      out.printf(Locale.ROOT, "recommended by the model: %s%n  noiseless validation accuracy %.4f (the best "
          + "observation's: %.4f); %s %.4f%n", last.recommended(), last.recommendedValidTrue(), last.bestValidTrue(),
          b.regretMetric(), last.recommendedTest());
    } else if (last.recommended() != null && !b.deterministic()) {
      // On a deterministic benchmark the best observation is the recommendation; nothing to add.
      out.println("recommended by the model: the same architecture");
    }
    long failed = qs.stream().filter(QueryRecord::failed).count();
    if (failed > 0) out.printf(Locale.ROOT, "  %d of %d queries failed%n", failed, qs.size());
    double surrogate = qs.stream().mapToDouble(QueryRecord::surrogateSeconds).sum();
    out.printf(Locale.ROOT, "  %d queries in %.2f s (%.2f s proposing architectures)%n", qs.size(), seconds, surrogate);
    out.flush();
    return 0;
  }

  private int external(PrintWriter stdout, PrintWriter err) throws Exception {
    if (out == null) throw new IllegalArgumentException("--objective-cmd needs --out DIR for the run directory");
    return externalIn(UserSpaces.byName(space), stdout, err);
  }

  private <A> int externalIn(SearchSpace<A> s, PrintWriter stdout, PrintWriter err) throws Exception {
    ExternalObjectiveDriver.Settings settings = new ExternalObjectiveDriver.Settings(method, seed, objectiveCmd,
        parallel, budget, timeout == null ? null : java.time.Duration.ofMillis(Math.round(timeout * 1000)), out,
        workdir == null ? Path.of("").toAbsolutePath() : workdir, maxFailures.value, warmStart, allowCommandChange);
    RunSummary summary = new ExternalObjectiveDriver<>(s, Methods.factory(method, false, true, nasbowl.acquisition, nasbowl.selection), settings, line -> {
      err.println(line);
      err.flush();
    }).run();
    stdout.printf(Locale.ROOT, "%d evaluations (%d succeeded, %d failed); results in %s%n", summary.evaluations(),
        summary.succeeded(), summary.failed(), out.resolve(ExternalObjectiveDriver.RESULTS));
    summary.best().ifPresent(b -> {
      stdout.println("best architecture (evaluation " + b.id() + "): " + b.architecture());
      stdout.printf(Locale.ROOT, "  validation accuracy %.4f%s%n", b.observation().value().getAsDouble(),
          b.observation().testValue().isPresent()
              ? String.format(Locale.ROOT, ", test accuracy %.4f", b.observation().testValue().getAsDouble()) : "");
      for (LabelledDag g : s.encode(s.parse(b.architecture()))) stdout.println("  graph: " + describe(g));
    });
    summary.recommended().filter(r -> summary.byModel()).ifPresent(r -> stdout.println((summary.best()
        .map(b -> b.architecture().equals(r)).orElse(false) ? "recommended by the model: the same architecture"
        : "recommended by the model: " + r) + " (" + summary.describe(r) + "; the best single result can be luck: "
        + "the model pools every evaluation)"));
    stdout.flush();
    return summary.succeeded() > 0 ? 0 : 1;
  }

  /** A one-line picture of a graph: each node's label and successors. */
  static String describe(LabelledDag g) {
    StringBuilder sb = new StringBuilder();
    for (int v = 0; v < g.size(); v++) {
      if (v > 0) sb.append("; ");
      sb.append(v).append(':').append(g.label(v));
      int[] s = g.successors(v);
      if (s.length > 0) sb.append(" -> ").append(java.util.Arrays.toString(s));
    }
    return sb.toString();
  }
}
