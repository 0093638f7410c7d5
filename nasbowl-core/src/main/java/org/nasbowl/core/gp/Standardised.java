package org.nasbowl.core.gp;

/**
 * Targets standardised to mean 0 and unbiased standard deviation 1, as every surrogate here trains on them:
 * {@code z = (y - mean) / sd}. One point or constant targets have no scale to learn: then {@code sd = 1}, so a
 * model's prior variance stays 1.
 */
public record Standardised(double mean, double sd, double[] z) {
  /** @param y finite targets, at least one */
  public static Standardised of(double[] y) {
    int n = y.length;
    double mean = 0;
    for (double v : y) mean += v;
    mean /= n;
    double ss = 0;
    for (double v : y) ss += (v - mean) * (v - mean);
    double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    if (!(sd > 1e-12 * Math.max(1, Math.abs(mean)))) sd = 1;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) z[i] = (y[i] - mean) / sd;
    return new Standardised(mean, sd, z);
  }
}
