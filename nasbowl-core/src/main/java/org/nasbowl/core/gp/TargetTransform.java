package org.nasbowl.core.gp;

/** How observations become GP targets (ALGORITHM.md section 4). */
public enum TargetTransform {
  /** Targets used as they are (the golden regression data, or objectives already on a good scale). */
  IDENTITY {
    @Override
    public double apply(double observation) {
      return observation;
    }

    @Override
    public double invert(double target) {
      return target;
    }
  },
  /**
   * y = -log(1 - acc) for an accuracy acc in [0, 1) (the original's -log(validation error)); larger is better,
   * and it spreads out the top accuracies where the search happens.
   */
  NEG_LOG_ERROR {
    @Override
    public double apply(double acc) {
      if (!(acc >= 0 && acc < 1)) {
        throw new IllegalArgumentException("accuracy must be in [0, 1) for the -log(1 - acc) transform, got " + acc);
      }
      return -Math.log1p(-acc);
    }

    @Override
    public double invert(double target) {
      return -Math.expm1(-target);
    }
  };

  public abstract double apply(double observation);

  public abstract double invert(double target);
}
