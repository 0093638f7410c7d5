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
  /** cumulative[c][h] = sum over depths 0..h of the unnormalised Gram of cell c (n x n row-major); null in a view. */
  private final double[][][] cumulative;
  /** selfNorm[c][h][i] = sqrt of the unnormalised self-kernel of training point i, cell c, depths 0..h. */
  private final double[][][] selfNorm;

  /**
   * The index and self-norms of a training set, with its per-depth Gram matrices (a fit) or without them
   * ({@link #indexOnly}: a model extended by new observations).
   */
  private KernelMatrices(List<ArchitectureFeatures> train, BaseKernel base, int maxDepth, boolean grams) {
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
    this.cumulative = grams ? index.depthGrams(base) : null;
    this.selfNorm = new double[cells][maxDepth + 1][n];
    for (int c = 0; c < cells; c++) {
      if (grams) {
        double[][] perCell = cumulative[c];
        for (int d = 1; d <= maxDepth; d++) {
          double[] prev = perCell[d - 1];
          double[] cur = perCell[d];
          for (int i = 0; i < cur.length; i++) cur[i] += prev[i];
        }
      }
      for (int d = 0; d <= maxDepth; d++) {
        for (int i = 0; i < n; i++) {
          selfNorm[c][d][i] = Math.sqrt(grams ? cumulative[c][d][i * n + i] : train.get(i).cell(c).selfKernel(base, d));
        }
      }
    }
  }

  /**
   * What a model extended by new observations needs ({@link #crossColumns} against the whole training set), built
   * in time linear in the number of features: the inverted index and the self-norms, no Gram matrices.
   */
  public static KernelMatrices indexOnly(List<ArchitectureFeatures> train, BaseKernel base, int maxDepth) {
    return new KernelMatrices(train, base, maxDepth, false);
  }

  private KernelMatrices(KernelMatrices full) {
    this.train = full.train;
    this.base = full.base;
    this.maxDepth = full.maxDepth;
    this.n = full.n;
    this.index = full.index;
    this.cells = full.cells;
    this.cumulative = null;
    this.selfNorm = full.selfNorm;
  }

  /**
   * A view that can still compute kernel rows against the training set ({@link #crossColumns}) but no longer
   * holds the O(depth n^2) Gram matrices: what a fitted model keeps.
   */
  public KernelMatrices withoutGrams() {
    return new KernelMatrices(this);
  }

  public static KernelMatrices of(List<ArchitectureFeatures> train, BaseKernel base, int maxDepth) {
    return new KernelMatrices(train, base, maxDepth, true);
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

  /**
   * The dot-product kernel at depth h as explicit normalised features: K_h = F F^T with F an n x p sparse matrix
   * (p = distinct features at depths 0..h over all cells). When p &lt; n this exposes the low rank of K_h.
   *
   * @throws IllegalStateException for the histogram-intersection kernel, which has no such finite map here
   */
  public FeatureSpace featureSpace(int h) {
    checkDepth(h);
    if (base != BaseKernel.DOT_PRODUCT) throw new IllegalStateException("explicit features need the dot product");
    int[] fill = new int[n];
    int p = 0;
    int[][] cols = new int[n][];
    double[][] vals = new double[n][];
    int[] nnz = new int[n];
    for (int c = 0; c < cells; c++) {
      for (int d = 0; d <= h; d++) {
        for (int q = 0; q < index.lists(c, d); q++) for (int i : index.postingIndices(c, d, q)) nnz[i]++;
      }
    }
    for (int i = 0; i < n; i++) {
      cols[i] = new int[nnz[i]];
      vals[i] = new double[nnz[i]];
    }
    double scale = 1 / Math.sqrt(cells);
    for (int c = 0; c < cells; c++) {
      for (int d = 0; d <= h; d++) {
        for (int q = 0; q < index.lists(c, d); q++, p++) {
          int[] idx = index.postingIndices(c, d, q);
          double[] val = index.postingValues(c, d, q);
          for (int t = 0; t < idx.length; t++) {
            int i = idx[t];
            cols[i][fill[i]] = p;
            vals[i][fill[i]++] = val[t] * scale / selfNorm[c][h][i];
          }
        }
      }
    }
    return new FeatureSpace(p, cols, vals);
  }

  /** Sparse rows of the explicit feature matrix F (row i: columns cols[i], values vals[i]). */
  public record FeatureSpace(int dimension, int[][] cols, double[][] vals) {
    /** F^T F, p x p row-major. */
    public double[] gram() {
      int p = dimension;
      double[] g = new double[p * p];
      for (int i = 0; i < cols.length; i++) {
        int[] c = cols[i];
        double[] v = vals[i];
        for (int a = 0; a < c.length; a++) {
          int row = c[a] * p;
          for (int b = 0; b < c.length; b++) g[row + c[b]] += v[a] * v[b];
        }
      }
      return g;
    }

    /** F^T z. */
    public double[] project(double[] z) {
      double[] u = new double[dimension];
      for (int i = 0; i < cols.length; i++) {
        for (int a = 0; a < cols[i].length; a++) u[cols[i][a]] += vals[i][a] * z[i];
      }
      return u;
    }
  }

  /** The normalised Gram matrix K_h of the training set (n x n, row-major, a fresh array). */
  public double[] normalized(int h) {
    checkDepth(h);
    if (cumulative == null) throw new IllegalStateException("this view holds no Gram matrices");
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
    double[][] trainSelf = new double[cells][];
    for (int c = 0; c < cells; c++) trainSelf[c] = selfNorm[c][h];
    // Candidates in groups of 8 so that each row of the n x m output is written a cache line at a time.
    int groups = (m + 7) / 8;
    IntStream gs = IntStream.range(0, groups);
    (parallel ? gs.parallel() : gs).forEach(g -> {
      int from = g * 8;
      int to = Math.min(m, from + 8);
      double[][] acc = new double[to - from][n];
      double[][] col = new double[to - from][n];
      for (int j = from; j < to; j++) {
        ArchitectureFeatures x = pool.get(j);
        if (x.maxDepth() < h) throw new IllegalArgumentException("pool features extracted to depth " + x.maxDepth());
        double[] a = acc[j - from];
        double[] out1 = col[j - from];
        for (int c = 0; c < cells; c++) {
          java.util.Arrays.fill(a, 0);
          CellFeatures cf = x.cell(c);
          index.accumulate(cf, c, h, base, a);
          double self = Math.sqrt(cf.selfKernel(base, h));
          for (int i = 0; i < n; i++) out1[i] += a[i] / (self * trainSelf[c][i]) / cells;
        }
      }
      for (int i = 0; i < n; i++) {
        int row = i * m;
        for (int j = from; j < to; j++) out[row + j] = col[j - from][i];
      }
    });
    return out;
  }

  private void checkDepth(int h) {
    if (h < 0 || h > maxDepth) throw new IllegalArgumentException("h = " + h + " outside 0.." + maxDepth);
  }
}
