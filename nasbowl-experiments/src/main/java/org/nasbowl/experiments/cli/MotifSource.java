package org.nasbowl.experiments.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.experiments.interpret.MotifReport;
import org.nasbowl.experiments.nas.BenchmarkRun;
import org.nasbowl.experiments.nas.Methods;
import org.nasbowl.experiments.nas.QueryRecord;
import org.nasbowl.experiments.nas.Trace;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where motifs are learnt from, shared by {@code motifs} and {@code explain}: a search run here, or a finished
 * run's trace ({@code --from}), which must belong to the benchmark asked for.
 */
public final class MotifSource {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--benchmark", defaultValue = "synthetic", description = "benchmark id (default: ${DEFAULT-VALUE})")
  String benchmark;

  @Option(names = "--method", defaultValue = "nasbowl-m", description = "search method (default: ${DEFAULT-VALUE})")
  String method;

  @Option(names = "--budget", defaultValue = "160", description = "queries (default: ${DEFAULT-VALUE})")
  int budget;

  @Option(names = "--seed", defaultValue = "0", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--from", paramLabel = "TRACE", description = "a finished run's trace (traces/.../seed-S.jsonl) instead of searching")
  Path from;

  @Option(names = "--min-occurrences", defaultValue = "10",
      description = "drop motifs in fewer architectures (default: ${DEFAULT-VALUE})")
  int minOccurrences;

  @Option(names = "--sample", defaultValue = "0", paramLabel = "N",
      description = "average the motif scores over N distinct architectures drawn from the space (with --seed) "
          + "instead of the evaluated ones; occurrences then count the sample (default: ${DEFAULT-VALUE} = the "
          + "evaluated architectures)")
  int sample;

  @Mixin CommonOptions.DataDir data;

  Path data() {
    return data.path();
  }

  /** The trace, checked: it exists and, when --benchmark is given too, belongs to it. */
  private Trace trace() throws IOException {
    if (!Files.isRegularFile(from)) {
      throw new IllegalArgumentException("--from " + from + ": no such trace file (expected traces/<benchmark>/<method>/seed-<s>.jsonl)");
    }
    Trace t = Trace.read(from);
    if (mixee.commandLine().getParseResult().hasMatchedOption("--benchmark") && !t.benchmark().equals(benchmark)) {
      throw new IllegalArgumentException("--from " + from + " is a run on " + t.benchmark() + ", not on --benchmark "
          + benchmark);
    }
    return t;
  }

  /** The benchmark: --benchmark, or the trace's. */
  Benchmark<?> open() throws IOException {
    Methods.describe(method);
    if (from != null) {
      Trace t = trace();
      java.util.Optional<Benchmark<?>> study = org.nasbowl.experiments.study.StudyTraceBenchmark.of(t);
      if (study.isPresent()) return study.get();
      return BenchmarkCatalog.open(t.benchmark(), data());
    }
    return BenchmarkCatalog.open(benchmark, data());
  }

  String describe() {
    return (from != null ? from.toString() : method + " seed " + seed + " budget " + budget)
        + (sample > 0 ? "; scores over " + sample + " sampled architectures" : "");
  }

  /** The evaluated architectures and their validation accuracies. */
  record Evaluated<A>(List<A> architectures, double[] accuracies) {}

  <A> Evaluated<A> evaluated(Benchmark<A> b) throws IOException {
    List<QueryRecord> queries = from != null ? trace().queries()
        : BenchmarkRun.run(b, Methods.factory(method, b.deterministic(), true), seed,
            BenchmarkRun.Schedule.defaults(budget), null);
    List<A> archs = new ArrayList<>();
    List<Double> acc = new ArrayList<>();
    for (QueryRecord q : queries) {
      if (q.failure() != null) continue;
      archs.add(b.space().parse(q.architecture()));
      acc.add(q.valid());
    }
    return new Evaluated<>(archs, acc.stream().mapToDouble(Double::doubleValue).toArray());
  }

  <A> MotifReport.Learned learn(Benchmark<A> b, Evaluated<A> e) {
    return MotifReport.learn(b.space(), e.architectures(), e.accuracies(),
        MotifReport.Settings.defaults(b.deterministic()).withMinOccurrences(minOccurrences).withSample(sample, seed));
  }
}
