package org.nasbowl.core.kernel;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Kernel matrices of a fixed training set for every WL depth up to a maximum: the normalised Gram matrix K_h
 * for any h (from per-depth unnormalised Grams built once), and kernel values between new architectures and
 * the training set. This is what model selection over h and scoring of candidate pools need.
 */
public final class KernelMatrices {
  private final List<ArchitectureFeatures> train;
  private final BaseKernel base;
  private final int maxDepth;
  private final int n;
  private final int cells;
  private final FeatureIndex index;
  /** cumulative[c][h] = sum over depths 0..h of the unnormalised Gram of cell c (n x n row-major). */
  private final double[][][] cumulative;

  private KernelMatrices(List<ArchitectureFeatures> train, BaseKernel base, int maxDepth) {
    for (ArchitectureFeatures x : train) {
      if (x.maxDepth() < maxDepth) {
        throw new IllegalArgumentException("features extracted to depth " + x.maxDepth() + " < " + maxDepth);
      }
    }
    this.train = List.copyOf(train);
    this.base = base;
    this.maxDepth = maxDepth;
    this.n = train.size();
    this.index = new FeatureIndex(train, maxDepth);
    this.cells = index.cells();
    this.cumulative = index.depthGrams(base);
    for (double[][] perCell : cumulative) {
      for (int d = 1; d <= maxDepth; d++) {
        double[] prev = perCell[d - 1];
        double[] cur = perCell[d];
        for (int i = 0; i < cur.length; i++) cur[i] += prev[i];
      }
    }
  }

  public static KernelMatrices of(List<ArchitectureFeatures> train, BaseKernel base, int maxDepth) {
    return new KernelMatrices(train, base, maxDepth);
  }

  public int size() {
    return n;
  }

  public BaseKernel base() {
    return base;
  }

  public List<ArchitectureFeatures> training() {
    return train;
  }

  /** Number of distinct features at depths 0..h in the training set (summed over cells). */
  public int distinctFeatures(int h) {
    int s = 0;
    for (int c = 0; c < cells; c++) s += index.distinctFeatures(c, h);
    return s;
  }

  /** The normalised Gram matrix K_h of the training set (n x n, row-major, a fresh array). */
  public double[] normalized(int h) {
    checkDepth(h);
    double[] out = new double[n * n];
    for (int c = 0; c < cells; c++) {
      double[] s = cumulative[c][h];
      double[] inv = new double[n];
      for (int i = 0; i < n; i++) inv[i] = 1 / Math.sqrt(s[i * n + i]);
      for (int i = 0; i < n; i++) {
        int row = i * n;
        for (int j = 0; j < n; j++) out[row + j] += s[row + j] * inv[i] * inv[j] / cells;
      }
    }
    return out;
  }

  /**
   * Kernel values between every training architecture (rows) and every pool member (columns): an n x m
   * row-major matrix, k(train_i, pool_j) at depth h.
   */
  public double[] crossColumns(List<ArchitectureFeatures> pool, int h, boolean parallel) {
    checkDepth(h);
    int m = pool.size();
    double[] out = new double[n * m];
    double[][] trainSelf = new double[cells][n];
    for (int c = 0; c < cells; c++) {
      double[] s = cumulative[c][h];
      for (int i = 0; i < n; i++) trainSelf[c][i] = Math.sqrt(s[i * n + i]);
    }
    IntStream js = IntStream.range(0, m);
    (parallel ? js.parallel() : js).forEach(j -> {
      double[] acc = new double[n];
      ArchitectureFeatures x = pool.get(j);
      if (x.maxDepth() < h) throw new IllegalArgumentException("pool features extracted to depth " + x.maxDepth());
      for (int c = 0; c < cells; c++) {
        java.util.Arrays.fill(acc, 0);
        CellFeatures cf = x.cell(c);
        index.accumulate(cf, c, h, base, acc);
        double self = Math.sqrt(cf.selfKernel(base, h));
        for (int i = 0; i < n; i++) out[i * m + j] += acc[i] / (self * trainSelf[c][i]) / cells;
      }
    });
    return out;
  }

  private void checkDepth(int h) {
    if (h < 0 || h > maxDepth) throw new IllegalArgumentException("h = " + h + " outside 0.." + maxDepth);
  }
}
