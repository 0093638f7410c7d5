package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.experiments.benchmark.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl evaluate}: a benchmark standing in for a training script. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Print one architecture's result on a benchmark in the format objective commands use, so that "
        + "any benchmark can stand in for a training script (for demos and tests of 'search --objective-cmd' and "
        + "'worker').",
        "Example, from the project directory: ./nasbowl worker --study demo --objective-cmd "
            + "'./nasbowl evaluate --benchmark synthetic --arch {arch}' (the objective command runs in /bin/sh, so "
            + "a bare 'nasbowl' there needs the project directory on PATH)"})
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--benchmark", defaultValue = "nb201-cifar10", description = "benchmark id (default: ${DEFAULT-VALUE}; `nasbowl benchmarks` lists them)")
  String benchmark;

  @Option(names = "--arch", required = true, paramLabel = "NOTATION", description = "the architecture")
  String arch;

  @Option(names = "--json", description = "print {\"valid_acc\": ..., \"test_acc\": ...} instead of the bare validation accuracy")
  boolean json;

  @Option(names = "--seed", defaultValue = "0", description = "seed of a noisy benchmark's draw (default: ${DEFAULT-VALUE})")
  long seed;

  @Mixin CommonOptions.DataDir data;

  @Option(names = "--sleep-ms", defaultValue = "0", paramLabel = "MS[-MAX]",
      description = "FOR TESTS AND DEMOS ONLY: sleep this long first (a range draws uniformly, seeded by --seed and "
          + "the architecture), to imitate training time")
  String sleepMs;

  @Option(names = "--fail-rate", defaultValue = "0", paramLabel = "P",
      description = "FOR TESTS AND DEMOS ONLY: exit 1 with probability P (seeded by --seed and the architecture), "
          + "to imitate crashing training runs")
  double failRate;

  @Override
  public Integer call() throws Exception {
    if (!(failRate >= 0 && failRate <= 1)) throw new IllegalArgumentException("--fail-rate must be in [0, 1]: " + failRate);
    long[] sleep = range(sleepMs);
    Benchmark<?> b = BenchmarkCatalog.open(benchmark, data.path());
    return run(b, sleep);
  }

  private <A> int run(Benchmark<A> b, long[] sleep) throws InterruptedException {
    A a = NasBowlOptions.parseArch(b.space(), arch);
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ b.space().key(a).hashCode());
    long ms = sleep[0] + (sleep[1] > sleep[0] ? rng.nextLong(sleep[1] - sleep[0] + 1) : 0);
    boolean fail = rng.nextDouble() < failRate;
    if (ms > 0) Thread.sleep(ms);
    if (fail) {
      spec.commandLine().getErr().println("nasbowl evaluate: simulated failure (--fail-rate " + failRate + ")");
      spec.commandLine().getErr().flush();
      return 1;
    }
    Evaluation e = b.query(a, new SplittableRandom(seed));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.printf(Locale.ROOT, "{\"valid_acc\": %s%s}%n", e.validationAccuracy(),
          e.testAccuracy().isPresent() ? ", \"test_acc\": " + e.testAccuracy().getAsDouble() : "");
    } else {
      out.println(e.validationAccuracy());
    }
    out.flush();
    return 0;
  }

  static long[] range(String text) {
    String[] parts = text.split("-", -1);
    try {
      if (parts.length == 1) {
        long v = Long.parseLong(parts[0].strip());
        if (v >= 0) return new long[] {v, v};
      } else if (parts.length == 2) {
        long lo = Long.parseLong(parts[0].strip());
        long hi = Long.parseLong(parts[1].strip());
        if (lo >= 0 && hi >= lo) return new long[] {lo, hi};
      }
    } catch (NumberFormatException ignored) {
      // fall through
    }
    throw new IllegalArgumentException("--sleep-ms '" + text + "': expected MS or MIN-MAX with 0 <= MIN <= MAX");
  }
}
