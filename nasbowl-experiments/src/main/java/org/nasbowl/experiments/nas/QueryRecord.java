package org.nasbowl.experiments.nas;

/**
 * One query of a benchmark run (one line of a trace). Accuracies are fractions; NaN where unknown.
 *
 * @param query 1-based query number
 * @param architecture the architecture in the space's notation
 * @param key the space's canonical key
 * @param valid validation accuracy (the objective), NaN for a failed query
 * @param test test accuracy (or the benchmark's regret metric), NaN if unknown
 * @param bestValid best validation accuracy so far
 * @param testOfBestValid the test accuracy of the architecture with the best validation accuracy so far
 * @param regret benchmark optimum minus testOfBestValid
 * @param oracleRegret benchmark optimum minus the best test accuracy among all queried (as the original logs)
 * @param elapsedSeconds wall time since the run started
 * @param surrogateSeconds time the optimiser spent proposing this query (its ask, shared over the batch)
 * @param failure failure reason, or null
 */
public record QueryRecord(int query, String architecture, String key, double valid, double test, double bestValid,
    double testOfBestValid, double regret, double oracleRegret, double elapsedSeconds, double surrogateSeconds,
    String failure) {}
