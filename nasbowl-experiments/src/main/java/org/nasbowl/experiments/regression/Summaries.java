package org.nasbowl.experiments.regression;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.nasbowl.core.io.AtomicFiles;

/** results.csv, summary.csv (mean and standard error) and the data-efficiency table. */
final class Summaries {
  private Summaries() {}

  /** Reference training sizes of the data-efficiency table. */
  static final int[] REFERENCE = {25, 50, 100};

  static void write(Path out, List<RegressionExperiment.Row> rows, List<Integer> sizes) throws IOException {
    List<RegressionExperiment.Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(RegressionExperiment.Row::benchmark).thenComparing(RegressionExperiment.Row::surrogate)
        .thenComparingInt(RegressionExperiment.Row::nTrain).thenComparingLong(RegressionExperiment.Row::seed));
    AtomicFiles.writeText(out.resolve("results.csv"), w -> {
      w.write(RegressionExperiment.HEADER + "\n");
      for (RegressionExperiment.Row r : sorted) w.write(r.csv() + "\n");
    });
    // (benchmark, surrogate) -> n -> spearman values
    Map<String, Map<String, TreeMap<Integer, List<RegressionExperiment.Row>>>> g = new LinkedHashMap<>();
    for (RegressionExperiment.Row r : sorted) {
      g.computeIfAbsent(r.benchmark(), k -> new LinkedHashMap<>()).computeIfAbsent(r.surrogate(), k -> new TreeMap<>())
          .computeIfAbsent(r.nTrain(), k -> new ArrayList<>()).add(r);
    }
    AtomicFiles.writeText(out.resolve("summary.csv"), w -> {
      w.write("benchmark,surrogate,n_train,runs,spearman_mean,spearman_se,kendall_mean,kendall_se,rmse_mean,rmse_se,"
          + "nll_mean,nll_se,fit_s_mean,predict_s_mean\n");
      for (var b : g.entrySet()) {
        for (var s : b.getValue().entrySet()) {
          for (var n : s.getValue().entrySet()) {
            List<RegressionExperiment.Row> rs = n.getValue();
            w.write(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s%n", b.getKey(), s.getKey(),
                n.getKey(), rs.size(), f(mean(rs, 0)), f(se(rs, 0)), f(mean(rs, 1)), f(se(rs, 1)), f(mean(rs, 2)),
                f(se(rs, 2)), f(mean(rs, 3)), f(se(rs, 3)), f(mean(rs, 4)), f(mean(rs, 5))));
          }
        }
      }
    });
    AtomicFiles.writeText(out.resolve("data_efficiency.csv"), w -> {
      w.write("benchmark,surrogate,reference_n,gp_wl_spearman,n_needed,ratio\n");
      for (var b : g.entrySet()) {
        TreeMap<Integer, List<RegressionExperiment.Row>> ref = b.getValue().get("gp-wl");
        if (ref == null) continue;
        for (var s : b.getValue().entrySet()) {
          if (s.getKey().equals("gp-wl")) continue;
          for (int n0 : REFERENCE) {
            if (!ref.containsKey(n0)) continue;
            double target = mean(ref.get(n0), 0);
            double needed = nNeeded(s.getValue(), target);
            w.write(String.format(Locale.ROOT, "%s,%s,%d,%.4f,%s,%s%n", b.getKey(), s.getKey(), n0, target,
                Double.isInfinite(needed) ? "> " + s.getValue().lastKey() : String.format(Locale.ROOT, "%.0f", needed),
                Double.isInfinite(needed) ? "" : String.format(Locale.ROOT, "%.2f", needed / n0)));
          }
        }
      }
    });
  }

  /**
   * The training size at which the mean Spearman first reaches {@code target}, interpolated linearly in log n
   * between consecutive sizes; infinity when never reached.
   */
  static double nNeeded(TreeMap<Integer, List<RegressionExperiment.Row>> bySize, double target) {
    Integer prevN = null;
    double prevV = Double.NaN;
    for (var e : bySize.entrySet()) {
      double v = mean(e.getValue(), 0);
      if (v >= target) {
        if (prevN == null || !(prevV < target)) return e.getKey();
        double t = (target - prevV) / (v - prevV);
        return Math.exp(Math.log(prevN) + t * (Math.log(e.getKey()) - Math.log(prevN)));
      }
      prevN = e.getKey();
      prevV = v;
    }
    return Double.POSITIVE_INFINITY;
  }

  private static double value(RegressionExperiment.Row r, int k) {
    return switch (k) {
      case 0 -> r.spearman();
      case 1 -> r.kendall();
      case 2 -> r.rmse();
      case 3 -> r.nll();
      case 4 -> r.fitSeconds();
      default -> r.predictSeconds();
    };
  }

  static double mean(List<RegressionExperiment.Row> rs, int k) {
    double s = 0;
    int c = 0;
    for (RegressionExperiment.Row r : rs) {
      double v = value(r, k);
      if (!Double.isNaN(v)) {
        s += v;
        c++;
      }
    }
    return c == 0 ? Double.NaN : s / c;
  }

  static double se(List<RegressionExperiment.Row> rs, int k) {
    double m = mean(rs, k);
    double ss = 0;
    int c = 0;
    for (RegressionExperiment.Row r : rs) {
      double v = value(r, k);
      if (!Double.isNaN(v)) {
        ss += (v - m) * (v - m);
        c++;
      }
    }
    return c < 2 ? Double.NaN : Math.sqrt(ss / (c - 1) / c);
  }

  static String f(double v) {
    return RegressionExperiment.f(v);
  }
}
