package org.nasbowl.experiments.transfer;

import static org.nasbowl.experiments.results.Stats.mean;
import static org.nasbowl.experiments.results.Stats.se;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nasbowl.core.bo.NasBowl;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.bo.Optimizer;
import org.nasbowl.core.bo.OptimizerFactory;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.experiments.benchmark.Evaluation;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.nas.BenchmarkRun;
import org.nasbowl.experiments.nas.Methods;
import org.nasbowl.experiments.nas.QueryRecord;
import org.nasbowl.experiments.nas.Trace;
import org.nasbowl.experiments.results.Progress;
import org.nasbowl.experiments.results.Provenance;

/**
 * Motif transfer (ALGORITHM.md section 8): per seed, a search on the source task, good motifs learnt from its
 * queries ({@link GoodMotifs}), then on every target task the same search with the same seed and budget in
 * {@link #VARIANTS five variants}: the initial design and every candidate pool restricted to architectures
 * containing a good motif ({@link MotifRestrictedSpace}), a pool mixing restricted and unrestricted candidates,
 * the restriction with a small initial design, and the unrestricted search with either initial design.
 *
 * <p>Layout of the output directory, following {@code experiment nas}: {@code traces/source/<source>/seed-S.jsonl}
 * and {@code traces/<target>/<variant>/seed-S.jsonl} (each written atomically when its run
 * finishes; a restarted experiment skips runs whose trace exists, so a killed one finishes only what is missing),
 * {@code motifs/seed-S.csv} (the good motifs of each seed, read back on restart), {@code restriction.csv} (per
 * target and seed: good motifs, kept architectures, kept fraction, whether an optimum of the target is kept),
 * {@code curves.csv} (mean and standard error over seeds of the best-so-far regret at every query),
 * {@code summary.csv} (final regret per target and variant, with the restriction's statistics), {@code paired.csv}
 * (each variant minus its baseline on the same seeds, {@link #PAIRS}) and
 * {@code provenance.json}. Changing a setting that shapes the runs with the same directory is refused.
 */
public final class TransferExperiment {
  /** The original's hard filter: initial design and every pool restricted to architectures with a good motif. */
  public static final String RESTRICTED = "restricted";
  /** A soft filter: each sample and mutant drawn from the restriction with probability {@code mixShare}. */
  public static final String MIXED = "mixed";
  /** The hard filter with the small initial design ({@code smallInitial}). */
  public static final String RESTRICTED_SMALL = "restricted-small";
  public static final String UNRESTRICTED = "unrestricted";
  /** The unrestricted search with the small initial design: the baseline of {@link #RESTRICTED_SMALL}. */
  public static final String UNRESTRICTED_SMALL = "unrestricted-small";
  static final List<String> VARIANTS = List.of(RESTRICTED, MIXED, RESTRICTED_SMALL, UNRESTRICTED, UNRESTRICTED_SMALL);
  /** Variants that need the seed's good motifs. */
  static final List<String> MOTIF_VARIANTS = List.of(RESTRICTED, MIXED, RESTRICTED_SMALL);
  /** The paired comparisons of paired.csv: variant, then the baseline it is compared with on the same seeds. */
  static final List<List<String>> PAIRS = List.of(List.of(RESTRICTED, UNRESTRICTED), List.of(MIXED, UNRESTRICTED),
      List.of(RESTRICTED_SMALL, UNRESTRICTED_SMALL), List.of(RESTRICTED_SMALL, UNRESTRICTED),
      List.of(UNRESTRICTED_SMALL, UNRESTRICTED));
  /** The queries paired.csv reports (those within the budget), besides the final one. */
  static final List<Integer> PAIRED_QUERIES = List.of(50, 100, 200);

