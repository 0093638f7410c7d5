package org.nasbowl.experiments.external;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link ExternalObjectiveDriver#run}.
 *
 * @param runDirectory where config.json, events.jsonl, results.csv, summary.json and evals/ are
 * @param budget the evaluation budget
 * @param results every finished evaluation in the order the optimiser was told (failures included)
 * @param resumed evaluations that were already finished when this call started (0 for a new run)
 * @param rerun evaluations in flight when the previous run stopped, evaluated again by this call
 * @param spaceExhausted true if the optimiser ran out of new architectures before the budget
 * @param best the successful evaluation with the highest validation accuracy (earliest on ties)
 */
public record RunSummary(Path runDirectory, int budget, List<EvaluationRecord> results, int resumed, int rerun,
    boolean spaceExhausted, Optional<EvaluationRecord> best) {
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
}
