package org.nasbowl.core.kernel;

import java.util.Arrays;

/**
 * The WL feature histograms of one cell graph for depths 0..maxDepth: at each depth, the distinct feature ids
 * in increasing order and how often each occurs. Ids are stable 64-bit hashes of the canonical subtree label
 * (see {@link WlFeatureExtractor}), so the same id means the same motif in every graph, fit and run.
 * Values are doubles so that derivative checks can perturb them; extracted values are counts.
 */
public final class CellFeatures {
  private final long[][] ids;
  private final double[][] values;

  public CellFeatures(long[][] ids, double[][] values) {
    if (ids.length != values.length || ids.length == 0) {
      throw new IllegalArgumentException("need ids and values for the same depths, at least depth 0");
    }
    for (int d = 0; d < ids.length; d++) {
      if (ids[d].length != values[d].length) throw new IllegalArgumentException("depth " + d + ": length mismatch");
      for (int k = 1; k < ids[d].length; k++) {
        if (ids[d][k - 1] >= ids[d][k]) throw new IllegalArgumentException("depth " + d + ": ids not strictly increasing");
      }
    }
    this.ids = ids;
    this.values = values;
  }

  public int maxDepth() {
    return ids.length - 1;
  }

  /** Feature ids at a depth, increasing (the array itself: do not modify). */
  long[] idsAt(int depth) {
    return ids[depth];
  }

  /** Feature values at a depth, aligned with {@link #idsAt} (the array itself: do not modify). */
  double[] valuesAt(int depth) {
    return values[depth];
  }

  public long[] ids(int depth) {
    return ids[depth].clone();
  }

  public double[] values(int depth) {
    return values[depth].clone();
  }

  /** The value of one feature at one depth (0 when absent). */
  public double value(int depth, long id) {
    int k = Arrays.binarySearch(ids[depth], id);
    return k >= 0 ? values[depth][k] : 0;
  }

  /** A copy with one feature's value replaced (the feature must be present at that depth). */
  public CellFeatures with(int depth, long id, double value) {
    int k = Arrays.binarySearch(ids[depth], id);
    if (k < 0) throw new IllegalArgumentException("feature " + id + " absent at depth " + depth);
    double[][] v = new double[values.length][];
    for (int d = 0; d < v.length; d++) v[d] = values[d].clone();
    v[depth][k] = value;
    return new CellFeatures(ids, v);
  }

  /** Unnormalised base kernel with itself over depths 0..h. */
  double selfKernel(BaseKernel base, int h) {
    double s = 0;
    for (int d = 0; d <= h; d++) s += base.self(values[d]);
    return s;
  }

  /** Unnormalised base kernel with another cell at one depth (sorted merge). */
  double depthKernel(BaseKernel base, CellFeatures other, int depth) {
    return base.overShared(ids[depth], values[depth], other.ids[depth], other.values[depth]);
  }
}
