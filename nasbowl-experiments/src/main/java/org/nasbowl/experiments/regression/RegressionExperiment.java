package org.nasbowl.experiments.regression;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nasbowl.core.stats.RankCorrelation;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.data.CsvTable;
import org.nasbowl.experiments.results.Progress;
import org.nasbowl.experiments.results.Provenance;
import org.nasbowl.surrogates.regression.Prediction;
import org.nasbowl.surrogates.regression.RegressionSurrogates;
import org.nasbowl.surrogates.regression.Surrogate;

/**
 * The surrogate-regression experiment (ALGORITHM.md section 9): per (benchmark, seed), 400 distinct test
 * architectures and a disjoint training sequence drawn from the benchmark's table with the seed alone; the
 * training set of size n is the first n of the sequence (nested); the target is the benchmark's validation
 * accuracy; all surrogates see the same splits. Each (benchmark, surrogate, seed) task writes its rows for all
 * training sizes atomically ({@code rows/<benchmark>/<surrogate>/seed-<s>.csv}); a restarted experiment runs
 * only missing tasks. At the end: {@code results.csv}, {@code summary.csv} (mean and standard error),
 * {@code data_efficiency.csv} and {@code provenance.json}.
 */
public final class RegressionExperiment {
  private RegressionExperiment() {}

  public static final String HEADER = "benchmark,surrogate,n_train,seed,spearman,kendall,rmse,nll,fit_s,predict_s";

  public record Settings(List<String> benchmarks, List<String> surrogates, List<Integer> trainSizes, int testSize,
      List<Long> seeds, int jobs, Path dataDir, Path out, String command, Map<String, Sizes> sizesFor) {
    public Settings(List<String> benchmarks, List<String> surrogates, List<Integer> trainSizes, int testSize,
        List<Long> seeds, int jobs, Path dataDir, Path out, String command) {
      this(benchmarks, surrogates, trainSizes, testSize, seeds, jobs, dataDir, out, command, Map.of());
    }

    public Settings {
      sizesFor = Map.copyOf(sizesFor);
      for (String b : sizesFor.keySet()) {
        if (!benchmarks.contains(b)) {
          throw new IllegalArgumentException("--sizes-for " + b + " is not among --benchmarks " + benchmarks);
        }
      }
    }

    /** The training sizes and test size of one benchmark: its --sizes-for, else the defaults. */
    public Sizes sizes(String benchmark) {
      return sizesFor.getOrDefault(benchmark, new Sizes(trainSizes, testSize));
    }
  }

  /** Training sizes (nested) and the held-out size of one benchmark. */
  public record Sizes(List<Integer> train, int test) {
    public Sizes {
      train = List.copyOf(train);
      if (train.isEmpty() || test < 2) throw new IllegalArgumentException("need training sizes and a test size >= 2");
    }

    int maxTrain() {
      return train.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    /** Parses {@code N1,N2,.../TEST}. */
    public static Sizes parse(String text) {
      String[] parts = text.split("/", -1);
      try {
        if (parts.length == 2) {
          List<Integer> train = new ArrayList<>();
          for (String n : parts[0].split(",")) train.add(Integer.parseInt(n.strip()));
          return new Sizes(train, Integer.parseInt(parts[1].strip()));
        }
      } catch (NumberFormatException e) {
        // below
      }
      throw new IllegalArgumentException("--sizes-for value '" + text + "': expected N1,N2,.../TEST, e.g. 10,25,50/64");
    }
  }

  /** One result row. */
  public record Row(String benchmark, String surrogate, int nTrain, long seed, double spearman, double kendall,
      double rmse, double nll, double fitSeconds, double predictSeconds) {
    String csv() {
      return String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s,%s,%s,%.4f,%.4f", benchmark, surrogate, nTrain, seed,
          f(spearman), f(kendall), f(rmse), f(nll), fitSeconds, predictSeconds);
    }
  }

  record Task(String benchmark, String surrogate, long seed) {
    Path file(Path out) {
      return out.resolve("rows").resolve(benchmark).resolve(surrogate).resolve("seed-" + seed + ".csv");
    }
  }

  /** The test set and training sequence of one (benchmark, seed). */
  record Split<A>(List<A> test, double[] testY, List<A> train, double[] trainY) {}