  /**
   * What to run.
   *
   * @param source the benchmark the motifs are learnt on (ignored when {@code motifsFile} is given)
   * @param targets the benchmarks searched with and without the restriction
   * @param method the search method of every run (the source search fixes NAS-BOWL's WL depth at {@code h})
   * @param sourceInitial random architectures of the source search's first batch
   * @param sourceBudget total source queries, initial batch included
   * @param targetInitial random architectures of each target search's first batch
   * @param targetBudget total queries of each target search, initial batch included
   * @param smallInitial the initial design of the {@code -small} variants
   * @param mixShare the share of samples and mutants the mixed variant draws from the restriction
   * @param batch queries per later batch
   * @param percentile good motifs have average gradient at or above this percentile ({@link GoodMotifs})
   * @param h the WL depth of the source search's GP and of the motif GP
   * @param targetH the WL depth fixed in the target searches' GP, or null for the method's own selection
   * @param minOccurrences motifs in fewer source architectures are not scored
   * @param motifsFile good motifs given directly (same for every seed) instead of learnt; null to learn them
   * @param jobs runs in parallel
   */
  public record Settings(String source, List<String> targets, List<Long> seeds, String method, int sourceInitial,
      int sourceBudget, int targetInitial, int targetBudget, int smallInitial, double mixShare, int batch,
      double percentile, int h, Integer targetH,
      int minOccurrences, Path motifsFile, int jobs, Path dataDir, Path out, String command) {
    public Settings {
      targets = List.copyOf(targets);
      seeds = List.copyOf(seeds);
      if (targets.isEmpty()) throw new IllegalArgumentException("no target benchmark given");
      if (new HashSet<>(targets).size() != targets.size()) throw new IllegalArgumentException("a target is listed twice: " + targets);
      if (seeds.isEmpty()) throw new IllegalArgumentException("no seeds given");
      if (new HashSet<>(seeds).size() != seeds.size()) throw new IllegalArgumentException("a seed is listed twice: " + seeds);
      if (sourceInitial < 1 || targetInitial < 1 || smallInitial < 1 || batch < 1) {
        throw new IllegalArgumentException("initial designs and batches need at least 1 query");
      }
      if (sourceBudget < sourceInitial) {
        throw new IllegalArgumentException("--source-budget " + sourceBudget + " is below --source-initial " + sourceInitial);
      }
      if (targetBudget < targetInitial) {
        throw new IllegalArgumentException("--target-budget " + targetBudget + " is below --target-initial " + targetInitial);
      }
      if (smallInitial > targetBudget) {
        throw new IllegalArgumentException("--small-initial " + smallInitial + " is above --target-budget " + targetBudget);
      }
      if (!(mixShare > 0 && mixShare < 1)) throw new IllegalArgumentException("--mix-share must be in (0, 1): " + mixShare);
      if (!(percentile >= 0 && percentile <= 100)) throw new IllegalArgumentException("--percentile must be in [0, 100]: " + percentile);
      if (h < 0) throw new IllegalArgumentException("--h must be >= 0: " + h);
      if (targetH != null && targetH < 0) throw new IllegalArgumentException("--target-h must be >= 0: " + targetH);
      if (minOccurrences < 1) throw new IllegalArgumentException("--min-occurrences must be >= 1: " + minOccurrences);
      Methods.describe(method);
    }
  }

  /** The restriction of one target for one seed. */
  public record Restriction(String target, long seed, int goodMotifs, long kept, long spaceSize, double keptFraction,
      Boolean keepsOptimum) {}

  /** One row of summary.csv. */
  public record SummaryRow(String target, String variant, int runs, double meanFinalRegret, double seFinalRegret,
      double keptFraction, double keepsOptimum, double meanGoodMotifs) {}

  /** What a finished experiment produced. */
  public record Outcome(List<SummaryRow> summary, List<Restriction> restrictions, Map<String, Trace> traces) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private TransferExperiment() {}

  static Path sourceTrace(Path out, String source, long seed) {
    return out.resolve("traces").resolve("source").resolve(source).resolve("seed-" + seed + ".jsonl");
  }

  static Path targetTrace(Path out, String target, String variant, long seed) {
    return out.resolve("traces").resolve(target).resolve(variant).resolve("seed-" + seed + ".jsonl");
  }

  static Path motifFile(Path out, long seed) {
    return out.resolve("motifs").resolve("seed-" + seed + ".csv");
  }

