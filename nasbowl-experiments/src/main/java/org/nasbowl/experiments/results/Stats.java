package org.nasbowl.experiments.results;

/** The summary statistics the experiment tables report over seeds. */
public final class Stats {
  private Stats() {}

  /** The mean; NaN when empty. */
  public static double mean(double[] x) {
    if (x.length == 0) return Double.NaN;
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }

  /** The median (mean of the two middle values for an even count); NaN when empty. */
  public static double median(double[] x) {
    if (x.length == 0) return Double.NaN;
    double[] s = x.clone();
    java.util.Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** Standard error of the mean: sample standard deviation (n - 1) over sqrt(n); NaN below two values. */
  public static double se(double[] x) {
    if (x.length < 2) return Double.NaN;
    double m = mean(x);
    double ss = 0;
    for (double v : x) ss += (v - m) * (v - m);
    return Math.sqrt(ss / (x.length - 1) / x.length);
  }
}
