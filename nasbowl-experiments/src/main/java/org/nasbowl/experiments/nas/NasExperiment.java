package org.nasbowl.experiments.nas;

import static org.nasbowl.experiments.results.Stats.mean;
import static org.nasbowl.experiments.results.Stats.median;
import static org.nasbowl.experiments.results.Stats.se;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.experiments.benchmark.ModifiedBenchmark;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.results.Progress;
import org.nasbowl.experiments.results.Provenance;

/**
 * The NAS experiment grid: benchmarks x methods x seeds, run in parallel over the cores. Each run's generator
 * derives from its seed alone, so results do not depend on scheduling. Each finished run writes its trace
 * atomically ({@code traces/<benchmark>/<method>/seed-<s>.jsonl}); a restarted grid skips runs whose trace
 * exists, so a killed grid finishes only what is missing. At the end: {@code summary.csv} (one row per run),
 * {@code aggregate.csv} (mean and standard error of final regret per benchmark and method),
 * {@code timings.csv} (median milliseconds of the last full-batch iteration and median seconds per run),
 * {@code curves.csv} (mean and standard error of regret after every query), {@code cost.csv} (median seconds per BO
 * iteration against the number of observations), {@code paired.csv} (paired differences from the first method),
 * {@code locality.csv} (NAS-Bench-201: how far queries lie from earlier ones and from the best),
 * {@code recommendation.csv} (the recommendation against the best observation, paired per run) and
 * {@code provenance.json}. With {@code --noise} every regret is on the noiseless value of the architecture each
 * rule picks; with a failure region, against the best architecture that does not fail.
 */
public final class NasExperiment {
  /** What to run. */
  public record Settings(List<String> benchmarks, List<String> methods, List<Long> seeds, int budget, int jobs,
      Path dataDir, Path out, String command, Map<String, Integer> budgetFor, ModifiedBenchmark.Modifiers modifiers,
      int batch) {
    public Settings(List<String> benchmarks, List<String> methods, List<Long> seeds, int budget, int jobs,
        Path dataDir, Path out, String command, Map<String, Integer> budgetFor, ModifiedBenchmark.Modifiers modifiers) {
      this(benchmarks, methods, seeds, budget, jobs, dataDir, out, command, budgetFor, modifiers,
          BenchmarkRun.Schedule.BATCH);
    }

    public Settings(List<String> benchmarks, List<String> methods, List<Long> seeds, int budget, int jobs,
        Path dataDir, Path out, String command) {
      this(benchmarks, methods, seeds, budget, jobs, dataDir, out, command, Map.of());
    }

    public Settings(List<String> benchmarks, List<String> methods, List<Long> seeds, int budget, int jobs,
        Path dataDir, Path out, String command, Map<String, Integer> budgetFor) {
      this(benchmarks, methods, seeds, budget, jobs, dataDir, out, command, budgetFor, ModifiedBenchmark.Modifiers.none());
    }

    /** These settings on benchmarks with noise or a failure region. */
    public Settings with(ModifiedBenchmark.Modifiers m) {
      return new Settings(benchmarks, methods, seeds, budget, jobs, dataDir, out, command, budgetFor, m, batch);
    }

    /** These settings with batches of {@code b} after the first batch of 10. */
    public Settings withBatch(int b) {
      return new Settings(benchmarks, methods, seeds, budget, jobs, dataDir, out, command, budgetFor, modifiers, b);
    }

    public Settings {
      if (benchmarks.isEmpty() || methods.isEmpty() || seeds.isEmpty()) {
        throw new IllegalArgumentException("--benchmarks, --methods and --seeds must each name at least one");
      }
      if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1: " + batch);
      if (budget < MIN_BUDGET) {
        throw new IllegalArgumentException("--budget must be >= " + MIN_BUDGET + " (the first batch): " + budget);
      }
      budgetFor = Map.copyOf(budgetFor);
      for (var e : budgetFor.entrySet()) {
        if (!benchmarks.contains(e.getKey())) {
          throw new IllegalArgumentException("--budget-for " + e.getKey() + " is not among --benchmarks " + benchmarks);
        }
        if (e.getValue() < MIN_BUDGET) {
          throw new IllegalArgumentException("--budget-for " + e.getKey() + " must be >= " + MIN_BUDGET);
        }
      }
    }

    /** The budget of one benchmark's runs: its --budget-for, else --budget. */
    public int budget(String benchmark) {
      return budgetFor.getOrDefault(benchmark, budget);
    }
  }

