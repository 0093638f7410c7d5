package org.nasbowl.experiments.external;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of {@link ExternalObjectiveDriver#run}.
 *
 * @param runDirectory where config.json, events.jsonl, results.csv, summary.json and evals/ are
 * @param budget the evaluation budget
 * @param results every finished evaluation in the order the optimiser was told (failures and replicates included)
 * @param resumed evaluations that were already finished when this call started (0 for a new run)
 * @param rerun evaluations in flight when the previous run stopped, evaluated again by this call
 * @param spaceExhausted true if the optimiser ran out of new architectures before the budget
 * @param best the successful evaluation with the highest validation accuracy (earliest on ties)
 * @param recommended the architecture the search recommends: its model's choice among the evaluated ones (for
 *     NAS-BOWL on a noisy objective, the highest lower confidence bound), else the best observation
 * @param byModel whether the recommendation is the model's
 */
public record RunSummary(Path runDirectory, int budget, List<EvaluationRecord> results, int resumed, int rerun,
    boolean spaceExhausted, Optional<EvaluationRecord> best, Optional<String> recommended, boolean byModel) {
  public RunSummary {
    results = List.copyOf(results);
  }

  public int evaluations() {
    return results.size();
  }

  public int succeeded() {
    return (int) results.stream().filter(EvaluationRecord::ok).count();
  }

  public int failed() {
    return evaluations() - succeeded();
  }

  /** The validation accuracies of an architecture's successful evaluations (its replicates included). */
  public double[] valuesOf(String architecture) {
    return results.stream().filter(r -> r.ok() && r.architecture().equals(architecture))
        .mapToDouble(r -> r.observation().value().getAsDouble()).toArray();
  }

  /** "mean valid_acc 0.9312 over 3 evaluations" for an architecture. */
  public String describe(String architecture) {
    return describe(valuesOf(architecture));
  }

  /** "mean valid_acc 0.9312 over 3 evaluations" for an architecture's values (a run's or a study's). */
  public static String describe(double[] values) {
    return String.format(Locale.ROOT, "mean valid_acc %.4f over %d evaluation%s",
        java.util.Arrays.stream(values).average().orElse(Double.NaN), values.length, values.length == 1 ? "" : "s");
  }
}