  public static List<Row> run(Settings s, PrintWriter log) throws IOException {
    Map<String, Benchmark<?>> benchmarks = new LinkedHashMap<>();
    Map<String, List<?>> tables = new LinkedHashMap<>();
    List<Path> dataFiles = new ArrayList<>();
    for (String id : s.benchmarks()) {
      BenchmarkCatalog.Entry e = BenchmarkCatalog.require(id);
      Benchmark<?> b = BenchmarkCatalog.open(id, s.dataDir());
      Sizes sz = s.sizes(id);
      if (b.size() < sz.test() + sz.maxTrain()) {
        throw new IllegalArgumentException(id + " has " + b.size() + " architectures, fewer than test size "
            + sz.test() + " + largest n " + sz.maxTrain() + (s.sizesFor().containsKey(id) ? "" : "; set --sizes-for "
            + id + "=N1,N2,.../TEST"));
      }
      benchmarks.put(id, b);
      dataFiles.addAll(e.paths(s.dataDir()));
    }
    for (String sur : s.surrogates()) RegressionSurrogates.describe(sur);
    // Only once the benchmarks and surrogates are known good: a refused command leaves no --out directory.
    Files.createDirectories(s.out());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("benchmarks", s.benchmarks());
    settings.put("surrogates", s.surrogates());
    settings.put("train_sizes", s.trainSizes());
    settings.put("test_size", s.testSize());
    if (!s.sizesFor().isEmpty()) {
      Map<String, String> per = new java.util.TreeMap<>();
      s.sizesFor().forEach((k, v) -> per.put(k, v.train() + " / " + v.test()));
      settings.put("sizes_for", per);
    }
    settings.put("seeds", s.seeds());
    Provenance.write(s.out(), s.command(), settings, dataFiles.stream().distinct().toList());

    List<Task> all = new ArrayList<>();
    List<Task> todo = new ArrayList<>();
    for (String b : s.benchmarks()) {
      for (String sur : s.surrogates()) {
        for (long seed : s.seeds()) {
          Task t = new Task(b, sur, seed);
          all.add(t);
          if (!Files.exists(t.file(s.out()))) todo.add(t);
        }
      }
    }
    log.printf(Locale.ROOT, "regression experiment: %d tasks, %d already done, %d to run on %d threads%n",
        all.size(), all.size() - todo.size(), todo.size(), s.jobs());
    log.flush();
    for (String b : s.benchmarks()) {
      if (todo.stream().anyMatch(t -> t.benchmark().equals(b))) tables.put(b, benchmarks.get(b).architectures().toList());
    }
    Progress progress = new Progress(log, "regression", todo.size(), Progress.isTerminal(), 10);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, s.jobs()));
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (Task t : todo) {
        fs.add(pool.submit(() -> {
          List<Row> rows = runTask(benchmarks.get(t.benchmark()), tables.get(t.benchmark()), t, s);
          try {
            AtomicFiles.writeText(t.file(s.out()), w -> {
              w.write(HEADER + "\n");
              for (Row r : rows) w.write(r.csv() + "\n");
            });
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          progress.advance(1, t.benchmark() + " " + t.surrogate() + " seed " + t.seed());
          return null;
        }));
      }
      for (Future<?> f : fs) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a task failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<Row> rows = new ArrayList<>();
    for (Task t : all) rows.addAll(read(t.file(s.out())));
    Summaries.write(s.out(), rows, s.trainSizes());
    return rows;
  }

  @SuppressWarnings("unchecked")
  static <A> List<Row> runTask(Benchmark<A> b, List<?> table, Task t, Settings s) {
    Sizes sizes = s.sizes(t.benchmark());
    Split<A> split = split(b, (List<A>) table, t.seed(), sizes.test(), sizes.maxTrain());
    Surrogate<A> sur = RegressionSurrogates.create(t.surrogate(), b.space());
    List<Row> rows = new ArrayList<>();
    for (int n : sizes.train()) {
      long t0 = System.nanoTime();
      Surrogate.Fitted<A> fitted = sur.fit(split.train().subList(0, n), Arrays.copyOf(split.trainY(), n),
          t.seed() * 1_000_003L + n);
      long t1 = System.nanoTime();
      Prediction p = fitted.predict(split.test());
      long t2 = System.nanoTime();
      rows.add(metrics(t.benchmark(), t.surrogate(), n, t.seed(), p, split.testY(), (t1 - t0) / 1e9, (t2 - t1) / 1e9));
    }
    return rows;
  }

  /** Draws the split of one (benchmark, seed) from the seed alone: the same for every surrogate. */
  static <A> Split<A> split(Benchmark<A> b, List<A> table, long seed, int testSize, int maxTrain) {
    SplittableRandom rng = new SplittableRandom(0x2545F4914F6CDD1DL ^ (seed * 0x9E3779B97F4A7C15L));
    Set<Integer> used = new HashSet<>();
    List<A> test = new ArrayList<>();
    List<A> train = new ArrayList<>();
    while (test.size() < testSize) {
      int k = rng.nextInt(table.size());
      if (used.add(k)) test.add(table.get(k));
    }
    while (train.size() < maxTrain) {
      int k = rng.nextInt(table.size());
      if (used.add(k)) train.add(table.get(k));
    }
    SplittableRandom noise = new SplittableRandom(seed ^ 0x5DEECE66DL);
    double[] testY = new double[testSize];
    for (int i = 0; i < testSize; i++) testY[i] = b.query(test.get(i), noise).validationAccuracy();
    double[] trainY = new double[maxTrain];
    for (int i = 0; i < maxTrain; i++) trainY[i] = b.query(train.get(i), noise).validationAccuracy();
    return new Split<>(test, testY, train, trainY);
  }

  static Row metrics(String bench, String sur, int n, long seed, Prediction p, double[] y, double fit, double pred) {
    double se = 0;
    double nll = 0;
    for (int i = 0; i < y.length; i++) {
      double d = p.mean()[i] - y[i];
      se += d * d;
      if (p.hasVariance()) {
        double v = Math.max(p.variance()[i], 1e-12);
        nll += 0.5 * (Math.log(2 * Math.PI * v) + d * d / v);
      }
    }
    return new Row(bench, sur, n, seed, RankCorrelation.spearman(p.mean(), y), RankCorrelation.kendallTauB(p.mean(), y),
        Math.sqrt(se / y.length), p.hasVariance() ? nll / y.length : Double.NaN, fit, pred);
  }

  static List<Row> read(Path file) {
    List<Row> rows = new ArrayList<>();
    CsvTable.read(file, List.of("benchmark", "surrogate", "n_train", "seed", "spearman"), r -> rows.add(new Row(
        r.text("benchmark"), r.text("surrogate"), (int) r.integer("n_train"), r.integer("seed"), num(r, "spearman"),
        num(r, "kendall"), num(r, "rmse"), num(r, "nll"), num(r, "fit_s"), num(r, "predict_s"))));
    return rows;
  }

  private static double num(CsvTable.Row r, String c) {
    String v = r.raw(c);
    return v.isEmpty() ? Double.NaN : Double.parseDouble(v);
  }

  static String f(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
  }
}