  /** The smallest budget of a run: the runner's first batch. */
  static final int MIN_BUDGET = 10;

  /** One (benchmark, method, seed) run. */
  record Task(String benchmark, String method, long seed) {
    Path trace(Path out) {
      return out.resolve("traces").resolve(benchmark).resolve(method).resolve("seed-" + seed + ".jsonl");
    }
  }

  private NasExperiment() {}

  /** Runs the missing part of the grid and rewrites the summaries; returns all traces. */
  public static List<Trace> run(Settings s, PrintWriter log) throws IOException {
    Map<String, Benchmark<?>> benchmarks = new LinkedHashMap<>();
    List<Path> dataFiles = new ArrayList<>();
    for (String id : s.benchmarks()) {
      BenchmarkCatalog.Entry e = BenchmarkCatalog.require(id);
      benchmarks.put(id, s.modifiers().apply(BenchmarkCatalog.open(id, s.dataDir())));
      dataFiles.addAll(e.paths(s.dataDir()));
    }
    for (String m : s.methods()) Methods.describe(m);
    // Only once the benchmarks and methods are known good: a mistyped command leaves no --out directory behind.
    Files.createDirectories(s.out());
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("benchmarks", s.benchmarks());
    settings.put("methods", s.methods());
    settings.put("seeds", s.seeds());
    settings.put("budget", s.budget());
    if (!s.budgetFor().isEmpty()) settings.put("budget_for", new java.util.TreeMap<>(s.budgetFor()));
    settings.put("schedule", "initial batch 10, then batches of " + s.batch());
    if (s.modifiers().any()) settings.put("objective", s.modifiers().describe());
    Provenance.write(s.out(), s.command(), settings, dataFiles.stream().distinct().toList());

    List<Task> todo = new ArrayList<>();
    List<Task> all = new ArrayList<>();
    for (String b : s.benchmarks()) {
      for (String m : s.methods()) {
        // Exhaustive pools only where the space is enumerable in memory (NAS-Bench-201, synthetic).
        if (m.startsWith("nasbowl-x") && !org.nasbowl.core.bo.NasBowl.exhaustible(benchmarks.get(b).space())) continue;
        for (long seed : s.seeds()) {
          Task t = new Task(b, m, seed);
          all.add(t);
          if (Files.exists(t.trace(s.out()))) {
            Trace old = Trace.read(t.trace(s.out()));
            if (old.budget() != s.budget(b)) {
              throw new IllegalStateException(t.trace(s.out()) + " was written with budget " + old.budget()
                  + ", not " + s.budget(b) + "; use another --out directory");
            }
            if (old.batch() != s.batch()) {
              throw new IllegalStateException(t.trace(s.out()) + " was written with batches of " + old.batch()
                  + ", not " + s.batch() + "; use another --out directory");
            }
            if (!old.objective().equals(s.modifiers().describe())) {
              throw new IllegalStateException(t.trace(s.out()) + " was written with objective '" + old.objective()
                  + "', not '" + s.modifiers().describe() + "' (--noise, --fail-if, --fail-above-params); use another "
                  + "--out directory");
            }
          } else {
            todo.add(t);
          }
        }
      }
    }
    log.printf(Locale.ROOT, "nas experiment: %d runs in the grid, %d already done, %d to run on %d threads%n",
        all.size(), all.size() - todo.size(), todo.size(), s.jobs());
    log.flush();
    Progress progress = new Progress(log, "nas", todo.size(), Progress.isTerminal(), 10);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, s.jobs()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Task t : todo) {
        futures.add(pool.submit(() -> {
          Benchmark<?> b = benchmarks.get(t.benchmark());
          Trace tr = runOne(b, t, s.budget(t.benchmark()), s.batch(), s.jobs() <= 1, s.modifiers().describe());
          try {
            tr.write(t.trace(s.out()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          progress.advance(1, t.benchmark() + " " + t.method() + " seed " + t.seed());
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("a run failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    List<Trace> traces = new ArrayList<>();
    for (Task t : all) traces.add(Trace.read(t.trace(s.out())));
    Map<String, Double> bestValid = new LinkedHashMap<>();
    benchmarks.forEach((id, b) -> bestValid.put(id, b.bestValidationAccuracy()));
    writeSummaries(s.out(), traces, bestValid);
    if (s.methods().size() > 1) writePaired(s.out(), traces, s.methods().get(0));
    Locality.write(s.out(), traces);
    return traces;
  }

  static <A> Trace runOne(Benchmark<A> b, Task t, int budget, int batch, boolean parallelSurrogate, String objective) {
    long start = System.nanoTime();
    List<QueryRecord> qs = BenchmarkRun.run(b, Methods.factory(t.method(), b.deterministic(), parallelSurrogate),
        t.seed(), BenchmarkRun.Schedule.of(budget, batch), null);
    return new Trace(t.benchmark(), t.method(), t.seed(), budget, b.regretMetric(), qs,
        (System.nanoTime() - start) / 1e9, objective, batch);
  }

  /** As {@link #writeSummaries(Path, List, Map)} without validation optima (validation regret left empty). */
  static void writeSummaries(Path out, List<Trace> traces) throws IOException {
    writeSummaries(out, traces, Map.of());
  }

  /**
   * summary.csv, aggregate.csv, timings.csv, curves.csv and cost.csv from the traces, written atomically. Three
   * regrets: the test regret of the best architecture by validation accuracy ({@code regret}), the oracle regret
   * (best test accuracy among all queried, as the original logs) and the validation regret, the objective's own
   * regret: the benchmark's best validation accuracy minus the best validation accuracy found (from
   * {@code bestValid}; empty for a benchmark missing there).
   */
  static void writeSummaries(Path out, List<Trace> traces, Map<String, Double> bestValid) throws IOException {
    List<Trace> sorted = new ArrayList<>(traces);
    sorted.sort(Comparator.comparing(Trace::benchmark).thenComparing(Trace::method).thenComparingLong(Trace::seed));
    AtomicFiles.writeText(out.resolve("summary.csv"), w -> {
      w.write("benchmark,method,seed,queries,final_regret,final_oracle_regret,best_valid,seconds,final_valid_regret,"
          + "recommended_regret,failed\n");
      for (Trace t : sorted) {
        w.write(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s,%s,%.3f,%s,%s,%d%n", t.benchmark(), t.method(), t.seed(),
            t.queries().size(), fmt(t.last().regret()), fmt(t.last().oracleRegret()), fmt(t.last().bestValid()),
            t.seconds(), fmt(validRegret(bestValid, t, t.last())), fmt(recommendedRegret(bestValid, t, t.last())),
            t.failed()));
      }
    });
    Map<String, List<Trace>> groups = new LinkedHashMap<>();
    for (Trace t : sorted) groups.computeIfAbsent(t.benchmark() + "," + t.method(), k -> new ArrayList<>()).add(t);
    AtomicFiles.writeText(out.resolve("aggregate.csv"), w -> {
      w.write("benchmark,method,runs,mean_final_regret,se_final_regret,mean_final_oracle_regret,"
          + "se_final_oracle_regret,regret_metric,mean_final_valid_regret,se_final_valid_regret,"
          + "mean_recommended_regret,se_recommended_regret,mean_failed\n");
      for (var e : groups.entrySet()) {
        double[] r = e.getValue().stream().mapToDouble(t -> t.last().regret()).toArray();
        double[] o = e.getValue().stream().mapToDouble(t -> t.last().oracleRegret()).toArray();
        double[] v = e.getValue().stream().mapToDouble(t -> validRegret(bestValid, t, t.last()))
            .filter(x -> !Double.isNaN(x)).toArray();
        double[] rec = e.getValue().stream().mapToDouble(t -> recommendedRegret(bestValid, t, t.last()))
            .filter(x -> !Double.isNaN(x)).toArray();
        double[] failed = e.getValue().stream().mapToDouble(Trace::failed).toArray();
        w.write(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n", e.getKey(), r.length, fmt(mean(r)),
            fmt(se(r)), fmt(mean(o)), fmt(se(o)), e.getValue().get(0).regretMetric().replace(',', ';'),
            fmt(mean(v)), fmt(se(v)), fmt(mean(rec)), fmt(se(rec)), fmt(mean(failed))));
      }
    });
    AtomicFiles.writeText(out.resolve("timings.csv"), w -> {
      w.write("benchmark,method,runs,median_last_iteration_ms,median_run_seconds\n");
      for (var e : groups.entrySet()) {
        double[] it = e.getValue().stream().mapToDouble(NasExperiment::lastIterationSeconds).toArray();
        double[] secs = e.getValue().stream().mapToDouble(Trace::seconds).toArray();
        w.write(String.format(Locale.ROOT, "%s,%d,%.3f,%.3f%n", e.getKey(), it.length, median(it) * 1000,
            median(secs)));
      }
    });
    AtomicFiles.writeText(out.resolve("curves.csv"), w -> {
      w.write("benchmark,method,query,runs,mean_regret,se_regret,mean_oracle_regret,se_oracle_regret,"
          + "mean_valid_regret,se_valid_regret,mean_recommended_regret,se_recommended_regret\n");
      for (var e : groups.entrySet()) {
        int longest = e.getValue().stream().mapToInt(t -> t.queries().size()).max().orElse(0);
        Double optimum = bestValid.get(e.getValue().get(0).benchmark());
        for (int q = 0; q < longest; q++) {
          double[] r = atQuery(e.getValue(), q, QueryRecord::regret);
          double[] o = atQuery(e.getValue(), q, QueryRecord::oracleRegret);
          double[] v = optimum == null ? new double[0] : atQuery(e.getValue(), q, x -> optimum - x.bestValidTrue());
          double[] rec = optimum == null ? new double[0]
              : atQuery(e.getValue(), q, x -> optimum - x.recommendedValidTrue());
          w.write(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s%n", e.getKey(), q + 1, r.length,
              fmt(mean(r)), fmt(se(r)), fmt(mean(o)), fmt(se(o)), fmt(mean(v)), fmt(se(v)), fmt(mean(rec)),
              fmt(se(rec))));
        }
      }
    });
    AtomicFiles.writeText(out.resolve("recommendation.csv"), w -> {
      // Per run, the recommendation's noiseless regret minus the best observation's, at the paired queries and
      // the last: negative where the model's choice is really better than the luckiest observation.
      w.write("benchmark,method,query,pairs,mean_recommended_regret,mean_observed_regret,mean_diff,se_diff\n");
      for (var e : groups.entrySet()) {
        Double optimum = bestValid.get(e.getValue().get(0).benchmark());
        if (optimum == null) continue;
        int last = e.getValue().stream().mapToInt(t -> t.queries().size()).min().orElse(0);
        for (int q : pairedQueries(last)) {
          List<double[]> pairs = new ArrayList<>();
          for (Trace t : e.getValue()) {
            QueryRecord r = t.queries().get(q - 1);
            double rec = recommendedRegret(bestValid, t, r);
            double obs = validRegret(bestValid, t, r);
            if (!Double.isNaN(rec) && !Double.isNaN(obs)) pairs.add(new double[] {rec, obs});
          }
          if (pairs.isEmpty()) continue;
          double[] rec = pairs.stream().mapToDouble(p -> p[0]).toArray();
          double[] obs = pairs.stream().mapToDouble(p -> p[1]).toArray();
          double[] d = pairs.stream().mapToDouble(p -> p[0] - p[1]).toArray();
          w.write(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%s%n", e.getKey(), q, d.length, fmt(mean(rec)),
              fmt(mean(obs)), fmt(mean(d)), fmt(se(d))));
        }
      }
    });
    AtomicFiles.writeText(out.resolve("cost.csv"), w -> {
      w.write("benchmark,method,observations,median_iteration_s\n");
      for (var e : groups.entrySet()) {
        Map<Integer, List<Double>> byObservations = new TreeMap<>();
        for (Trace t : e.getValue()) {
          for (double[] it : iterations(t)) {
            if (it[0] > 0) byObservations.computeIfAbsent((int) it[0], k -> new ArrayList<>()).add(it[1]);
          }
        }
        for (var o : byObservations.entrySet()) {
          double[] secs = o.getValue().stream().mapToDouble(Double::doubleValue).toArray();
          w.write(String.format(Locale.ROOT, "%s,%d,%.6g%n", e.getKey(), o.getKey(), median(secs)));
        }
      }
    });
  }

  /** The queries paired.csv compares at (those within a run's budget), besides the run's last query. */
  static final List<Integer> PAIRED_QUERIES = List.of(50, 100, 500, 1000);

  /** The queries of {@link #PAIRED_QUERIES} before {@code last}, then {@code last} itself (none for 0). */
  static List<Integer> pairedQueries(int last) {
    List<Integer> qs = new ArrayList<>();
    for (int q : PAIRED_QUERIES) if (q < last) qs.add(q);
    if (last > 0) qs.add(last);
    return qs;
  }

  /**
   * paired.csv: every method against {@code baseline} (the first of --methods) on the same seeds. Per benchmark,
   * method and query (50, 100, 500 and 1,000 within the budget, and the last query), the mean and standard error over the
   * seeds both ran of the paired difference in validation regret, method minus baseline (negative: the method
   * found better architectures; it equals the baseline's best validation accuracy minus the method's, so no
   * optimum is needed). Rows with benchmark {@code all} average, per seed, those differences over every
   * benchmark and query both methods ran on that seed (the criterion the ablation ranks by), then take the
   * mean and standard error of that average over the seeds; {@code benchmarks} says how many tables it covers.
   */
  static void writePaired(Path out, List<Trace> traces, String baseline) throws IOException {
    // benchmark -> method -> seed -> trace, each in sorted order.
    Map<String, Map<String, Map<Long, Trace>>> runs = new TreeMap<>();
    for (Trace t : traces) {
      runs.computeIfAbsent(t.benchmark(), k -> new TreeMap<>()).computeIfAbsent(t.method(), k -> new TreeMap<>())
          .put(t.seed(), t);
    }
    Set<String> methods = new TreeSet<>();
    runs.values().forEach(byMethod -> methods.addAll(byMethod.keySet()));
    methods.remove(baseline);
    AtomicFiles.writeText(out.resolve("paired.csv"), w -> {
      w.write("benchmark,method,baseline,query,benchmarks,pairs,mean_diff_valid_regret,se_diff_valid_regret\n");
      for (String m : methods) {
        Map<Long, List<Double>> perSeed = new TreeMap<>();
        Set<String> covered = new TreeSet<>();
        for (var bench : runs.entrySet()) {
          Map<Long, Trace> base = bench.getValue().getOrDefault(baseline, Map.of());
          Map<Integer, List<Double>> perQuery = new TreeMap<>();
          for (Trace t : bench.getValue().getOrDefault(m, Map.of()).values()) {
            Trace b = base.get(t.seed());
            if (b == null) continue;
            int last = Math.min(t.queries().size(), b.queries().size());
            for (int q : pairedQueries(last)) {
              double d = b.queries().get(q - 1).bestValidTrue() - t.queries().get(q - 1).bestValidTrue();
              if (Double.isNaN(d)) continue;
              perQuery.computeIfAbsent(q, k -> new ArrayList<>()).add(d);
              perSeed.computeIfAbsent(t.seed(), k -> new ArrayList<>()).add(d);
              covered.add(bench.getKey());
            }
          }
          for (var e : perQuery.entrySet()) {
            double[] d = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            w.write(String.format(Locale.ROOT, "%s,%s,%s,%d,1,%d,%s,%s%n", bench.getKey(), m, baseline, e.getKey(),
                d.length, fmt(mean(d)), fmt(se(d))));
          }
        }
        if (perSeed.isEmpty()) continue;
        double[] c = perSeed.values().stream().mapToDouble(l -> l.stream().mapToDouble(Double::doubleValue).average()
            .orElse(Double.NaN)).toArray();
        w.write(String.format(Locale.ROOT, "all,%s,%s,mean,%d,%d,%s,%s%n", m, baseline, covered.size(), c.length,
            fmt(mean(c)), fmt(se(c))));
      }
    });
  }

  /**
   * The validation regret after a query: the benchmark's best validation accuracy minus the noiseless validation
   * accuracy of the best observation so far (under noise, what the luckiest observation is really worth).
   */
  static double validRegret(Map<String, Double> bestValid, Trace t, QueryRecord q) {
    Double optimum = bestValid.get(t.benchmark());
    return optimum == null ? Double.NaN : optimum - q.bestValidTrue();
  }

  /** The same for the optimiser's recommendation (NaN for traces written before recommendations). */
  static double recommendedRegret(Map<String, Double> bestValid, Trace t, QueryRecord q) {
    Double optimum = bestValid.get(t.benchmark());
    return optimum == null ? Double.NaN : optimum - q.recommendedValidTrue();
  }

  /** The non-NaN values of one field at 0-based query q over the traces that have that query. */
  private static double[] atQuery(List<Trace> traces, int q, java.util.function.ToDoubleFunction<QueryRecord> f) {
    return traces.stream().filter(t -> q < t.queries().size()).mapToDouble(t -> f.applyAsDouble(t.queries().get(q)))
        .filter(v -> !Double.isNaN(v)).toArray();
  }

  /**
   * The BO iterations of a run as {observations before the ask, seconds of the ask, queries it returned}. An iteration is one ask: the
   * queries of a batch are consecutive and each records the ask's seconds divided by the batch size, so a batch is
   * the run of equal surrogate_s values, at most the schedule's batch size long (10 first, then 5), and its
   * seconds are their sum. The ask includes the surrogate fit, the candidate pool and the acquisition; the
   * benchmark lookups are not included.
   */
  static List<double[]> iterations(Trace t) {
    BenchmarkRun.Schedule schedule = BenchmarkRun.Schedule.of(t.budget(), t.batch());
    List<double[]> out = new ArrayList<>();
    List<QueryRecord> qs = t.queries();
    int i = 0;
    while (i < qs.size()) {
      int want = i == 0 ? schedule.initialBatch() : schedule.batch();
      double share = qs.get(i).surrogateSeconds();
      int j = i;
      double seconds = 0;
      while (j < qs.size() && j - i < want && Double.compare(qs.get(j).surrogateSeconds(), share) == 0) {
        seconds += qs.get(j).surrogateSeconds();
        j++;
      }
      out.add(new double[] {i, seconds, j - i});
      i = j;
    }
    return out;
  }

  /**
   * Seconds of the last full iteration: the wall time of the last ask that returned a whole batch (5 by
   * default), i.e. one GP fit, pool and batch selection at about budget - 5 observations. Each query records its
   * share of its ask's time, so the ask's time is the sum over its queries ({@link #iterations}). The last ask
   * itself can be short: with an initial design of 3 the asks end at 158 observations with a batch of 2, and
   * counting that ask's per-query share five times (as before this fix) overstated the cost 2.5-fold.
   */
  static double lastIterationSeconds(Trace t) {
    int batch = t.batch();
    List<double[]> its = iterations(t);
    for (int k = its.size() - 1; k >= 0; k--) {
      if (its.get(k)[2] == batch) return its.get(k)[1];
    }
    return its.get(its.size() - 1)[1];
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
  }

  /** Parses "0-19" or "0,3,5" or "1-3,7". */
  public static List<Long> parseSeeds(String spec) {
    List<Long> out = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.strip();
      int dash = p.indexOf('-', 1);
      try {
        if (dash > 0) {
          long a = Long.parseLong(p.substring(0, dash));
          long b = Long.parseLong(p.substring(dash + 1));
          if (b < a) throw new IllegalArgumentException("seed range " + p + " is empty");
          for (long k = a; k <= b; k++) out.add(k);
        } else {
          out.add(Long.parseLong(p));
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("seeds must look like 0-19 or 1,2,5; got '" + spec + "'");
      }
    }
    if (out.isEmpty()) throw new IllegalArgumentException("no seeds in '" + spec + "'");
    return out;
  }

}
