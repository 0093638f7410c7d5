package org.nasbowl.experiments.interpret;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nasbowl.core.gp.FittedGp;
import org.nasbowl.core.gp.GaussianProcess;
import org.nasbowl.core.gp.GpConfig;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.interpret.MotifImportance;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.WlFeatureExtractor;
import org.nasbowl.core.kernel.WlSubtreeLabels;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.io.AtomicFiles;

/**
 * Ranked motifs of a set of evaluated architectures (e.g. a search's queries): fits GP-WL on them, ranks every
 * motif by an importance score over the architectures containing it, and reports each motif's readable WL label,
 * depth, cell, score, number of architectures containing it and their mean validation accuracy.
 *
 * <p>The GP is the search GP (h in {1, 2, 3} by marginal likelihood) with, on deterministic benchmarks, the noise
 * fixed at 1e-2, the top of the original's noise range: the smoothest posterior mean the original allows, which
 * spreads less of a motif's gradient over the deeper WL features that contain it. On the planted-motif oracle
 * (synthetic benchmark, 200 random architectures) all four planted motifs reach the top/bottom 5 in 19 of seeds
 * 0-19 and 18 of seeds 20-39 with 1e-2, against 17 and 16 with 1e-3 and 18 and 15 with the noise chosen by
 * likelihood (see {@code MotifOracleTest}). On noisy benchmarks the noise is chosen by likelihood.
 */
public final class MotifReport {
  private MotifReport() {}

  /** Which importance score ranks the motifs. */
  public enum Variant {
    /** The paper's average gradient (ALGORITHM.md section 7). */
    AVERAGE_GRADIENT("ag"),
    /** The original code's quantity, for comparison; its LOWEST values are "good" in the original's reading. */
    ORIGINAL("original");

    public final String id;

    Variant(String id) {
      this.id = id;
    }

    public static Variant parse(String s) {
      for (Variant v : values()) if (v.id.equals(s)) return v;
      throw new IllegalArgumentException("unknown motif score '" + s + "' (expected ag or original)");
    }
  }

  /**
   * How motifs are learnt: the GP, the minimum number of architectures containing a motif, the score, and what the
   * score averages over: the evaluated architectures ({@code sample} 0) or {@code sample} distinct architectures
   * drawn from the space with {@code sampleSeed} (occurrences then count that sample).
   */
  public record Settings(GpConfig gp, int minOccurrences, Variant variant, int sample, long sampleSeed) {
    public Settings {
      if (minOccurrences < 1) throw new IllegalArgumentException("--min-occurrences must be >= 1: " + minOccurrences);
      if (sample < 0) throw new IllegalArgumentException("--sample must be >= 0: " + sample);
    }

    public Settings(GpConfig gp, int minOccurrences, Variant variant) {
      this(gp, minOccurrences, variant, 0, 0);
    }

    public static final double DETERMINISTIC_NOISE = 1e-2;

    public static Settings defaults(boolean deterministic) {
      GpConfig cfg = GpConfig.search();
      if (deterministic) cfg = cfg.withFixedNoise(DETERMINISTIC_NOISE);
      return new Settings(cfg, MotifImportance.DEFAULT_MIN_OCCURRENCES, Variant.AVERAGE_GRADIENT);
    }

    public Settings withMinOccurrences(int m) {
      return new Settings(gp, m, variant, sample, sampleSeed);
    }

    public Settings withVariant(Variant v) {
      return new Settings(gp, minOccurrences, v, sample, sampleSeed);
    }

    public Settings withGp(GpConfig g) {
      return new Settings(g, minOccurrences, variant, sample, sampleSeed);
    }

    /** Averages over {@code n} distinct architectures drawn from the space with {@code seed} (0: the evaluated ones). */
    public Settings withSample(int n, long seed) {
      return new Settings(gp, minOccurrences, variant, n, seed);
    }
  }

  /** One ranked motif; {@code averageGradient} holds the variant's score (the average gradient by default). */
  public record Row(int rank, String motif, int depth, int cell, double averageGradient, int occurrences,
      double meanAccuracy) {}

  /** Labels whose bare features are never motifs: the cell's inputs and output. */
  public static final Set<String> INPUT_OUTPUT = Set.of("input", "output", "c_{k-2}", "c_{k-1}");

  public static <A> List<Row> rank(SearchSpace<A> space, List<A> architectures, double[] accuracies,
      boolean deterministic, int minOccurrences) {
    return rank(space, architectures, accuracies, Settings.defaults(deterministic).withMinOccurrences(minOccurrences));
  }

  public static <A> List<Row> rank(SearchSpace<A> space, List<A> architectures, double[] accuracies, Settings s) {
    return learn(space, architectures, accuracies, s).rows();
  }

