package org.nasbowl.experiments.study;

/**
 * One evaluation of a study (one row of {@code trials}): an architecture, or a replicate of one (its re-evaluation
 * with training seed {@code replicate}, asked by NAS-BOWL on noisy objectives). Times are epoch milliseconds by the database's clock;
 * boxed fields are null when unknown.
 *
 * @param number the 1-based position of the architecture among the study's proposals
 * @param state {@link #RUNNING}, {@link #COMPLETE}, {@link #FAILED} or {@link #STALE}
 * @param attempt how many times it was started (a stale trial started again has attempt 2)
 * @param tellSeq the position of its result among the study's results (the order the optimiser was told)
 * @param seconds wall time of the evaluation that gave the result
 * @param askMs how long the ask that proposed it took, database round trips included
 * @param replicate 0 for an architecture's first evaluation, r for its r-th replicate (training seed r)
 */
public record Trial(long id, int number, String key, String notation, String state, int attempt, String worker,
    String host, Long heartbeat, Long started, Long finished, Integer tellSeq, Double valid, Double test,
    Double cost, Double seconds, Double askMs, String reason, int replicate) {
  /** An architecture's first evaluation. */
  public Trial(long id, int number, String key, String notation, String state, int attempt, String worker,
      String host, Long heartbeat, Long started, Long finished, Integer tellSeq, Double valid, Double test,
      Double cost, Double seconds, Double askMs, String reason) {
    this(id, number, key, notation, state, attempt, worker, host, heartbeat, started, finished, tellSeq, valid, test,
        cost, seconds, askMs, reason, 0);
  }

  public static final String RUNNING = "RUNNING";
  public static final String COMPLETE = "COMPLETE";
  public static final String FAILED = "FAILED";
  public static final String STALE = "STALE";

  /** True once the trial has a result (complete or failed). */
  public boolean done() {
    return COMPLETE.equals(state) || FAILED.equals(state);
  }

  /** The validation accuracies of the COMPLETE trials of an architecture (its replicates included). */
  public static double[] completeValues(java.util.List<Trial> trials, String notation) {
    return trials.stream().filter(t -> COMPLETE.equals(t.state()) && t.notation().equals(notation))
        .mapToDouble(Trial::valid).toArray();
  }
}
