package org.nasbowl.core.kernel;

import java.util.List;

/**
 * The WL kernel of ALGORITHM.md section 3: a base kernel per depth summed over depths 0..h with unit weights,
 * cosine-normalised once, k(G, G') = k~(G, G') / sqrt(k~(G, G) k~(G', G')), then averaged over cells
 * (DARTS: normal and reduction). The vertex-histogram kernel is h = 0. Amplitude 1: k(G, G) = 1.
 */
public record WlKernel(BaseKernel base, int h) {
  public WlKernel {
    if (h < 0) throw new IllegalArgumentException("WL depth must be >= 0: " + h);
  }

  /** k(a, b). */
  public double value(ArchitectureFeatures a, ArchitectureFeatures b) {
    checkDepth(a);
    checkDepth(b);
    double sum = 0;
    for (int c = 0; c < a.cellCount(); c++) {
      CellFeatures x = a.cell(c);
      CellFeatures y = b.cell(c);
      double k = 0;
      for (int d = 0; d <= h; d++) k += x.depthKernel(base, y, d);
      sum += k / Math.sqrt(x.selfKernel(base, h) * y.selfKernel(base, h));
    }
    return sum / a.cellCount();
  }

  /** The Gram matrix of a set (n x n). */
  public double[][] gram(List<ArchitectureFeatures> xs) {
    return cross(xs, xs);
  }

  /** Kernel values between every row and every column architecture. */
  public double[][] cross(List<ArchitectureFeatures> rows, List<ArchitectureFeatures> cols) {
    xsDepth(rows);
    xsDepth(cols);
    FeatureIndex index = new FeatureIndex(cols, h);
    int cells = cols.isEmpty() ? 1 : cols.get(0).cellCount();
    double[][] colSelf = new double[cells][cols.size()];
    for (int c = 0; c < cells; c++) {
      for (int j = 0; j < cols.size(); j++) colSelf[c][j] = cols.get(j).cell(c).selfKernel(base, h);
    }
    double[][] out = new double[rows.size()][];
    double[] acc = new double[cols.size()];
    for (int i = 0; i < rows.size(); i++) {
      double[] row = new double[cols.size()];
      for (int c = 0; c < cells; c++) {
        java.util.Arrays.fill(acc, 0);
        CellFeatures x = rows.get(i).cell(c);
        index.accumulate(x, c, h, base, acc);
        double self = x.selfKernel(base, h);
        for (int j = 0; j < acc.length; j++) row[j] += acc[j] / Math.sqrt(self * colSelf[c][j]) / cells;
      }
      out[i] = row;
    }
    return out;
  }

  private void xsDepth(List<ArchitectureFeatures> xs) {
    for (ArchitectureFeatures x : xs) checkDepth(x);
  }

  private void checkDepth(ArchitectureFeatures x) {
    if (x.maxDepth() < h) {
      throw new IllegalArgumentException("features extracted to depth " + x.maxDepth() + " < kernel depth " + h);
    }
  }
}
