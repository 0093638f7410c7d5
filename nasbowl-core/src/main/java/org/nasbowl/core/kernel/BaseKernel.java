package org.nasbowl.core.kernel;

/** How two histograms are compared at one WL depth (ALGORITHM.md section 3). */
public enum BaseKernel {
  /** Dot product of the histograms (the original's choice on NAS-Bench-201). */
  DOT_PRODUCT {
    @Override
    public double apply(double a, double b) {
      return a * b;
    }
  },
  /** Histogram intersection, sum_f min(a_f, b_f): the optimal-assignment WL-OA kernel (NAS-Bench-101, DARTS). */
  HISTOGRAM_INTERSECTION {
    @Override
    public double apply(double a, double b) {
      return Math.min(a, b);
    }
  };

  /** The contribution of one shared feature with values a and b. */
  public abstract double apply(double a, double b);

  /**
   * The kernel of two histograms at one depth: {@link #apply} summed over the features they share, by a sorted
   * merge of their strictly increasing id arrays (values aligned with the ids).
   */
  public double overShared(long[] aIds, double[] aValues, long[] bIds, double[] bValues) {
    double s = 0;
    int i = 0;
    int j = 0;
    while (i < aIds.length && j < bIds.length) {
      if (aIds[i] < bIds[j]) {
        i++;
      } else if (aIds[i] > bIds[j]) {
        j++;
      } else {
        s += apply(aValues[i++], bValues[j++]);
      }
    }
    return s;
  }

  /** The kernel of a histogram with itself: {@link #apply}(v, v) summed over its values. */
  public double self(double[] values) {
    double s = 0;
    for (double v : values) s += apply(v, v);
    return s;
  }
}
