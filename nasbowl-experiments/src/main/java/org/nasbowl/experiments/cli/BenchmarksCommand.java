package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.experiments.data.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nasbowl benchmarks}: every benchmark, whether its data was found and where, or how to obtain it. */
@Command(name = "benchmarks", mixinStandardHelpOptions = true,
    description = "List every benchmark, whether its data was found (and where), and how to obtain what is missing.")
public final class BenchmarksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CommonOptions.DataDir data;

  @Option(names = "--load", description = "also load each available benchmark and print its size and optima")
  boolean load;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DataDirectory dir = data.resolve();
    out.println("data directory: " + dir.path() + " (" + dir.source() + ")");
    out.println();
    int failures = 0;
    for (BenchmarkCatalog.Entry e : BenchmarkCatalog.entries()) {
      List<String> missing = e.missing(dir.path());
      String status = missing.isEmpty() ? "available" : "missing";
      out.printf(Locale.ROOT, "%-22s %-10s %s%n", e.id(), status, e.summary());
      if (missing.isEmpty()) {
        String where = e.files().isEmpty() ? "embedded"
            : String.join(", ", e.paths(dir.path()).stream().map(Path::toString).toList());
        out.println("    data: " + where);
        if (load) {
          try {
            Benchmark<?> b = e.open(dir.path());
            out.printf(Locale.ROOT, "    %d architectures; best objective %.4f; best %s %.4f%n", b.size(),
                b.bestValidationAccuracy(), b.regretMetric(), b.bestRegretMetric());
          } catch (RuntimeException ex) {
            failures++;
            out.println("    cannot load: " + ex.getMessage());
          }
        }
      } else {
        out.println("    needs " + String.join(", ", missing) + " in the data directory; to obtain: " + e.howToObtain());
      }
    }
    out.flush();
    return failures == 0 ? 0 : 2;
  }
}