  /**
   * The ranked motifs with the GP they were read from, which also predicts unseen architectures; with how many
   * motifs the occurrence threshold left out ({@code hidden}), among them the bare operations ({@code hiddenOps},
   * depth-0 motifs such as an op used in too few architectures).
   */
  public record Learned(List<Row> rows, FittedGp gp, WlFeatureExtractor extractor, int hidden, List<String> hiddenOps) {
    public Learned(List<Row> rows, FittedGp gp, WlFeatureExtractor extractor) {
      this(rows, gp, extractor, 0, List.of());
    }

    /** The GP's posterior mean accuracy of an architecture. */
    public <A> double predict(SearchSpace<A> space, A architecture) {
      return predictive(space, architecture)[0];
    }

    /**
     * The GP's posterior mean accuracy of an architecture and its predictive standard deviation in accuracy units
     * (half the width of the back-transformed mean +- one standard deviation of the target).
     */
    public <A> double[] predictive(SearchSpace<A> space, A architecture) {
      var p = gp.posterior(List.of(extractor.extract(space.encode(architecture)))).marginals();
      var t = gp.config().transform();
      double m = p.mean()[0];
      double s = p.predictiveStd(0);
      return new double[] {t.invert(m), Math.abs(t.invert(m + s) - t.invert(m - s)) / 2};
    }
  }

  public static <A> Learned learn(SearchSpace<A> space, List<A> architectures, double[] accuracies, Settings s) {
    if (architectures.size() != accuracies.length) {
      throw new IllegalArgumentException(architectures.size() + " architectures but " + accuracies.length + " accuracies");
    }
    int h = s.gp().maxDepth();
    WlFeatureExtractor ex = new WlFeatureExtractor(h);
    List<ArchitectureFeatures> xs = new ArrayList<>();
    Map<String, WlFeatureExtractor.FeatureName> names = new HashMap<>();
    for (A a : architectures) xs.add(features(space, a, ex, h, names));
    double[] y = new double[accuracies.length];
    // The search GP models -log(1 - acc), which needs acc < 1.
    for (int i = 0; i < y.length; i++) y[i] = Math.min(accuracies[i], 1 - 1e-9);
    FittedGp gp = GaussianProcess.fit(xs, y, s.gp());
    List<ArchitectureFeatures> over = s.sample() == 0 ? xs : sample(space, s, ex, h, names);
    List<MotifImportance.Motif> ranked = s.variant() == Variant.AVERAGE_GRADIENT
        ? MotifImportance.averageGradients(gp, over, s.minOccurrences(), INPUT_OUTPUT)
        : MotifImportance.originalVariant(gp, over, s.minOccurrences(), INPUT_OUTPUT);
    // A subtree that ends in leaves before the deepest WL iteration has the same label at every greater depth:
    // one motif, reported once at its shallowest depth.
    Set<String> reported = new HashSet<>();
    List<MotifImportance.Motif> shallowFirst = new ArrayList<>(ranked);
    shallowFirst.sort(Comparator.comparingInt(m -> m.feature().depth()));
    Set<MotifImportance.Motif> kept = new HashSet<>();
    for (MotifImportance.Motif m : shallowFirst) {
      var k = m.feature();
      if (reported.add(k.cell() + ":" + names.get(k.cell() + ":" + k.depth() + ":" + k.id()).label())) kept.add(m);
    }
    List<Row> rows = new ArrayList<>();
    for (MotifImportance.Motif m : ranked) {
      if (!kept.contains(m)) continue;
      var k = m.feature();
      double sum = 0;
      int n = 0;
      for (int i = 0; i < xs.size(); i++) {
        if (xs.get(i).cell(k.cell()).value(k.depth(), k.id()) > 0) {
          sum += accuracies[i];
          n++;
        }
      }
      WlFeatureExtractor.FeatureName name = names.get(k.cell() + ":" + k.depth() + ":" + k.id());
      // With a sample of the space, a motif may occur in no evaluated architecture: its mean accuracy is NaN.
      rows.add(new Row(rows.size() + 1, name.label(), k.depth(), k.cell(), m.averageGradient(), m.occurrences(),
          n == 0 ? Double.NaN : sum / n));
    }
    // What the threshold hid: motifs (by readable label, once each) present in some but fewer than
    // minOccurrences of the architectures scored.
    Map<String, Integer> occurrences = new HashMap<>();
    Map<String, Integer> depthOf = new HashMap<>();
    for (ArchitectureFeatures x : over) {
      for (int c = 0; c < x.cellCount(); c++) {
        for (int d = 0; d <= Math.min(h, x.cell(c).maxDepth()); d++) {
          long[] ids = x.cell(c).ids(d);
          double[] vals = x.cell(c).values(d);
          for (int i = 0; i < ids.length; i++) {
            if (vals[i] <= 0) continue;
            WlFeatureExtractor.FeatureName n = names.get(c + ":" + d + ":" + ids[i]);
            if (n == null || (d == 0 && INPUT_OUTPUT.contains(n.label()))) continue;
            String key = c + ":" + n.label();
            occurrences.merge(key, 1, Integer::sum);
            depthOf.merge(key, d, Math::min);
          }
        }
      }
    }
    int hidden = 0;
    List<String> hiddenOps = new ArrayList<>();
    for (var e : occurrences.entrySet()) {
      if (e.getValue() >= s.minOccurrences()) continue;
      hidden++;
      if (depthOf.get(e.getKey()) == 0) hiddenOps.add(e.getKey().substring(e.getKey().indexOf(':') + 1));
    }
    java.util.Collections.sort(hiddenOps);
    return new Learned(rows, gp, ex, hidden, List.copyOf(new java.util.LinkedHashSet<>(hiddenOps)));
  }

