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
 * @param validTrue the noiseless validation accuracy of this query's architecture (equal to {@code valid} on a
 *     deterministic benchmark), NaN for a failed query
 * @param bestValidTrue the noiseless validation accuracy of the best-observed architecture so far
 * @param recommended the optimiser's recommendation after this query (its model's choice among the evaluated
 *     architectures, updated when a batch is complete; the best observed for methods without a model), or null
 * @param recommendedValidTrue the recommendation's noiseless validation accuracy
 * @param recommendedTest the recommendation's test accuracy (or the benchmark's regret metric)
 */
public record QueryRecord(int query, String architecture, String key, double valid, double test, double bestValid,
    double testOfBestValid, double regret, double oracleRegret, double elapsedSeconds, double surrogateSeconds,
    String failure, double validTrue, double bestValidTrue, String recommended, double recommendedValidTrue,
    double recommendedTest) {

  /** A query of a deterministic objective without a recommendation (the best observation is all there is). */
  public QueryRecord(int query, String architecture, String key, double valid, double test, double bestValid,
      double testOfBestValid, double regret, double oracleRegret, double elapsedSeconds, double surrogateSeconds,
      String failure) {
    this(query, architecture, key, valid, test, bestValid, testOfBestValid, regret, oracleRegret, elapsedSeconds,
        surrogateSeconds, failure, valid, bestValid, null, Double.NaN, Double.NaN);
  }

  public boolean failed() {
    return failure != null;
  }
}
