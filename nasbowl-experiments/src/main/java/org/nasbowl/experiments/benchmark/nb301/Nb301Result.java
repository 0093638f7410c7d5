package org.nasbowl.experiments.benchmark.nb301;

import java.util.Objects;
import java.util.OptionalDouble;
import org.nasbowl.core.space.darts.DartsGenotype;

/**
 * One trained architecture of the NAS-Bench-301 training data, with values as stored in its results file.
 *
 * @param genotype the architecture
 * @param validationAccuracy {@code info[0].val_accuracy}, in percent as in the file (e.g. 97.68)
 * @param testAccuracy {@code test_accuracy} in percent, when the file has it
 * @param runtime {@code runtime} (seconds of training), when the file has it
 */
public record Nb301Result(DartsGenotype genotype, double validationAccuracy, OptionalDouble testAccuracy,
    OptionalDouble runtime) {
  public Nb301Result {
    Objects.requireNonNull(genotype, "genotype");
    Objects.requireNonNull(testAccuracy, "testAccuracy");
    Objects.requireNonNull(runtime, "runtime");
    if (!Double.isFinite(validationAccuracy)) {
      throw new IllegalArgumentException("validation accuracy must be finite, got " + validationAccuracy);
    }
  }
}