  /**
   * Good and bad motifs for a gallery: the good ones are among the {@code top} best ranked and have a positive
   * score, the bad ones among the {@code top} worst and have a negative score; no motif is in both.
   */
  public static Map.Entry<List<Row>, List<Row>> goodAndBad(List<Row> rows, int top) {
    List<Row> good = new ArrayList<>();
    for (Row r : rows) {
      if (good.size() >= top || r.averageGradient() <= 0) break;
      good.add(r);
    }
    List<Row> bad = new ArrayList<>();
    for (int i = rows.size() - 1; i >= 0 && bad.size() < top; i--) {
      Row r = rows.get(i);
      if (r.averageGradient() >= 0 || good.contains(r)) break;
      bad.add(r);
    }
    return Map.entry(good, bad);
  }

  /** The default occurrence threshold for {@code n} architectures: a tenth of them, between 2 and 10. */
  public static int defaultMinOccurrences(int n) {
    return Math.max(2, Math.min(MotifImportance.DEFAULT_MIN_OCCURRENCES, n / 10));
  }

  /** Features of {@code s.sample()} distinct architectures drawn from the space; their motif names join {@code names}. */
  private static <A> List<ArchitectureFeatures> sample(SearchSpace<A> space, Settings s, WlFeatureExtractor ex, int h,
      Map<String, WlFeatureExtractor.FeatureName> names) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(s.sampleSeed());
    Set<String> seen = new HashSet<>();
    List<ArchitectureFeatures> out = new ArrayList<>();
    int draws = 0;
    while (out.size() < s.sample()) {
      if (++draws > 100L * s.sample()) {
        throw new IllegalArgumentException("--sample " + s.sample() + ": the space has fewer distinct architectures than that");
      }
      A a = space.sample(rng);
      if (seen.add(space.key(a))) out.add(features(space, a, ex, h, names));
    }
    return out;
  }

  /** An architecture's WL features; the readable names of its features join {@code names} ("cell:depth:id"). */
  private static <A> ArchitectureFeatures features(SearchSpace<A> space, A a, WlFeatureExtractor ex, int h,
      Map<String, WlFeatureExtractor.FeatureName> names) {
    List<LabelledDag> cells = space.encode(a);
    for (int c = 0; c < cells.size(); c++) {
      for (var e : WlFeatureExtractor.names(cells.get(c), h).entrySet()) {
        names.putIfAbsent(c + ":" + e.getValue().depth() + ":" + e.getKey(), e.getValue());
      }
    }
    return ex.extract(cells);
  }

  /** Whether the architecture contains the motif: some node of the motif's cell has its label at its depth. */
  public static <A> boolean contains(SearchSpace<A> space, A architecture, Row motif) {
    List<LabelledDag> cells = space.encode(architecture);
    if (motif.cell() >= cells.size()) return false;
    String[] labels = WlSubtreeLabels.compute(cells.get(motif.cell()), motif.depth())[motif.depth()];
    for (String l : labels) if (l.equals(motif.motif())) return true;
    return false;
  }

  /** Reads a file written by {@link #writeCsv}; a bad field is reported with the file, line and column. */
  public static List<Row> readCsv(Path file) {
    List<Row> rows = new ArrayList<>();
    org.nasbowl.experiments.data.CsvTable.read(file,
        List.of("rank", "motif", "depth", "cell", "average_gradient", "occurrences", "mean_accuracy"),
        r -> rows.add(new Row((int) r.integer("rank"), r.text("motif"), (int) r.integer("depth"), (int) r.integer("cell"),
            r.number("average_gradient"), (int) r.integer("occurrences"),
            r.raw("mean_accuracy").isBlank() ? Double.NaN : r.number("mean_accuracy"))));
    return rows;
  }

  public static void writeCsv(Path file, List<Row> rows) throws IOException {
    AtomicFiles.writeText(file, w -> {
      w.write("rank,motif,depth,cell,average_gradient,occurrences,mean_accuracy\n");
      for (Row r : rows) {
        w.write(String.format(Locale.ROOT, "%d,\"%s\",%d,%d,%.6g,%d,%s%n", r.rank(), r.motif(), r.depth(), r.cell(),
            r.averageGradient(), r.occurrences(),
            Double.isNaN(r.meanAccuracy()) ? "" : String.format(Locale.ROOT, "%.6f", r.meanAccuracy())));
      }
    });
  }
}
