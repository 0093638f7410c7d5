package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.experiments.data.DataDirectory;
import org.nasbowl.experiments.interpret.MotifReport;
import org.nasbowl.experiments.nas.BenchmarkRun;
import org.nasbowl.experiments.nas.Methods;
import org.nasbowl.experiments.nas.QueryRecord;
import org.nasbowl.experiments.nas.Trace;
import org.nasbowl.experiments.results.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl motifs}: which building blocks make architectures good, learnt from a search. */
@Command(name = "motifs", mixinStandardHelpOptions = true,
    description = {"Rank WL motifs by the paper's average gradient of the GP posterior mean, learnt from a search's "
        + "queries (run here, or --from a finished run's trace). Writes motifs.csv (rank, motif, depth, cell, "
        + "average_gradient, occurrences, mean_accuracy) and provenance.json into --out."})
public final class MotifsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

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

  @Option(names = "--top", defaultValue = "5", description = "motifs printed from each end (default: ${DEFAULT-VALUE})")
  int top;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "benchmark data (default: $NASBOWL_DATA, else data/)")
  Path dataDir;

  @Option(names = "--out", defaultValue = "results/motifs", description = "output directory (default: ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    Methods.describe(method);
    DataDirectory dir = DataDirectory.resolve(dataDir);
    String id = benchmark;
    if (from != null) id = Trace.read(from).benchmark();
    Benchmark<?> b = BenchmarkCatalog.open(id, dir.path());
    return run(b, dir.path());
  }

  private <A> int run(Benchmark<A> b, Path data) throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    List<QueryRecord> queries = from != null ? Trace.read(from).queries()
        : BenchmarkRun.run(b, Methods.factory(method, b.deterministic(), true), seed,
            BenchmarkRun.Schedule.defaults(budget), null);
    List<A> archs = new ArrayList<>();
    List<Double> acc = new ArrayList<>();
    for (QueryRecord q : queries) {
      if (q.failure() != null) continue;
      archs.add(b.space().parse(q.architecture()));
      acc.add(q.valid());
    }
    List<MotifReport.Row> rows = MotifReport.rank(b.space(), archs, acc.stream().mapToDouble(Double::doubleValue).toArray(),
        b.deterministic(), minOccurrences);
    MotifReport.writeCsv(out.resolve("motifs.csv"), rows);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("benchmark", b.id());
    settings.put("source", from != null ? from.toString() : method + " seed " + seed + " budget " + budget);
    settings.put("min_occurrences", minOccurrences);
    List<Path> files = new ArrayList<>();
    BenchmarkCatalog.find(b.id()).ifPresent(e -> e.files().forEach(f -> files.add(data.resolve(f))));
    Provenance.write(out, "nasbowl " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
        settings, files);
    stdout.printf(Locale.ROOT, "%d motifs from %d architectures of %s; written to %s%n", rows.size(), archs.size(),
        b.id(), out.resolve("motifs.csv"));
    stdout.println("good (highest average gradient):");
    for (MotifReport.Row r : rows.subList(0, Math.min(top, rows.size()))) print(stdout, r);
    stdout.println("bad (lowest average gradient):");
    for (MotifReport.Row r : rows.subList(Math.max(0, rows.size() - top), rows.size())) print(stdout, r);
    stdout.flush();
    return 0;
  }

  private static void print(PrintWriter out, MotifReport.Row r) {
    out.printf(Locale.ROOT, "  %3d  %-45s depth %d  AG %+.4g  in %d architectures, mean accuracy %.4f%n", r.rank(),
        r.motif(), r.depth(), r.averageGradient(), r.occurrences(), r.meanAccuracy());
  }
}
