package org.nasbowl.experiments.study;

/**
 * A study: one search (space, method, seed, budget) shared by every worker that names it.
 *
 * @param batchHint how many workers are expected to run at once; recorded for the status view only
 * @param settings the optimiser's settings as JSON (acquisition, batch selection), fixed at creation
 * @param created epoch milliseconds by the database's clock
 */
public record Study(long id, String name, String space, String method, long seed, int budget, int batchHint,
    String settings, long created) {}
