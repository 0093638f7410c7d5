package org.nasbowl.experiments.interpret;

import java.io.IOException;
import java.io.PrintWriter;
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
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.kernel.WlSubtreeLabels;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.nas.BenchmarkRun;
import org.nasbowl.experiments.nas.Methods;
import org.nasbowl.experiments.nas.QueryRecord;
import org.nasbowl.experiments.results.Progress;
import org.nasbowl.experiments.results.Provenance;

/**
 * The paper's interpretability validation (ALGORITHM.md section 7), per benchmark and seed: learn motifs from one
 * search (its queries), call the top fraction of the ranking good and the bottom fraction bad (--fractions, by
 * default a quarter and a tenth, both reported), and compare the
 * validation accuracy of held-out architectures (not queried) containing a good motif, all held-out
 * architectures, and those containing a bad motif. Both motif scores are run on the same searches: the paper's
 * average gradient and the original code's quantity (read the original's way: its LOWEST values are good). With a
 * transfer source and targets (other benchmarks of the same space), the source's motifs are also judged on the
 * targets (the paper's claim that motifs learnt on CIFAR-10 carry over to CIFAR-100 and ImageNet16-120).
 *
 * <p>Resumable: each (benchmark, seed) keeps its queried keys and both rankings under {@code runs/}; a restarted
 * run reuses them and only computes the rest. The tables are recomputed from those files.
 */
public final class InterpretExperiment {
  private InterpretExperiment() {}

  /** Settings. {@code heldOut} caps the held-out sample of large spaces (all architectures if the space is smaller). */
  public record Settings(List<String> benchmarks, String transferSource, List<String> transferTargets, List<Long> seeds, int budget, String method,
      List<Double> fractions, int minOccurrences, int heldOut, Path dataDir, Path out, String command,
      Map<String, Learning> learnFor) {
    public Settings(List<String> benchmarks, String transferSource, List<String> transferTargets, List<Long> seeds,
        int budget, String method, List<Double> fractions, int minOccurrences, int heldOut, Path dataDir, Path out,
        String command) {
      this(benchmarks, transferSource, transferTargets, seeds, budget, method, fractions, minOccurrences, heldOut,
          dataDir, out, command, Map.of());
    }

    public Settings {
      if (fractions.isEmpty()) throw new IllegalArgumentException("no --fractions");
      for (double f : fractions) {
        if (!(f > 0 && f <= 0.5)) throw new IllegalArgumentException("--fractions must be in (0, 0.5]: " + f);
      }
      if (budget < 10) throw new IllegalArgumentException("--budget must be >= 10: " + budget);
      if (benchmarks.isEmpty()) throw new IllegalArgumentException("no benchmarks");
      learnFor = Map.copyOf(learnFor);
      for (String b : learnFor.keySet()) {
        if (!benchmarks.contains(b)) {
          throw new IllegalArgumentException("--learn-for " + b + " is not among --benchmarks " + benchmarks);
        }
      }
    }

    /** How one benchmark's motifs are learnt: its --learn-for, else --method and --budget. */
    public Learning learning(String benchmark) {
      return learnFor.getOrDefault(benchmark, new Learning(method, budget));
    }
  }

  /**
   * What motifs are learnt from: the queries of one run of {@code method} with {@code budget} queries. With
   * {@code random} the learning set is a seeded uniform sample of the table and the held-out set the rest (a
   * GP on all but the held-out architectures, as the paper does on DARTS). {@code maxShare} leaves motifs found in
   * more than that share of the learning set out of the good and bad sets: in the DARTS space structural motifs
   * such as {@code add(output)} occur in every genotype, so "contains a good motif" would hold for all of them.
   */
  public record Learning(String method, int budget, double maxShare) {
    public Learning {
      Methods.describe(method);
      if (budget < 10) throw new IllegalArgumentException("a learning budget must be >= 10: " + budget);
      if (!(maxShare > 0 && maxShare <= 1)) throw new IllegalArgumentException("a maximum share must be in (0, 1]: " + maxShare);
    }

    public Learning(String method, int budget) {
      this(method, budget, 1.0);
    }

