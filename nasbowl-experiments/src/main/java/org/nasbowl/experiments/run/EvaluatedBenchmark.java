package org.nasbowl.experiments.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.benchmark.ArchitectureNotInBenchmarkException;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.Evaluation;

/**
 * A run of the user's own objective seen as a benchmark: the space is the run's, the known architectures are the
 * ones it evaluated successfully (the first result of each) and their results are what the objective printed.
 * An architecture the run did not evaluate has no result; {@code explain} and {@code predict} predict it instead.
 */
public final class EvaluatedBenchmark<A> implements Benchmark<A> {
  /** The prefix of the benchmark id a study's exported trace carries: {@code study:<space>:<name>}. */
  public static final String STUDY_PREFIX = "study:";

  private final String id;
  private final SearchSpace<A> space;
  private final Map<String, Evaluation> results = new LinkedHashMap<>();
  private final List<A> architectures = new ArrayList<>();

  private EvaluatedBenchmark(String id, SearchSpace<A> space, List<RunEvaluation> evaluations) {
    this.id = id;
    this.space = space;
    // An architecture evaluated more than once (replicates) is known by the mean of its results.
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (RunEvaluation e : evaluations) {
      if (!e.ok()) continue;
      A a = space.parse(e.architecture());
      double[] s = sums.get(space.key(a));
      if (s == null) {
        sums.put(space.key(a), s = new double[4]);
        architectures.add(a);
      }
      var test = e.observation().testValue();
      s[0] += e.valid();
      s[1]++;
      if (test.isPresent()) {
        s[2] += test.getAsDouble();
        s[3]++;
      }
    }
    for (var e : sums.entrySet()) {
      double[] s = e.getValue();
      results.put(e.getKey(), s[3] > 0 ? Evaluation.of(s[0] / s[1], s[2] / s[3]) : Evaluation.validationOnly(s[0] / s[1]));
    }
  }

  /** The benchmark of a run's own results. */
  public static EvaluatedBenchmark<?> of(RunData run) {
    return create(run.searchSpace(), run);
  }

  private static <A> EvaluatedBenchmark<A> create(SearchSpace<A> space, RunData run) {
    String id = run.benchmark() != null ? run.benchmark() : "run:" + run.space() + ":" + run.source();
    return new EvaluatedBenchmark<>(id, space, run.evaluations());
  }

  /** Whether the architecture was evaluated successfully by the run. */
  public boolean evaluated(A architecture) {
    return results.containsKey(space.key(architecture));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "the " + architectures.size() + " architectures a run evaluated, with the results its objective printed";
  }

  @Override
  public SearchSpace<A> space() {
    return space;
  }

  @Override
  public Evaluation query(A architecture, RandomGenerator rng) {
    Evaluation e = results.get(space.key(architecture));
    if (e == null) throw new ArchitectureNotInBenchmarkException(id, space.format(architecture));
    return e;
  }

  /** The value the run observed: a run's own results are all there is to know. */
  @Override
  public Evaluation noiseless(A architecture) {
    return query(architecture, null);
  }

  @Override
  public double bestValidationAccuracy() {
    return results.values().stream().mapToDouble(Evaluation::validationAccuracy).max().orElse(Double.NaN);
  }

  @Override
  public double bestRegretMetric() {
    return bestValidationAccuracy();
  }

  @Override
  public String regretMetric() {
    return "validation accuracy";
  }

  @Override
  public boolean deterministic() {
    return false;
  }

  @Override
  public long size() {
    return architectures.size();
  }

  @Override
  public Stream<A> architectures() {
    return architectures.stream();
  }
}
