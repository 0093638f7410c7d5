package org.nasbowl.experiments.benchmark;

import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.space.SearchSpace;

/**
 * A NAS benchmark: a search space and an objective over it. Tabular benchmarks look results up; the synthetic
 * one computes them. {@link #query} may use the generator for benchmarks with per-seed results or noise
 * (one seeded draw per query); deterministic benchmarks ignore it.
 */
public interface Benchmark<A> {

  String id();

  /** One paragraph: data source, objective, what regret is measured on and any caveat. */
  String description();

  /** The space the optimiser searches; for a table covering part of a space, restricted to the table. */
  SearchSpace<A> space();

  /**
   * Evaluates one architecture.
   *
   * @throws ArchitectureNotInBenchmarkException if a tabular benchmark has no entry for it
   */
  Evaluation query(A architecture, RandomGenerator rng);

  /**
   * The architecture's evaluation without noise (the mean over training seeds): what regret is measured on, also
   * when the optimiser saw a noisy draw. A deterministic benchmark's is its {@link #query}.
   *
   * @throws ArchitectureNotInBenchmarkException if a tabular benchmark has no entry for it
   */
  default Evaluation noiseless(A architecture) {
    if (!deterministic()) {
      throw new UnsupportedOperationException(id() + " is noisy and does not say what its noiseless value is");
    }
    return query(architecture, new java.util.SplittableRandom(0));
  }

  /** The best validation accuracy over the benchmark (of the objective as {@link #query} returns it on average). */
  double bestValidationAccuracy();

  /**
   * The best value of the metric regret is measured on: the best test accuracy, or the best validation
   * accuracy when the benchmark has no test accuracy ({@link #regretMetric()} says which).
   */
  double bestRegretMetric();

  /** "test accuracy" or what else regret is measured on, for reports. */
  String regretMetric();

  /** True when {@link #query} returns the same value for the same architecture every time (no noise). */
  boolean deterministic();

  /** Number of architectures the benchmark knows. */
  long size();

  /** Every architecture the benchmark knows, in a fixed order. */
  Stream<A> architectures();
}