  /** Runs what is missing, then rewrites restriction.csv, curves.csv and summary.csv. */
  public static Outcome run(Settings s, PrintWriter log) throws IOException {
    // Everything that can be refused is checked before the output directory is touched.
    Map<String, Benchmark<?>> benchmarks = new LinkedHashMap<>();
    List<Path> dataFiles = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    if (s.motifsFile() == null) ids.add(s.source());
    ids.addAll(s.targets());
    for (String id : ids) {
      if (benchmarks.containsKey(id)) continue;
      benchmarks.put(id, BenchmarkCatalog.open(id, s.dataDir()));
      BenchmarkCatalog.find(id).ifPresent(e -> dataFiles.addAll(e.paths(s.dataDir())));
    }
    if (s.method().equals("nasbowl-x")) {
      for (Benchmark<?> b : benchmarks.values()) {
        if (!NasBowl.exhaustible(b.space())) throw new IllegalArgumentException("nasbowl-x needs enumerable spaces; " + b.id() + " is not");
      }
    }
    List<Motif> given = null;
    Map<String, MotifRestrictedSpace<?>> givenSpaces = new LinkedHashMap<>();
    if (s.motifsFile() != null) {
      given = GoodMotifs.readMotifs(s.motifsFile());
      if (given.isEmpty()) throw new IllegalArgumentException(s.motifsFile() + " lists no motif");
      for (String t : s.targets()) givenSpaces.put(t, restrict(benchmarks.get(t), given, t, "the motifs of " + s.motifsFile()));
    }
    Map<String, Object> settings = settingsRecord(s);
    checkSameSettings(s.out(), settings);

    Files.createDirectories(s.out());
    Provenance.write(s.out(), s.command(), settings, dataFiles.stream().distinct().toList());
    if (given != null) {
      List<Motif> g = given;
      AtomicFiles.writeText(s.out().resolve("motifs").resolve("given.csv"), w -> {
        w.write("motif,depth,cell\n");
        for (Motif m : g) w.write(String.format(Locale.ROOT, "\"%s\",%d,%d%n", m.label(), m.depth(), m.cell()));
      });
    }
    Map<String, Set<String>> optima = new LinkedHashMap<>();
    for (String t : s.targets()) optima.put(t, optimumKeys(benchmarks.get(t)));

    int total = 0;
    int todo = 0;
    for (long seed : s.seeds()) {
      if (given == null) {
        total++;
        if (!checkedExists(sourceTrace(s.out(), s.source(), seed), s.sourceBudget())) todo++;
      }
      for (String t : s.targets()) {
        for (String v : VARIANTS) {
          total++;
          if (!checkedExists(targetTrace(s.out(), t, v, seed), s.targetBudget())) todo++;
        }
      }
    }
    log.printf(Locale.ROOT, "transfer: %d runs (%s), %d already done, %d to run on %d threads%n", total,
        given == null ? "source search, then restricted and unrestricted search of each target, per seed"
            : "restricted and unrestricted search of each target, per seed", total - todo, todo, s.jobs());
    log.flush();
    Progress progress = new Progress(log, "transfer", todo, Progress.isTerminal(), 10);
    boolean parallelGp = s.jobs() <= 1;
    List<Restriction> restrictions = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, s.jobs()));
    try {
      List<Future<?>> futures = new ArrayList<>();
      // Per seed: source search, motifs, restricted target searches (a chain); the unrestricted searches after.
      for (long seed : s.seeds()) {
        List<Motif> fixed = given;
        futures.add(pool.submit(() -> {
          List<Motif> motifs = fixed;
          if (motifs == null) {
            Path st = sourceTrace(s.out(), s.source(), seed);
            Benchmark<?> src = benchmarks.get(s.source());
            if (!Files.exists(st)) {
              Trace tr = search(src, factory(s.method(), s.h(), s.sourceInitial(), src.deterministic(), parallelGp),
                  s.method(), seed,
                  new BenchmarkRun.Schedule(s.sourceBudget(), s.sourceInitial(), s.batch()));
              tr.write(st);
              progress.advance(1, "source " + s.source() + " seed " + seed);
            }
            motifs = motifsOf(s, src, seed, log);
          }
          for (String t : s.targets()) {
            Benchmark<?> tb = benchmarks.get(t);
            MotifRestrictedSpace<?> space = fixed != null ? givenSpaces.get(t)
                : restrict(tb, motifs, t, "the good motifs of seed " + seed + " (" + motifFile(s.out(), seed) + ")");
            restrictions.add(census(t, seed, motifs.size(), space, optima.get(t)));
            for (String v : MOTIF_VARIANTS) {
              Path tt = targetTrace(s.out(), t, v, seed);
              if (Files.exists(tt)) continue;
              Trace tr = searchRestricted(tb, space, v.equals(MIXED) ? s.mixShare() : 1.0,
                  factory(s.method(), s.targetH(), schedule(s, v).initialBatch(), tb.deterministic(), parallelGp),
                  s.method() + "+motifs:" + v, seed, schedule(s, v));
              tr.write(tt);
              progress.advance(1, t + " " + v + " seed " + seed);
            }
          }
          return null;
        }));
      }
      for (long seed : s.seeds()) {
        for (String t : s.targets()) {
          for (String v : List.of(UNRESTRICTED, UNRESTRICTED_SMALL)) {
            Path tt = targetTrace(s.out(), t, v, seed);
            if (Files.exists(tt)) continue;
            futures.add(pool.submit(() -> {
              Benchmark<?> tb = benchmarks.get(t);
              Trace tr = search(tb, factory(s.method(), s.targetH(), schedule(s, v).initialBatch(), tb.deterministic(),
                  parallelGp), s.method(), seed, schedule(s, v));
              tr.write(tt);
              progress.advance(1, t + " " + v + " seed " + seed);
              return null;
            }));
          }
        }
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof IllegalStateException ise) throw ise;
          if (c instanceof IllegalArgumentException iae) throw iae;
          if (c instanceof UncheckedIOException uio) throw uio.getCause();
          throw new IllegalStateException("a run failed: " + c, c);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    } finally {
      pool.shutdownNow();
    }

    Map<String, Trace> traces = new LinkedHashMap<>();
    for (String t : s.targets()) {
      for (String v : VARIANTS) {
        for (long seed : s.seeds()) traces.put(t + "/" + v + "/" + seed, Trace.read(targetTrace(s.out(), t, v, seed)));
      }
    }
    List<Restriction> sorted = new ArrayList<>(restrictions);
    sorted.sort(java.util.Comparator.comparingInt((Restriction r) -> s.targets().indexOf(r.target()))
        .thenComparingInt(r -> s.seeds().indexOf(r.seed())));
    writeRestrictions(s.out(), sorted);
    writeCurves(s, traces);
    List<SummaryRow> summary = summarise(s, traces, sorted, optima);
    writeSummary(s.out(), summary);
    writePaired(s, traces, benchmarks);
    return new Outcome(summary, sorted, traces);
  }

  /** A trace file's existence; an existing trace must come from a run with the same budget. */
  private static boolean checkedExists(Path trace, int budget) throws IOException {
    if (!Files.exists(trace)) return false;
    Trace old = Trace.read(trace);
    if (old.budget() != budget) {
      throw new IllegalStateException(trace + " was written with budget " + old.budget() + ", not " + budget
          + "; use another --out directory");
    }
    return true;
  }

  /** The settings that shape the runs, as recorded in provenance.json. */
  static Map<String, Object> settingsRecord(Settings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", s.motifsFile() == null ? s.source() : null);
    m.put("motifs_file", s.motifsFile() == null ? null : s.motifsFile().toAbsolutePath().normalize().toString());
    m.put("method", s.method());
    m.put("source_initial", s.sourceInitial());
    m.put("source_budget", s.sourceBudget());
    m.put("target_initial", s.targetInitial());
    m.put("target_budget", s.targetBudget());
    m.put("small_initial", s.smallInitial());
    m.put("mix_share", s.mixShare());
    m.put("variants", VARIANTS);
    m.put("batch", s.batch());
    m.put("percentile", s.percentile());
    m.put("h", s.h());
    m.put("target_h", s.targetH());
    m.put("min_occurrences", s.minOccurrences());
    m.put("targets", s.targets());
    m.put("seeds", s.seeds());
    m.put("good_motif_rule", "average gradient >= the given percentile (linear interpolation) of the scored motifs");
    return m;
  }

  /** Targets and seeds may change between invocations in one directory; nothing else may. */
  private static void checkSameSettings(Path out, Map<String, Object> now) throws IOException {
    Path p = out.resolve("provenance.json");
    if (!Files.exists(p)) return;
    JsonNode old = JSON.readTree(p.toFile()).path("settings");
    JsonNode cur = JSON.valueToTree(now);
    for (String key : now.keySet()) {
      if (key.equals("targets") || key.equals("seeds")) continue;
      JsonNode a = old.path(key);
      JsonNode b = cur.path(key);
      boolean same = a.isNumber() && b.isNumber() ? a.asDouble() == b.asDouble() : a.equals(b);
      if (!same) {
        throw new IllegalStateException(out + " holds a transfer experiment with " + key + " = " + a + ", not " + b
            + "; use another --out directory");
      }
    }
  }

  /**
   * The optimiser of a method. NAS-BOWL's initial design is set to the schedule's first batch ({@code initial}:
   * 200 for the original's protocol, fewer for the -small variants), since NAS-BOWL proposes from its model as soon
   * as its own initial design is told; its WL depth is fixed at {@code fixedH} unless null.
   */
  static OptimizerFactory factory(String method, Integer fixedH, int initial, boolean deterministic,
      boolean parallel) {
    if (!method.startsWith("nasbowl-")) return Methods.factory(method, deterministic, parallel);
    String id = Methods.withSetting(method, "initial", Integer.toString(initial));
    if (fixedH != null) id = Methods.withSetting(id, "h", fixedH.toString());
    return Methods.factory(id, deterministic, parallel);
  }

  /** A variant's schedule: the small initial design for the -small variants. */
  static BenchmarkRun.Schedule schedule(Settings s, String variant) {
    int initial = variant.endsWith("-small") ? s.smallInitial() : s.targetInitial();
    return new BenchmarkRun.Schedule(s.targetBudget(), initial, s.batch());
  }

  static <A> Trace search(Benchmark<A> b, OptimizerFactory f, String method, long seed, BenchmarkRun.Schedule schedule) {
    long start = System.nanoTime();
    List<QueryRecord> qs = BenchmarkRun.run(b, f, seed, schedule, null);
    return new Trace(b.id(), method, seed, schedule.budget(), b.regretMetric(), qs, (System.nanoTime() - start) / 1e9);
  }

  @SuppressWarnings("unchecked")
  private static <A> Trace searchRestricted(Benchmark<A> b, MotifRestrictedSpace<?> space, double share,
      OptimizerFactory f, String method, long seed, BenchmarkRun.Schedule schedule) {
    MotifRestrictedSpace<A> r = (MotifRestrictedSpace<A>) space;
    Benchmark<A> searched = share >= 1 ? new RestrictedBenchmark<>(b, r)
        : new RestrictedBenchmark<>(b, new MixedSpace<>(r, share));
    return search(searched, f, method, seed, schedule);
  }

  private static <A> MotifRestrictedSpace<A> restrict(Benchmark<A> target, List<Motif> motifs, String id, String what) {
    try {
      return new MotifRestrictedSpace<>(target.space(), motifs);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("target " + id + ", " + what + ": " + e.getMessage(), e);
    }
  }

  /** The seed's good motifs: read back if written, else learnt from the source trace and written. */
  private static <A> List<Motif> motifsOf(Settings s, Benchmark<A> src, long seed, PrintWriter log) throws IOException {
    Path file = motifFile(s.out(), seed);
    if (Files.exists(file)) return GoodMotifs.readScored(file).stream().map(GoodMotifs.Scored::motif).toList();
    Trace tr = Trace.read(sourceTrace(s.out(), s.source(), seed));
    List<A> archs = new ArrayList<>();
    List<Double> acc = new ArrayList<>();
    for (QueryRecord q : tr.queries()) {
      if (q.failure() != null) continue;
      archs.add(src.space().parse(q.architecture()));
      acc.add(q.valid());
    }
    GoodMotifs good = GoodMotifs.learn(src.space(), archs, acc.stream().mapToDouble(Double::doubleValue).toArray(),
        s.h(), src.deterministic(), s.minOccurrences(), s.percentile(), s.jobs() <= 1);
    good.write(file);
    synchronized (log) {
      log.printf(Locale.ROOT, "transfer: seed %d: %d of %d motifs are good (average gradient >= %.4g, "
          + "percentile %s)%n", seed, good.good().size(), good.ranked(), good.threshold(), fmtNum(s.percentile()));
      log.flush();
    }
    return good.motifs();
  }

  private static String fmtNum(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /** Keys of the architectures attaining the target's best regret metric (empty when not enumerable). */
  static <A> Set<String> optimumKeys(Benchmark<A> b) {
    Set<String> out = new HashSet<>();
    if (b.size() > MotifRestrictedSpace.MAX_ENUMERATED) return out;
    double best = b.bestRegretMetric();
    SplittableRandom rng = new SplittableRandom(0);
    b.architectures().forEach(a -> {
      Evaluation e = b.query(a, rng);
      double m = e.testAccuracy().orElse(e.validationAccuracy());
      if (Math.abs(m - best) <= 1e-12) out.add(b.space().key(a));
    });
    return out;
  }

  private static Restriction census(String target, long seed, int goodMotifs, MotifRestrictedSpace<?> space,
      Set<String> optimum) {
    Boolean keeps = optimum.isEmpty() || space.keptCount().isEmpty() ? null
        : optimum.stream().anyMatch(space::keepsKey);
    return new Restriction(target, seed, goodMotifs, space.keptCount().orElse(-1), space.fullSize().orElse(-1),
        space.keptFraction(), keeps);
  }

  private static void writeRestrictions(Path out, List<Restriction> rows) throws IOException {
    AtomicFiles.writeText(out.resolve("restriction.csv"), w -> {
      w.write("target,seed,good_motifs,kept,space_size,kept_fraction,keeps_optimum\n");
      for (Restriction r : rows) {
        w.write(String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%s%n", r.target(), r.seed(), r.goodMotifs(),
            r.kept() < 0 ? "" : Long.toString(r.kept()), r.spaceSize() < 0 ? "" : Long.toString(r.spaceSize()),
            fmt(r.keptFraction()), r.keepsOptimum() == null ? "" : r.keepsOptimum().toString()));
      }
    });
  }

  private static void writeCurves(Settings s, Map<String, Trace> traces) throws IOException {
    AtomicFiles.writeText(s.out().resolve("curves.csv"), w -> {
      w.write("target,variant,query,runs,mean_regret,se_regret\n");
      for (String t : s.targets()) {
        for (String v : VARIANTS) {
          for (int q = 1; q <= s.targetBudget(); q++) {
            List<Double> r = new ArrayList<>();
            for (long seed : s.seeds()) {
              List<QueryRecord> qs = traces.get(t + "/" + v + "/" + seed).queries();
              if (qs.size() >= q && !Double.isNaN(qs.get(q - 1).regret())) r.add(qs.get(q - 1).regret());
            }
            double[] x = r.stream().mapToDouble(Double::doubleValue).toArray();
            w.write(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s%n", t, v, q, x.length, fmt(mean(x)), fmt(se(x))));
          }
        }
      }
    });
  }

  private static List<SummaryRow> summarise(Settings s, Map<String, Trace> traces, List<Restriction> restrictions,
      Map<String, Set<String>> optima) {
    List<SummaryRow> rows = new ArrayList<>();
    for (String t : s.targets()) {
      for (String v : VARIANTS) {
        double[] fin = s.seeds().stream().mapToDouble(seed -> traces.get(t + "/" + v + "/" + seed).last().regret())
            .filter(x -> !Double.isNaN(x)).toArray();
        List<Restriction> rs = restrictions.stream().filter(r -> r.target().equals(t)).toList();
        double kept;
        double keeps;
        double motifs;
        if (v.equals(RESTRICTED) || v.equals(RESTRICTED_SMALL)) {
          kept = mean(rs.stream().mapToDouble(Restriction::keptFraction).toArray());
          keeps = rs.stream().anyMatch(r -> r.keepsOptimum() == null) ? Double.NaN
              : rs.stream().filter(Restriction::keepsOptimum).count() / (double) rs.size();
          motifs = mean(rs.stream().mapToDouble(Restriction::goodMotifs).toArray());
        } else {
          kept = 1;
          keeps = optima.get(t).isEmpty() ? Double.NaN : 1;
          motifs = Double.NaN;
        }
        rows.add(new SummaryRow(t, v, fin.length, mean(fin), se(fin), kept, keeps, motifs));
      }
    }
    return rows;
  }

  private static void writeSummary(Path out, List<SummaryRow> rows) throws IOException {
    AtomicFiles.writeText(out.resolve("summary.csv"), w -> {
      w.write("target,variant,runs,mean_final_regret,se_final_regret,kept_fraction,keeps_optimum,mean_good_motifs\n");
      for (SummaryRow r : rows) {
        w.write(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%s,%s,%s%n", r.target(), r.variant(), r.runs(),
            fmt(r.meanFinalRegret()), fmt(r.seFinalRegret()), fmt(r.keptFraction()), fmt(r.keepsOptimum()),
            fmt(r.meanGoodMotifs())));
      }
    });
  }

  /**
   * paired.csv: per target, pair (variant, baseline), metric and query (50, 100, 200 within the budget, and the
   * final one), the mean and standard error over seeds of the paired difference variant - baseline in regret
   * (negative: the variant is better), and on how many seeds the variant is lower, level, higher. Metrics: {@code
   * test} (the curves' regret) and {@code valid} (the objective's own regret).
   */
  static void writePaired(Settings s, Map<String, Trace> traces, Map<String, Benchmark<?>> benchmarks)
      throws IOException {
    List<Integer> queries = new ArrayList<>();
    for (int q : PAIRED_QUERIES) if (q < s.targetBudget()) queries.add(q);
    queries.add(s.targetBudget());
    AtomicFiles.writeText(s.out().resolve("paired.csv"), w -> {
      w.write("target,variant,baseline,metric,query,runs,mean_diff,se_diff,lower,level,higher\n");
      for (String t : s.targets()) {
        double bestValid = benchmarks.get(t).bestValidationAccuracy();
        for (List<String> pair : PAIRS) {
          for (String metric : List.of("test", "valid")) {
            for (int q : queries) {
              List<Double> d = new ArrayList<>();
              int lower = 0;
              int level = 0;
              int higher = 0;
              for (long seed : s.seeds()) {
                double a = regretAt(traces.get(t + "/" + pair.get(0) + "/" + seed), q, metric, bestValid);
                double b = regretAt(traces.get(t + "/" + pair.get(1) + "/" + seed), q, metric, bestValid);
                if (Double.isNaN(a) || Double.isNaN(b)) continue;
                double diff = a - b;
                d.add(diff);
                if (Math.abs(diff) <= 1e-12) level++;
                else if (diff < 0) lower++;
                else higher++;
              }
              double[] x = d.stream().mapToDouble(Double::doubleValue).toArray();
              w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%d,%s,%s,%d,%d,%d%n", t, pair.get(0), pair.get(1),
                  metric, q, x.length, fmt(mean(x)), fmt(se(x)), lower, level, higher));
            }
          }
        }
      }
    });
  }

  /** A trace's regret after {@code q} queries (its last record when shorter): test or validation regret. */
  static double regretAt(Trace tr, int q, String metric, double bestValid) {
    List<QueryRecord> qs = tr.queries();
    if (qs.isEmpty()) return Double.NaN;
    QueryRecord r = qs.get(Math.min(q, qs.size()) - 1);
    return metric.equals("test") ? r.regret() : bestValid - r.bestValid();
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
  }
}
