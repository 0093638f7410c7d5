package org.nasbowl.experiments.benchmark;

import java.util.OptionalDouble;

/**
 * The result of evaluating one architecture. Accuracies are fractions in [0, 1] for every benchmark (tables in
 * percent are converted on reading).
 *
 * @param validationAccuracy what the optimiser sees (the objective)
 * @param testAccuracy what regret is reported on, when the benchmark has it
 * @param trainingSeconds training time, when known
 * @param parameters number of trainable parameters, when known
 */
public record Evaluation(double validationAccuracy, OptionalDouble testAccuracy, OptionalDouble trainingSeconds,
    OptionalDouble parameters) {
  public Evaluation {
    if (!(validationAccuracy >= 0 && validationAccuracy <= 1)) {
      throw new IllegalArgumentException("validation accuracy must be in [0, 1], got " + validationAccuracy);
    }
    if (testAccuracy.isPresent() && !(testAccuracy.getAsDouble() >= 0 && testAccuracy.getAsDouble() <= 1)) {
      throw new IllegalArgumentException("test accuracy must be in [0, 1], got " + testAccuracy.getAsDouble());
    }
  }

  public static Evaluation of(double validation, double test) {
    return new Evaluation(validation, OptionalDouble.of(test), OptionalDouble.empty(), OptionalDouble.empty());
  }

  public static Evaluation validationOnly(double validation) {
    return new Evaluation(validation, OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
  }
}
