package org.nasbowl.experiments.nas;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.bo.Optimizer;
import org.nasbowl.core.bo.OptimizerFactory;
import org.nasbowl.experiments.benchmark.ArchitectureNotInBenchmarkException;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.Evaluation;
import org.nasbowl.experiments.benchmark.EvaluationFailedException;

/**
 * Runs one optimiser against one benchmark for a query budget (ALGORITHM.md section 6): an initial batch, then
 * fixed-size batches (default 10 + 30 x 5 = 160), recording per query the objective, the best-so-far by
 * validation accuracy, its test accuracy, the regret (optimum minus that test accuracy) and the oracle regret
 * (optimum minus the best test accuracy among all queried, what the original logs).
 */
public final class BenchmarkRun {
  private BenchmarkRun() {}

  /** Budget and batch schedule. */
  public record Schedule(int budget, int initialBatch, int batch) {
    public Schedule {
      if (budget < 1 || initialBatch < 1 || batch < 1) throw new IllegalArgumentException("budget and batches >= 1");
    }

    /** The batch size after the first batch: 5, the paper's. */
    public static final int BATCH = 5;

    public static Schedule defaults(int budget) {
      return of(budget, BATCH);
    }

    /** The first batch of 10, then batches of {@code batch}. */
    public static Schedule of(int budget, int batch) {
      return new Schedule(budget, Math.min(10, budget), batch);
    }
  }

  /**
   * Runs the search.
   *
   * <p>Besides the best observation, every query records the optimiser's recommendation ({@link Optimizer#recommend},
   * asked when a batch is complete; the best observation for methods without a model) and the noiseless validation
   * accuracy of both, from {@link Benchmark#noiseless}: on a noisy benchmark the regret of a choice is what the
   * chosen architecture is really worth. The time a recommendation takes is counted in the next ask's time (its
   * model fit is the one that ask uses).
   *
   * @param seed the run's seed: the optimiser and the benchmark's noise draws derive from it alone
   * @param progress receives every query record as it happens (may be null)
   */
  public static <A> List<QueryRecord> run(Benchmark<A> benchmark, OptimizerFactory factory, long seed,
      Schedule schedule, Consumer<QueryRecord> progress) {
    Optimizer<A> opt = factory.create(benchmark.space(), seed);
    SplittableRandom noise = new SplittableRandom(seed ^ 0x5DEECE66DL);
    double optimum = benchmark.bestRegretMetric();
    List<QueryRecord> out = new ArrayList<>(schedule.budget());
    long start = System.nanoTime();
    double bestValid = Double.NEGATIVE_INFINITY;
    A bestArch = null;
    double testOfBest = Double.NaN;
    double bestTest = Double.NEGATIVE_INFINITY;
    A modelChoice = null;
    double recommendSeconds = 0;
    while (out.size() < schedule.budget()) {
      int want = Math.min(out.isEmpty() ? schedule.initialBatch() : schedule.batch(), schedule.budget() - out.size());
      long t0 = System.nanoTime();
      List<A> batch = opt.ask(want);
      double askSeconds = (System.nanoTime() - t0) / 1e9 + recommendSeconds;
      if (batch.isEmpty()) break;
      for (int i = 0; i < batch.size(); i++) {
        A a = batch.get(i);
        String notation = benchmark.space().format(a);
        String key = benchmark.space().key(a);
        Observation obs;
        double valid = Double.NaN;
        double test = Double.NaN;
        double validTrue = Double.NaN;
        String failure = null;
        try {
          Evaluation e = benchmark.query(a, noise);
          valid = e.validationAccuracy();
          test = e.testAccuracy().orElse(valid);
          validTrue = benchmark.deterministic() ? valid : benchmark.noiseless(a).validationAccuracy();
          obs = Observation.of(valid, test);
        } catch (ArchitectureNotInBenchmarkException | EvaluationFailedException ex) {
          failure = ex.getMessage();
          obs = Observation.failed(failure);
        }
        opt.tell(a, obs);
        if (failure == null) {
          if (valid > bestValid) {
            bestValid = valid;
            bestArch = a;
            testOfBest = test;
          }
          bestTest = Math.max(bestTest, test);
        }
        if (i == batch.size() - 1) {
          long r0 = System.nanoTime();
          modelChoice = opt.recommend().orElse(null);
          recommendSeconds = (System.nanoTime() - r0) / 1e9;
        }
        A rec = modelChoice != null ? modelChoice : bestArch;
        Evaluation recTrue = rec == null ? null : benchmark.noiseless(rec);
        double bestValidTrue = bestArch == null ? Double.NaN
            : benchmark.deterministic() ? bestValid : benchmark.noiseless(bestArch).validationAccuracy();
        QueryRecord r = new QueryRecord(out.size() + 1, notation, key, valid, test,
            bestValid == Double.NEGATIVE_INFINITY ? Double.NaN : bestValid, testOfBest, optimum - testOfBest,
            bestTest == Double.NEGATIVE_INFINITY ? Double.NaN : optimum - bestTest,
            (System.nanoTime() - start) / 1e9, askSeconds / batch.size(), failure, validTrue, bestValidTrue,
            rec == null ? null : benchmark.space().format(rec),
            recTrue == null ? Double.NaN : recTrue.validationAccuracy(),
            recTrue == null ? Double.NaN : recTrue.testAccuracy().orElse(recTrue.validationAccuracy()));
        out.add(r);
        if (progress != null) progress.accept(r);
      }
    }
    return out;
  }
}
