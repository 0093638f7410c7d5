package org.nasbowl.core.kernel;

/** How two histograms are compared at one WL depth (ALGORITHM.md section 3). */
public enum BaseKernel {
  /** Dot product of the histograms (the original's choice on NAS-Bench-201). */
  DOT_PRODUCT {
    @Override
    double apply(double a, double b) {
      return a * b;
    }
  },
  /** Histogram intersection, sum_f min(a_f, b_f): the optimal-assignment WL-OA kernel (NAS-Bench-101, DARTS). */
  HISTOGRAM_INTERSECTION {
    @Override
    double apply(double a, double b) {
      return Math.min(a, b);
    }
  };

  /** The contribution of one shared feature with values a and b. */
  abstract double apply(double a, double b);
}
