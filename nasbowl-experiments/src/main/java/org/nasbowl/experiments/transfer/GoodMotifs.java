package org.nasbowl.experiments.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nasbowl.core.gp.GpConfig;
import org.nasbowl.core.interpret.MotifImportance;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.interpret.MotifReport;
import org.nasbowl.experiments.data.CsvTable;

/**
 * The good motifs of a source task (ALGORITHM.md sections 7 and 8): a GP-WL with the WL depth fixed at h is fitted
 * to the source search's queries, every motif is scored by the paper's average gradient (AG) over the queried
 * architectures containing it (motifs in fewer than {@code minOccurrences} of them and the bare input / output
 * labels dropped, a subtree that ends in leaves before depth h counted once at its shallowest depth, as
 * {@code nasbowl motifs} reports), and the motifs whose AG is at or above the {@code percentile}-th percentile of
 * all scores are good.
 *
 * <p>Threshold, precisely: with the n scores sorted ascending, v_0 &lt;= ... &lt;= v_{n-1}, the p-th percentile
 * is v_k + f (v_{k+1} - v_k) with k + f = p / 100 * (n - 1) (linear interpolation, numpy's default), and a motif
 * is good iff its AG &gt;= that value. The default p = 70 is the original's "threshold 30": the original keeps
 * the motifs at or below the 30th percentile of its own quantity, which is anti-correlated with quality (see
 * {@link MotifImportance#originalVariant}); with the paper's AG, where high means good, the same rule is the
 * top 30%, AG &gt;= the 70th percentile.
 *
 * @param good the good motifs, highest AG first
 * @param ranked how many motifs were scored
 * @param threshold the AG percentile value
 */
public record GoodMotifs(List<Scored> good, int ranked, double threshold) {
  /** A good motif with its score on the source task. */
  public record Scored(Motif motif, int rank, double averageGradient, int occurrences, double meanAccuracy) {}

  public GoodMotifs {
    good = List.copyOf(good);
  }

  public List<Motif> motifs() {
    return good.stream().map(Scored::motif).toList();
  }

  /**
   * Learns the good motifs from evaluated architectures of the source task.
   *
   * @param accuracies the objective (validation accuracy) of each architecture
   * @param deterministic whether the objective is noise-free (the GP noise is then fixed at 1e-3)
   * @throws IllegalStateException if no motif occurs in at least {@code minOccurrences} architectures
   */
  public static <A> GoodMotifs learn(SearchSpace<A> space, List<A> architectures, double[] accuracies, int h,
      boolean deterministic, int minOccurrences, double percentile, boolean parallel) {
    if (!(percentile >= 0 && percentile <= 100)) throw new IllegalArgumentException("percentile must be in [0, 100]: " + percentile);
    GpConfig cfg = GpConfig.search().withHGrid(List.of(h)).withParallel(parallel);
    if (deterministic) cfg = cfg.withFixedNoise(1e-3);
    List<MotifReport.Row> ranked = MotifReport.rank(space, architectures, accuracies,
        new MotifReport.Settings(cfg, minOccurrences, MotifReport.Variant.AVERAGE_GRADIENT));
    if (ranked.isEmpty()) {
      throw new IllegalStateException("no motif occurs in at least " + minOccurrences + " of the "
          + architectures.size() + " source architectures; lower --min-occurrences or raise the source budget");
    }
    double threshold = percentile(ranked.stream().mapToDouble(MotifReport.Row::averageGradient).toArray(),
        percentile);
    List<Scored> good = new ArrayList<>();
    for (MotifReport.Row r : ranked) {
      if (r.averageGradient() < threshold) continue;
      good.add(new Scored(new Motif(r.cell(), r.depth(), r.motif()), r.rank(), r.averageGradient(), r.occurrences(),
          r.meanAccuracy()));
    }
    return new GoodMotifs(good, ranked.size(), threshold);
  }

  /** The p-th percentile with linear interpolation between order statistics (numpy's default). */
  static double percentile(double[] values, double p) {
    if (values.length == 0) throw new IllegalArgumentException("no values");
    double[] s = values.clone();
    Arrays.sort(s);
    double pos = p / 100 * (s.length - 1);
    int k = (int) Math.floor(pos);
    if (k >= s.length - 1) return s[s.length - 1];
    double f = pos - k;
    return f == 0 ? s[k] : s[k] + f * (s[k + 1] - s[k]);
  }

  /** Columns of a motif file. */
  static final String HEADER = "rank,motif,depth,cell,average_gradient,occurrences,mean_accuracy";

  /** Writes the good motifs (one row each) atomically. */
  public void write(Path file) throws IOException {
    AtomicFiles.writeText(file, w -> {
      w.write(HEADER + "\n");
      for (Scored s : good) {
        w.write(String.format(Locale.ROOT, "%d,\"%s\",%d,%d,%.17g,%d,%.6f%n", s.rank(), s.motif().label(),
            s.motif().depth(), s.motif().cell(), s.averageGradient(), s.occurrences(), s.meanAccuracy()));
      }
    });
  }

  /**
   * Reads motifs from a CSV with columns {@code motif} and {@code depth} (and optionally {@code cell}, default
   * 0): a file written by {@link #write}, a {@code motifs.csv} of {@code nasbowl motifs} cut to the wanted rows,
   * or a hand-written list. Every row is taken as a good motif.
   */
  public static List<Motif> readMotifs(Path file) {
    List<Motif> out = new ArrayList<>();
    CsvTable.read(file, List.of("motif", "depth"), row -> {
      int cell = row.has("cell") && !row.raw("cell").isEmpty() ? (int) row.integer("cell") : 0;
      try {
        out.add(new Motif(cell, (int) row.integer("depth"), row.text("motif")));
      } catch (IllegalArgumentException e) {
        throw row.error("motif", e.getMessage());
      }
    });
    return out;
  }

  /** Reads back a file written by {@link #write} with its scores (threshold and ranked count are not stored). */
  static List<Scored> readScored(Path file) {
    List<Scored> out = new ArrayList<>();
    CsvTable.read(file, List.of("rank", "motif", "depth", "cell", "average_gradient", "occurrences", "mean_accuracy"),
        row -> out.add(new Scored(new Motif((int) row.integer("cell"), (int) row.integer("depth"), row.text("motif")),
            (int) row.integer("rank"), row.number("average_gradient"), (int) row.integer("occurrences"),
            row.number("mean_accuracy"))));
    return out;
  }
}
