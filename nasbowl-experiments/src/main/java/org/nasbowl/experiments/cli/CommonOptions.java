package org.nasbowl.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import org.nasbowl.experiments.benchmark.ModifiedBenchmark;
import org.nasbowl.experiments.data.DataDirectory;
import org.nasbowl.experiments.external.FailureStreak;
import org.nasbowl.experiments.nas.NasExperiment;
import picocli.CommandLine.Option;

/** The option blocks several commands share, as picocli mixins ({@code @Mixin}), so each is written once. */
public final class CommonOptions {
  private CommonOptions() {}

  /** {@code --data-dir}: where benchmark tables are read from. */
  public static final class DataDir {
    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "benchmark data directory (default: $NASBOWL_DATA, else data/ in the project)")
    Path dir;

    /** The directory: {@code --data-dir}, else {@code NASBOWL_DATA}, else {@code data/}, with where it came from. */
    DataDirectory resolve() {
      return DataDirectory.resolve(dir);
    }

    Path path() {
      return resolve().path();
    }
  }

  /** {@code --seeds}: a seed list such as {@code 0-19} or {@code 1,4,7}. */
  public static final class Seeds {
    @Option(names = "--seeds", defaultValue = "0-19",
        description = "seeds, e.g. 0-19 or 1,4,7 (default: ${DEFAULT-VALUE})")
    String spec;

    List<Long> list() {
      return NasExperiment.parseSeeds(spec);
    }
  }

  /** {@code --jobs}: runs (or tasks) in parallel, by default one per core. */
  public static final class Jobs {
    @Option(names = "--jobs", description = "runs in parallel (default: number of cores)")
    Integer jobs;

    int value() {
      int j = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
      if (j < 1) throw new IllegalArgumentException("--jobs must be >= 1: " + j);
      return j;
    }
  }

  /** {@code --max-consecutive-failures}: when a search on the user's command gives up ({@link FailureStreak}). */
  public static final class MaxFailures {
    @Option(names = "--max-consecutive-failures", paramLabel = "N",
        defaultValue = "" + FailureStreak.DEFAULT_LIMIT,
        description = "stop after N failed evaluations in a row, as a broken objective command would otherwise "
            + "spend the whole budget on failures (default: ${DEFAULT-VALUE}; 0: never stop)")
    int value;
  }

  /**
   * {@code --noise}, {@code --fail-if}, {@code --fail-above-params}: a benchmark made to behave like real training
   * ({@link ModifiedBenchmark}).
   */
  public static final class Objective {
    @Option(names = "--noise", paramLabel = "SD", defaultValue = "0",
        description = "Gaussian noise of SD percentage points on every query's validation accuracy, drawn from the "
            + "run's seed; regrets stay on the noiseless values (default: ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--fail-if", paramLabel = "OP",
        description = "every architecture containing this operation fails (a planted failure region), e.g. avg_pool_3x3")
    String failIf;

    @Option(names = "--fail-above-params", paramLabel = "N",
        description = "every architecture with more than N trainable parameters fails, as out of memory would "
            + "(tables with parameter counts: nb101-20k, nb101)")
    Double failAboveParams;

    ModifiedBenchmark.Modifiers modifiers() {
      return new ModifiedBenchmark.Modifiers(noise, failIf, failAboveParams);
    }
  }

  /** {@code --out}: the output directory, with a default per command ({@code new OutDir("results/nas")}). */
  public static final class OutDir {
    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: ${DEFAULT-VALUE})")
    Path dir;

    public OutDir() {}

    OutDir(String defaultDir) {
      this.dir = Path.of(defaultDir);
    }
  }
}
