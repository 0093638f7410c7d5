package org.nasbowl.core.bo;

import java.util.OptionalDouble;

/**
 * The outcome of evaluating one architecture: the objective value the optimiser maximises (validation
 * accuracy in [0, 1] for every NAS objective here), optionally a test value and a cost, or a failure with its
 * reason. A failed architecture counts as evaluated (it is never proposed again) but trains no surrogate.
 */
public record Observation(OptionalDouble value, OptionalDouble testValue, OptionalDouble cost, String failure) {
  public Observation {
    if (value.isPresent() == (failure != null)) {
      throw new IllegalArgumentException("an observation has a value or a failure reason, not both or neither");
    }
    if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
      throw new IllegalArgumentException("objective value must be finite: " + value.getAsDouble());
    }
  }

  public static Observation of(double value) {
    return new Observation(OptionalDouble.of(value), OptionalDouble.empty(), OptionalDouble.empty(), null);
  }

  public static Observation of(double value, double test) {
    return new Observation(OptionalDouble.of(value), OptionalDouble.of(test), OptionalDouble.empty(), null);
  }

  public static Observation failed(String reason) {
    return new Observation(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
        reason == null || reason.isBlank() ? "failed" : reason);
  }

  public boolean ok() {
    return failure == null;
  }
}