    /** Parses {@code METHOD:BUDGET[:MAXSHARE]}. */
    public static Learning parse(String text) {
      String[] p = text.split(":", -1);
      try {
        if (p.length == 2) return new Learning(p[0].strip(), Integer.parseInt(p[1].strip()));
        if (p.length == 3) return new Learning(p[0].strip(), Integer.parseInt(p[1].strip()), Double.parseDouble(p[2].strip()));
      } catch (NumberFormatException e) {
        // below
      }
      throw new IllegalArgumentException("--learn-for value '" + text + "': expected METHOD:BUDGET[:MAXSHARE], e.g. "
          + "random:150 or nasbowl-m:160:0.5");
    }
  }

  static final List<MotifReport.Variant> VARIANTS = List.of(MotifReport.Variant.AVERAGE_GRADIENT,
      MotifReport.Variant.ORIGINAL);
  static final int BINS = 50;

  /** Held-out candidates of one benchmark: keys, validation accuracies and WL label sets "cell:depth:label". */
  record Pool(List<String> keys, double[] valid, List<Set<String>> labels) {}

  /** The good and bad motifs of one ranking. */
  public record Split(List<MotifReport.Row> good, List<MotifReport.Row> bad) {}

  /** The summary statistics of one group's accuracies. */
  record Stats(int n, double q1, double median, double q3) {
    static Stats of(double[] v) {
      double[] s = v.clone();
      Arrays.sort(s);
      return new Stats(s.length, quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75));
    }
  }

  /** One (learned_on, evaluated_on, variant, seed) comparison. */
  record Comparison(String learnedOn, String evaluatedOn, MotifReport.Variant variant, double fraction, long seed,
      int goodMotifs,
      int badMotifs, double[] all, double[] good, double[] bad, double p) {
    boolean ordered() {
      return good.length > 0 && bad.length > 0
          && Stats.of(good).median() > Stats.of(all).median() && Stats.of(all).median() > Stats.of(bad).median();
    }
  }

  public static void run(Settings s, PrintWriter err) throws IOException {
    Map<String, Benchmark<?>> open = new LinkedHashMap<>();
    for (String id : s.benchmarks()) open.put(id, BenchmarkCatalog.open(id, s.dataDir()));
    if (s.transferSource() != null && !open.containsKey(s.transferSource())) {
      throw new IllegalArgumentException("--transfer-source " + s.transferSource() + " is not among --benchmarks "
          + s.benchmarks());
    }
    for (String t : s.transferTargets()) {
      if (s.transferSource() == null) throw new IllegalArgumentException("--transfer-targets needs --transfer-source");
      if (t.equals(s.transferSource()) || !open.containsKey(t)) {
        throw new IllegalArgumentException("--transfer-targets " + t + " must be one of --benchmarks other than the source");
      }
      if (!open.get(t).space().name().equals(open.get(s.transferSource()).space().name())) {
        throw new IllegalArgumentException("--transfer-targets " + t + " is on the " + open.get(t).space().name()
            + " space, not on the source's " + open.get(s.transferSource()).space().name());
      }
    }
    Files.createDirectories(s.out());
    Map<String, Pool> pools = new LinkedHashMap<>();
    for (var e : open.entrySet()) pools.put(e.getKey(), pool(e.getValue(), s.heldOut(), 3));
    Progress progress = new Progress(err, "interpret", (long) open.size() * s.seeds().size(), Progress.isTerminal(), 10);
    List<Comparison> comparisons = new ArrayList<>();
    for (var e : open.entrySet()) {
      String id = e.getKey();
      for (long seed : s.seeds()) {
        Path dir = s.out().resolve("runs").resolve(id).resolve("seed-" + seed);
        learn(e.getValue(), seed, s, dir);
        Set<String> queried = new HashSet<>(Files.readAllLines(dir.resolve("queried.txt")));
        for (MotifReport.Variant v : VARIANTS) {
          List<MotifReport.Row> ranking = MotifReport.readCsv(dir.resolve("motifs-" + v.id + ".csv"));
          int cap = (int) Math.floor(s.learning(id).maxShare() * queried.size());
          for (double fraction : s.fractions()) {
          Split split = split(ranking.stream().filter(r -> r.occurrences() <= cap).toList(), fraction, v);
          List<String> targets = new ArrayList<>(List.of(id));
          if (id.equals(s.transferSource())) targets.addAll(s.transferTargets());
          for (String t : targets) comparisons.add(compare(id, t, v, fraction, seed, split, pools.get(t), queried));
          }
        }
        progress.advance(1, id + " seed " + seed);
      }
    }
    writeValidation(s.out().resolve("validation.csv"), comparisons);
    writeSummary(s.out().resolve("summary.csv"), comparisons);
    writeHistograms(s.out().resolve("histograms.csv"), comparisons, s.fractions().get(0));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("benchmarks", s.benchmarks());
    settings.put("transfer_source", s.transferSource());
    settings.put("transfer_targets", s.transferTargets());
    settings.put("seeds", s.seeds());
    settings.put("budget", s.budget());
    settings.put("method", s.method());
    if (!s.learnFor().isEmpty()) {
      Map<String, String> per = new java.util.TreeMap<>();
      s.learnFor().forEach((k, v) -> per.put(k, v.method() + " with " + v.budget() + " queries"
          + (v.maxShare() < 1 ? ", motifs in at most " + v.maxShare() + " of them" : "")));
      settings.put("learn_for", per);
    }
    settings.put("fractions", s.fractions());
    settings.put("min_occurrences", s.minOccurrences());
    settings.put("held_out_cap", s.heldOut());
    settings.put("motif_gp", "search GP (h in {1,2,3}); noise fixed at " + MotifReport.Settings.DETERMINISTIC_NOISE
        + " on deterministic benchmarks");
    settings.put("rank_test", "Mann-Whitney U, two-sided, normal approximation with tie correction (commons-math3)");
    List<Path> files = new ArrayList<>();
    for (String id : s.benchmarks()) {
      BenchmarkCatalog.find(id).ifPresent(en -> en.paths(s.dataDir()).forEach(p -> {
        if (!files.contains(p)) files.add(p);
      }));
    }
    Provenance.write(s.out(), s.command(), settings, files);
  }

  /** Runs the seed's search and writes its queried keys and both rankings, unless a finished copy exists. */
  static <A> void learn(Benchmark<A> b, long seed, Settings s, Path dir) throws IOException {
    Path done = dir.resolve("queried.txt");
    boolean complete = Files.exists(done);
    for (MotifReport.Variant v : VARIANTS) complete &= Files.exists(dir.resolve("motifs-" + v.id + ".csv"));
    if (complete) return;
    Files.createDirectories(dir);
    Learning how = s.learning(b.id());
    List<QueryRecord> queries = BenchmarkRun.run(b, Methods.factory(how.method(), b.deterministic(), true), seed,
        BenchmarkRun.Schedule.defaults(how.budget()), null);
    List<A> archs = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<Double> acc = new ArrayList<>();
    for (QueryRecord q : queries) {
      keys.add(q.key());
      if (q.failure() != null) continue;
      archs.add(b.space().parse(q.architecture()));
      acc.add(q.valid());
    }
    double[] y = acc.stream().mapToDouble(Double::doubleValue).toArray();
    for (MotifReport.Variant v : VARIANTS) {
      MotifReport.Settings ms = MotifReport.Settings.defaults(b.deterministic()).withVariant(v)
          .withMinOccurrences(s.minOccurrences());
      MotifReport.writeCsv(dir.resolve("motifs-" + v.id + ".csv"), MotifReport.rank(b.space(), archs, y, ms));
    }
    AtomicFiles.writeText(done, w -> {
      for (String k : keys) w.write(k + "\n");
    });
  }

  /**
   * Good and bad motifs of a ranking: the top and bottom {@code fraction} of its rows (at least one each). For the
   * original's score the ends swap, as the original reads its lowest values as good.
   */
  public static Split split(List<MotifReport.Row> rows, double fraction, MotifReport.Variant v) {
    if (rows.size() < 2) return new Split(List.of(), List.of());
    int k = Math.max(1, (int) Math.round(fraction * rows.size()));
    k = Math.min(k, rows.size() / 2);
    List<MotifReport.Row> top = rows.subList(0, k);
    List<MotifReport.Row> bottom = rows.subList(rows.size() - k, rows.size());
    return v == MotifReport.Variant.AVERAGE_GRADIENT ? new Split(top, bottom) : new Split(bottom, top);
  }

  static Comparison compare(String learnedOn, String evaluatedOn, MotifReport.Variant v, double fraction, long seed,
      Split split,
      Pool pool, Set<String> queried) {
    Set<String> good = keys(split.good());
    Set<String> bad = keys(split.bad());
    List<Double> all = new ArrayList<>();
    List<Double> g = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    for (int i = 0; i < pool.keys().size(); i++) {
      if (queried.contains(pool.keys().get(i))) continue;
      double y = pool.valid()[i];
      all.add(y);
      Set<String> labels = pool.labels().get(i);
      if (intersects(labels, good)) g.add(y);
      if (intersects(labels, bad)) b.add(y);
    }
    double[] ga = toArray(g);
    double[] ba = toArray(b);
    double p = ga.length > 0 && ba.length > 0 ? new MannWhitneyUTest().mannWhitneyUTest(ga, ba) : Double.NaN;
    return new Comparison(learnedOn, evaluatedOn, v, fraction, seed, split.good().size(), split.bad().size(), toArray(all), ga, ba, p);
  }

  private static Set<String> keys(List<MotifReport.Row> rows) {
    Set<String> out = new HashSet<>();
    for (MotifReport.Row r : rows) out.add(r.cell() + ":" + r.depth() + ":" + r.motif());
    return out;
  }

  private static boolean intersects(Set<String> a, Set<String> b) {
    for (String x : b) if (a.contains(x)) return true;
    return false;
  }

  private static double[] toArray(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** All architectures of the benchmark, or a seeded sample of {@code cap} of them when it has more. */
  static <A> Pool pool(Benchmark<A> b, int cap, int maxDepth) {
    List<A> archs = b.architectures().toList();
    if (archs.size() > cap) {
      List<A> shuffled = new ArrayList<>(archs);
      java.util.Collections.shuffle(shuffled, new java.util.Random(20210503L));
      archs = shuffled.subList(0, cap);
    }
    List<String> keys = new ArrayList<>(archs.size());
    double[] valid = new double[archs.size()];
    List<Set<String>> labels = new ArrayList<>(archs.size());
    SplittableRandom rng = new SplittableRandom(0);
    for (int i = 0; i < archs.size(); i++) {
      A a = archs.get(i);
      keys.add(b.space().key(a));
      valid[i] = b.query(a, rng).validationAccuracy();
      Set<String> set = new HashSet<>();
      List<LabelledDag> cells = b.space().encode(a);
      for (int c = 0; c < cells.size(); c++) {
        String[][] l = WlSubtreeLabels.compute(cells.get(c), maxDepth);
        for (int d = 0; d <= maxDepth; d++) for (String x : l[d]) set.add(c + ":" + d + ":" + x);
      }
      labels.add(set);
    }
    return new Pool(keys, valid, labels);
  }

  /** Linear-interpolation quantile of sorted values (NaN when empty). */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  private static String f(double x) {
    return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.6f", x);
  }

  private static String stats(double[] v) {
    Stats st = Stats.of(v);
    return st.n() + "," + f(st.q1()) + "," + f(st.median()) + "," + f(st.q3());
  }

  static void writeValidation(Path file, List<Comparison> cs) throws IOException {
    AtomicFiles.writeText(file, w -> {
      w.write("learned_on,evaluated_on,variant,fraction,seed,good_motifs,bad_motifs,n_all,q1_all,median_all,q3_all,"
          + "n_good,q1_good,median_good,q3_good,n_bad,q1_bad,median_bad,q3_bad,ordered,p_good_vs_bad\n");
      for (Comparison c : cs) {
        w.write(String.join(",", c.learnedOn(), c.evaluatedOn(), c.variant().id, fmtFraction(c.fraction()),
            Long.toString(c.seed()),
            Integer.toString(c.goodMotifs()), Integer.toString(c.badMotifs()), stats(c.all()), stats(c.good()),
            stats(c.bad()), Boolean.toString(c.ordered()), Double.isNaN(c.p()) ? "" : String.format(Locale.ROOT, "%.3g", c.p()))
            + "\n");
      }
    });
  }

  /** Per (learned_on, evaluated_on, variant): pooled quartiles, fraction of ordered seeds, median p-value. */
  static void writeSummary(Path file, List<Comparison> cs) throws IOException {
    Map<String, List<Comparison>> groups = new LinkedHashMap<>();
    for (Comparison c : cs) {
      groups.computeIfAbsent(c.learnedOn() + "," + c.evaluatedOn() + "," + c.variant().id + "," + fmtFraction(c.fraction()),
          k -> new ArrayList<>()).add(c);
    }
    AtomicFiles.writeText(file, w -> {
      w.write("learned_on,evaluated_on,variant,fraction,seeds,q1_good,median_good,q3_good,q1_all,median_all,q3_all,"
          + "q1_bad,median_bad,q3_bad,fraction_ordered,median_p,seeds_p_below_0.05\n");
      for (var e : groups.entrySet()) {
        List<Comparison> list = e.getValue();
        int ordered = 0;
        int significant = 0;
        double[] ps = new double[list.size()];
        for (int i = 0; i < list.size(); i++) {
          Comparison c = list.get(i);
          if (c.ordered()) ordered++;
          ps[i] = Double.isNaN(c.p()) ? 1 : c.p();
          if (ps[i] < 0.05 && c.good().length > 0 && c.bad().length > 0
              && Stats.of(c.good()).median() > Stats.of(c.bad()).median()) {
            significant++;
          }
        }
        Arrays.sort(ps);
        Stats good = Stats.of(pooled(list, Comparison::good));
        Stats all = Stats.of(pooled(list, Comparison::all));
        Stats bad = Stats.of(pooled(list, Comparison::bad));
        w.write(String.join(",", e.getKey(), Integer.toString(list.size()), f(good.q1()), f(good.median()),
            f(good.q3()), f(all.q1()), f(all.median()), f(all.q3()), f(bad.q1()), f(bad.median()), f(bad.q3()),
            String.format(Locale.ROOT, "%.3f", ordered / (double) list.size()),
            String.format(Locale.ROOT, "%.3g", quantile(ps, 0.5)), Integer.toString(significant)) + "\n");
      }
    });
  }

  private static double[] pooled(List<Comparison> cs, java.util.function.Function<Comparison, double[]> group) {
    return cs.stream().flatMapToDouble(c -> Arrays.stream(group.apply(c))).toArray();
  }

  private static String fmtFraction(double f) {
    return String.format(Locale.ROOT, "%.2f", f);
  }

  /**
   * Densities of the pooled good / all / bad accuracies: average-gradient motifs at the first fraction, judged where
   * they were learnt.
   */
  static void writeHistograms(Path file, List<Comparison> cs, double fraction) throws IOException {
    Map<String, List<Comparison>> byBenchmark = new LinkedHashMap<>();
    for (Comparison c : cs) {
      if (c.variant() == MotifReport.Variant.AVERAGE_GRADIENT && c.learnedOn().equals(c.evaluatedOn())
          && c.fraction() == fraction) {
        byBenchmark.computeIfAbsent(c.learnedOn(), k -> new ArrayList<>()).add(c);
      }
    }
    AtomicFiles.writeText(file, w -> {
      w.write("benchmark,group,bin_low,bin_high,density\n");
      for (var e : byBenchmark.entrySet()) {
        double[] all = pooled(e.getValue(), Comparison::all);
        double lo = Arrays.stream(all).min().orElse(0);
        double hi = Arrays.stream(all).max().orElse(1);
        if (hi <= lo) hi = lo + 1e-9;
        double width = (hi - lo) / BINS;
        Map<String, double[]> groups = new LinkedHashMap<>();
        groups.put("good", pooled(e.getValue(), Comparison::good));
        groups.put("all", all);
        groups.put("bad", pooled(e.getValue(), Comparison::bad));
        for (var g : groups.entrySet()) {
          double[] counts = new double[BINS];
          for (double y : g.getValue()) counts[Math.min(BINS - 1, Math.max(0, (int) ((y - lo) / width)))]++;
          int n = g.getValue().length;
          for (int k = 0; k < BINS; k++) {
            w.write(String.format(Locale.ROOT, "%s,%s,%.6f,%.6f,%.6g%n", e.getKey(), g.getKey(), lo + k * width,
                lo + (k + 1) * width, n == 0 ? 0 : counts[k] / (n * width)));
          }
        }
      }
    });
  }
}
