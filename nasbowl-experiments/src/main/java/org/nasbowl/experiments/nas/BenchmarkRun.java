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

    public static Schedule defaults(int budget) {
      return new Schedule(budget, Math.min(10, budget), 5);
    }
  }

  /**
   * Runs the search.
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
    double testOfBest = Double.NaN;
    double bestTest = Double.NEGATIVE_INFINITY;
    while (out.size() < schedule.budget()) {
      int want = Math.min(out.isEmpty() ? schedule.initialBatch() : schedule.batch(), schedule.budget() - out.size());
      long t0 = System.nanoTime();
      List<A> batch = opt.ask(want);
      double askSeconds = (System.nanoTime() - t0) / 1e9;
      if (batch.isEmpty()) break;
      for (A a : batch) {
        String notation = benchmark.space().format(a);
        String key = benchmark.space().key(a);
        Observation obs;
        double valid = Double.NaN;
        double test = Double.NaN;
        String failure = null;
        try {
          Evaluation e = benchmark.query(a, noise);
          valid = e.validationAccuracy();
          test = e.testAccuracy().orElse(valid);
          obs = Observation.of(valid, test);
        } catch (ArchitectureNotInBenchmarkException ex) {
          failure = ex.getMessage();
          obs = Observation.failed(failure);
        }
        opt.tell(a, obs);
        if (failure == null) {
          if (valid > bestValid) {
            bestValid = valid;
            testOfBest = test;
          }
          bestTest = Math.max(bestTest, test);
        }
        QueryRecord r = new QueryRecord(out.size() + 1, notation, key, valid, test,
            bestValid == Double.NEGATIVE_INFINITY ? Double.NaN : bestValid, testOfBest, optimum - testOfBest,
            bestTest == Double.NEGATIVE_INFINITY ? Double.NaN : optimum - bestTest,
            (System.nanoTime() - start) / 1e9, askSeconds / batch.size(), failure);
        out.add(r);
        if (progress != null) progress.accept(r);
      }
    }
    return out;
  }
}
