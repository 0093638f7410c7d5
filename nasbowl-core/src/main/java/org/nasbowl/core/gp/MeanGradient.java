package org.nasbowl.core.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.BaseKernel;
import org.nasbowl.core.kernel.CellFeatures;

/**
 * Analytic derivatives of the GP posterior mean with respect to single WL features (ALGORITHM.md section 7),
 * the quantity behind the paper's motif importance ("average gradient").
 *
 * <p>The posterior mean in target units is mu(x) = m + sd * sum_j alpha_j k(x, x_j), and the kernel is the mean
 * over cells c of k_c = S_c / sqrt(A_c B_c), with S_c = sum over depths d &lt;= h and shared features f of
 * base(a_f, b_f), A_c = S_c(x, x), B_c = S_c(x_j, x_j). For one feature f of x (cell c, depth d &lt;= h, value a):
 * <pre>
 *   d k_c / d a = S' / sqrt(A B) - S A' / (2 A sqrt(A B))
 *   dot product:            S' = b,                                    A' = 2 a
 *   histogram intersection: S' = 1 if a &lt; b, 1/2 if a = b, 0 if a &gt; b,  A' = 1
 *   d mu / d a  = sd / (number of cells) * sum_j alpha_j d k_c(x, x_j) / d a
 * </pre>
 * where b is the training point's value of the same feature; a training point that lacks the feature
 * contributes S' = 0 (only shared features enter S). Features deeper than the fitted h do not enter the
 * kernel: their derivative is 0.
 *
 * <p>The min kernel is piecewise linear in a and has no derivative at a tie a = b; we return the symmetric
 * subgradient 1/2 there, so the result is the mean of the left and right derivatives of mu (what central
 * finite differences converge to). Ties are common: e.g. every cell has exactly one input node.
 *
 * <p><b>Features absent from x</b> (value 0) are supported by {@link #derivative} for both kernels: the sums run
 * over shared features only, so a training point without the feature contributes S' = 0, and one with it
 * (value b &gt; 0) contributes S' = b (dot) or S' = 1 (min, since 0 &lt; b). The kernel, read as a function of
 * real-valued histograms (min(a, a) = a), is differentiable there, so this is an ordinary two-sided derivative
 * (the effect of adding a little of the motif); inserting the feature with value +-eps checks it. Negative values
 * (which only arise from perturbing features by hand) follow the same formulas.
 *
 * <p>Build one object per fitted GP with {@link #of} when differentiating many architectures: it copies the
 * training features and their self-kernels once. The static methods are conveniences that build it per call.
 * Instances are immutable and thread-safe.
 */
public final class MeanGradient {
  /** One WL feature of an architecture: the cell it belongs to, its WL depth and its stable id. */
  public record FeatureKey(int cell, int depth, long id) {}

  private final BaseKernel base;
  private final int h;
  private final int cells;
  private final double sd;
  private final double[] alpha;
  /** trainIds[j][c][d], trainValues[j][c][d] for depths 0..h. */
  private final long[][][][] trainIds;
  private final double[][][][] trainValues;
  /** trainSelf[j][c] = B, the unnormalised self-kernel of training point j, cell c, over depths 0..h. */
  private final double[][] trainSelf;

  private MeanGradient(FittedGp gp) {
    this.base = gp.config().base();
    this.h = gp.h();
    this.sd = gp.targetScale();
    this.alpha = gp.alpha();
    List<ArchitectureFeatures> train = gp.training();
    int n = train.size();
    this.cells = train.get(0).cellCount();
    this.trainIds = new long[n][cells][h + 1][];
    this.trainValues = new double[n][cells][h + 1][];
    this.trainSelf = new double[n][cells];
    for (int j = 0; j < n; j++) {
      for (int c = 0; c < cells; c++) {
        CellFeatures cf = train.get(j).cell(c);
        for (int d = 0; d <= h; d++) {
          trainIds[j][c][d] = cf.ids(d);
          trainValues[j][c][d] = cf.values(d);
        }
        trainSelf[j][c] = self(base, trainValues[j][c]);
      }
    }
  }

