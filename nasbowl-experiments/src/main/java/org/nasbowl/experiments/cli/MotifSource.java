package org.nasbowl.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.experiments.interpret.MotifReport;
import org.nasbowl.experiments.nas.BenchmarkRun;
import org.nasbowl.experiments.nas.Methods;
import org.nasbowl.experiments.nas.QueryRecord;
import org.nasbowl.experiments.run.RunData;
import org.nasbowl.experiments.run.RunEvaluation;
import org.nasbowl.experiments.run.RunReader;
import org.nasbowl.experiments.study.StudyStorage;
import org.nasbowl.experiments.study.StudyStore;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What a command learns from, shared by {@code motifs}, {@code explain}, {@code predict} and {@code plots --run}:
 * a finished run ({@code --from}: a {@code search --objective-cmd} run directory, a {@code study export} folder or a
 * benchmark trace), a study in its database ({@code --study} with {@code --storage}), or a search run here on
 * {@code --benchmark}. One of them must be named.
 */
public final class MotifSource {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--benchmark", description = "search this benchmark here and learn from its queries (or, with "
      + "--from a benchmark trace, check that the trace is of it)")
  String benchmark;

  @Option(names = "--method", defaultValue = "nasbowl-m", description = "search method with --benchmark (default: ${DEFAULT-VALUE})")
  String method;

  @Option(names = "--budget", defaultValue = "160", description = "queries with --benchmark (default: ${DEFAULT-VALUE})")
  int budget;

  @Option(names = "--seed", defaultValue = "0", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--from", paramLabel = "RUN", description = "a finished run: a 'search --objective-cmd' run "
      + "directory, a 'study export' folder, or a benchmark trace (traces/<benchmark>/<method>/seed-<s>.jsonl)")
  Path from;

  @Option(names = "--study", paramLabel = "NAME", description = "a study in its database (with --storage)")
  String study;

  @Mixin StorageOptions storage;

  @Option(names = "--min-occurrences", paramLabel = "N",
      description = "drop motifs in fewer architectures (default: a tenth of the architectures, between 2 and 10)")
  Integer minOccurrences;

  @Option(names = "--sample", defaultValue = "0", paramLabel = "N",
      description = "average the motif scores over N distinct architectures drawn from the space (with --seed) "
          + "instead of the evaluated ones; occurrences then count the sample (default: ${DEFAULT-VALUE} = the "
          + "evaluated architectures)")
  int sample;

  @Mixin CommonOptions.DataDir data;

  private RunData run;

  Path data() {
    return data.path();
  }

  /** The run named by --from or --study (read once), or null when a search runs here. */
  RunData run() throws IOException {
    if (run != null) return run;
    if (from != null && study != null) throw new IllegalArgumentException("give --from or --study, not both");
    if (from != null) {
      run = RunReader.read(from);
    } else if (study != null) {
      try (StudyStorage st = storage.open(Duration.ZERO, s -> { })) {
        StudyStore store = new StudyStore(st);
        run = RunReader.study(store, store.require(study));
      }
    }
    if (run != null && benchmark != null && !benchmark.equals(run.benchmark())) {
      throw new IllegalArgumentException(run.kind().label + " " + run.source() + " is "
          + (run.benchmark() == null ? "a run of your own objective" : "a run on " + run.benchmark())
          + ", not on --benchmark " + benchmark);
    }
    return run;
  }

  /** The benchmark: the run's (its own results, or the catalogue's for a trace), or --benchmark. */
  Benchmark<?> open() throws IOException {
    Methods.describe(method);
    if (run() != null) return run.benchmark(data());
    if (benchmark == null) {
      throw new IllegalArgumentException("say what to learn from: --from RUN (a run directory, a study export or a "
          + "trace), --study NAME, or --benchmark ID to search one here");
    }
    return BenchmarkCatalog.open(benchmark, data());
  }

  String describe() {
    return (run != null ? run.kind().label + " " + run.source() : method + " seed " + seed + " budget " + budget)
        + (sample > 0 ? "; scores over " + sample + " sampled architectures" : "");
  }

  /** One line saying what was read (or searched). */
  String said() {
    return run != null ? run.describe() : "searched " + benchmark + " here with " + describe();
  }

  /** The evaluated architectures and their validation accuracies. */
  record Evaluated<A>(List<A> architectures, double[] accuracies) {}

  <A> Evaluated<A> evaluated(Benchmark<A> b) throws IOException {
    List<A> archs = new ArrayList<>();
    List<Double> acc = new ArrayList<>();
    if (run() != null) {
      for (RunEvaluation e : run.modelled()) {
        archs.add(b.space().parse(e.architecture()));
        acc.add(e.valid());
      }
    } else {
      List<QueryRecord> queries = BenchmarkRun.run(b, Methods.factory(method, b.deterministic(), true), seed,
          BenchmarkRun.Schedule.defaults(budget), null);
      for (QueryRecord q : queries) {
        if (q.failure() != null) continue;
        archs.add(b.space().parse(q.architecture()));
        acc.add(q.valid());
      }
    }
    if (archs.size() < 2) {
      throw new IllegalArgumentException(said() + ": at least 2 successful evaluations are needed to learn from");
    }
    return new Evaluated<>(archs, acc.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The occurrence threshold: --min-occurrences, else a tenth of the architectures (2 to 10). */
  int minOccurrences(int architectures) {
    return minOccurrences != null ? minOccurrences : MotifReport.defaultMinOccurrences(sample > 0 ? sample : architectures);
  }

  <A> MotifReport.Learned learn(Benchmark<A> b, Evaluated<A> e) {
    return MotifReport.learn(b.space(), e.architectures(), e.accuracies(),
        MotifReport.Settings.defaults(b.deterministic()).withMinOccurrences(minOccurrences(e.architectures().size()))
            .withSample(sample, seed));
  }

  /** A line on what the occurrence threshold hid, or null when it hid nothing. */
  String hiddenNote(MotifReport.Learned l, int architectures) {
    if (l.hidden() == 0) return null;
    int m = minOccurrences(architectures);
    return "note: " + l.hidden() + " motif(s) occur in fewer than " + m + " architectures and are left out"
        + (l.hiddenOps().isEmpty() ? "" : ", among them the operation(s) " + String.join(", ", l.hiddenOps()))
        + " (--min-occurrences " + m + (minOccurrences == null ? ", scaled to " + architectures + " architectures" : "")
        + ")";
  }
}