  /** Precomputes what the derivatives need from a fitted GP (training features, self-kernels, alpha). */
  public static MeanGradient of(FittedGp gp) {
    return new MeanGradient(gp);
  }

  /** d mu / d phi for one feature of x (see the class comment); builds a {@link MeanGradient} per call. */
  public static double derivative(FittedGp gp, ArchitectureFeatures x, int cell, int depth, long featureId) {
    return of(gp).derivative(x, cell, depth, featureId);
  }

  /** Every feature's derivative at x; builds a {@link MeanGradient} per call. */
  public static Map<FeatureKey, Double> allDerivatives(FittedGp gp, ArchitectureFeatures x) {
    return of(gp).allDerivatives(x);
  }

  /** The fitted WL depth: only features at depths 0..h() have a non-zero derivative. */
  public int h() {
    return h;
  }

  /**
   * d mu / d phi_(cell, depth, id) at x, in target units per unit of feature count. The feature may be absent
   * from x (see the class comment for the convention); features at depths beyond the fitted h give 0.
   *
   * @throws IllegalArgumentException if x has a different number of cells than the training set, is extracted
   *     to a smaller depth than h, or cell / depth are out of range
   */
  public double derivative(ArchitectureFeatures x, int cell, int depth, long featureId) {
    check(x);
    if (cell < 0 || cell >= cells) throw new IllegalArgumentException("cell " + cell + " outside 0.." + (cells - 1));
    if (depth < 0 || depth > x.maxDepth()) {
      throw new IllegalArgumentException("depth " + depth + " outside 0.." + x.maxDepth());
    }
    if (depth > h) return 0;
    CellFeatures cf = x.cell(cell);
    double[][] xValues = new double[h + 1][];
    long[][] xIds = new long[h + 1][];
    for (int d = 0; d <= h; d++) {
      xIds[d] = cf.ids(d);
      xValues[d] = cf.values(d);
    }
    double a = cf.value(depth, featureId);
    double selfA = self(base, xValues);
    double dA = base == BaseKernel.DOT_PRODUCT ? 2 * a : 1;
    double sum = 0;
    for (int j = 0; j < alpha.length; j++) {
      double s = 0;
      for (int d = 0; d <= h; d++) s += base.overShared(xIds[d], xValues[d], trainIds[j][cell][d], trainValues[j][cell][d]);
      long[] bIds = trainIds[j][cell][depth];
      int k = Arrays.binarySearch(bIds, featureId);
      double sPrime = k >= 0 ? dS(a, trainValues[j][cell][depth][k]) : 0;
      double root = Math.sqrt(selfA * trainSelf[j][cell]);
      double dk = sPrime / root - s * dA / (2 * selfA * root);
      sum += alpha[j] * dk;
    }
    return sd * sum / cells;
  }

  /**
   * The derivative for every feature stored in x at depths 0..h (extracted features are exactly the motifs
   * present, value &gt; 0), keyed by (cell, depth, id) in cell, depth, id order. One pass over the training
   * set: per training point and cell, one sorted merge per depth gives S and every feature's S' at once.
   *
   * @throws IllegalArgumentException as {@link #derivative}
   */
  public Map<FeatureKey, Double> allDerivatives(ArchitectureFeatures x) {
    check(x);
    Map<FeatureKey, Double> out = new LinkedHashMap<>();
    for (int c = 0; c < cells; c++) {
      CellFeatures cf = x.cell(c);
      long[][] ids = new long[h + 1][];
      double[][] values = new double[h + 1][];
      double[][] g = new double[h + 1][];
      for (int d = 0; d <= h; d++) {
        ids[d] = cf.ids(d);
        values[d] = cf.values(d);
        g[d] = new double[ids[d].length];
      }
      double selfA = self(base, values);
      // d mu / d a_f = sd / cells * [ sum_j w_j S'_jf - A'_f / (2 A) * sum_j w_j S_j ],  w_j = alpha_j / sqrt(A B_j)
      double t = 0;
      for (int j = 0; j < alpha.length; j++) {
        double w = alpha[j] / Math.sqrt(selfA * trainSelf[j][c]);
        double s = 0;
        for (int d = 0; d <= h; d++) {
          s += mergeAccumulate(ids[d], values[d], trainIds[j][c][d], trainValues[j][c][d], w, g[d]);
        }
        t += w * s;
      }
      for (int d = 0; d <= h; d++) {
        for (int k = 0; k < ids[d].length; k++) {
          double a = values[d][k];
          double dA = base == BaseKernel.DOT_PRODUCT ? 2 * a : 1;
          out.put(new FeatureKey(c, d, ids[d][k]), sd / cells * (g[d][k] - dA / (2 * selfA) * t));
        }
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * x with one feature value replaced: cells other than {@code cell} are shared unchanged. An absent feature
   * is inserted at its sorted position (which leaves the kernel unchanged when the value is 0).
   */
  public static ArchitectureFeatures withValue(ArchitectureFeatures x, int cell, int depth, long id, double value) {
    List<CellFeatures> cs = new ArrayList<>(x.cells());
    CellFeatures cf = x.cell(cell);
    long[] present = cf.ids(depth);
    int k = Arrays.binarySearch(present, id);
    if (k >= 0) {
      cs.set(cell, cf.with(depth, id, value));
    } else {
      int at = -k - 1;
      long[][] ids = new long[cf.maxDepth() + 1][];
      double[][] values = new double[cf.maxDepth() + 1][];
      for (int d = 0; d <= cf.maxDepth(); d++) {
        ids[d] = cf.ids(d);
        values[d] = cf.values(d);
      }
      long[] ni = new long[present.length + 1];
      double[] nv = new double[present.length + 1];
      System.arraycopy(present, 0, ni, 0, at);
      System.arraycopy(values[depth], 0, nv, 0, at);
      ni[at] = id;
      nv[at] = value;
      System.arraycopy(present, at, ni, at + 1, present.length - at);
      System.arraycopy(values[depth], at, nv, at + 1, present.length - at);
      ids[depth] = ni;
      values[depth] = nv;
      cs.set(cell, new CellFeatures(ids, values));
    }
    return new ArchitectureFeatures(cs);
  }

  /** d base(a, b) / d a for a feature shared with a training point (value b); 1/2 at a min-kernel tie. */
  private double dS(double a, double b) {
    if (base == BaseKernel.DOT_PRODUCT) return b;
    if (a < b) return 1;
    return a == b ? 0.5 : 0;
  }

  /** As {@link BaseKernel#overShared}, also adding w * S'(a_i, b) to g[i] for every shared feature i. */
  private double mergeAccumulate(long[] ai, double[] av, long[] bi, double[] bv, double w, double[] g) {
    double s = 0;
    int i = 0;
    int j = 0;
    while (i < ai.length && j < bi.length) {
      if (ai[i] < bi[j]) {
        i++;
      } else if (ai[i] > bi[j]) {
        j++;
      } else {
        double a = av[i];
        double b = bv[j++];
        s += base.apply(a, b);
        g[i++] += w * dS(a, b);
      }
    }
    return s;
  }

  private static double self(BaseKernel base, double[][] valuesByDepth) {
    double s = 0;
    for (double[] vs : valuesByDepth) s += base.self(vs);
    return s;
  }

  private void check(ArchitectureFeatures x) {
    if (x.cellCount() != cells) {
      throw new IllegalArgumentException("x has " + x.cellCount() + " cells, the training set " + cells);
    }
    if (x.maxDepth() < h) {
      throw new IllegalArgumentException("features extracted to depth " + x.maxDepth() + " < fitted h = " + h);
    }
  }
}
