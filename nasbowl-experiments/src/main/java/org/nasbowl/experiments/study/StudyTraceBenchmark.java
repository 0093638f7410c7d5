package org.nasbowl.experiments.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.benchmark.ArchitectureNotInBenchmarkException;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.Evaluation;
import org.nasbowl.experiments.external.UserSpaces;
import org.nasbowl.experiments.nas.QueryRecord;
import org.nasbowl.experiments.nas.Trace;

/**
 * The results of an exported study seen as a benchmark: the space is the study's, the known architectures are
 * the ones the study evaluated successfully and their results are what the objective command printed. It lets
 * {@code nasbowl motifs --from} and {@code explain --from} read a study's trace, whose benchmark id is
 * {@code study:<space>:<name>}; an architecture the study did not evaluate has no result.
 */
public final class StudyTraceBenchmark<A> implements Benchmark<A> {
  public static final String PREFIX = "study:";

  private final String id;
  private final SearchSpace<A> space;
  private final Map<String, Evaluation> results = new LinkedHashMap<>();
  private final List<A> architectures = new ArrayList<>();

  private StudyTraceBenchmark(String id, SearchSpace<A> space, Trace trace) {
    this.id = id;
    this.space = space;
    for (QueryRecord q : trace.queries()) {
      if (q.failure() != null || Double.isNaN(q.valid())) continue;
      A a = space.parse(q.architecture());
      if (results.putIfAbsent(space.key(a), Double.isNaN(q.test()) ? Evaluation.validationOnly(q.valid())
          : Evaluation.of(q.valid(), q.test())) == null) {
        architectures.add(a);
      }
    }
  }

  /** The id a study's trace carries. */
  public static String id(Study s) {
    return PREFIX + s.space() + ":" + s.name();
  }

  /** The benchmark of a trace written by {@code nasbowl study export}, if the trace is one. */
  public static Optional<Benchmark<?>> of(Trace trace) {
    if (!trace.benchmark().startsWith(PREFIX)) return Optional.empty();
    String rest = trace.benchmark().substring(PREFIX.length());
    int colon = rest.indexOf(':');
    String space = colon < 0 ? rest : rest.substring(0, colon);
    return Optional.of(new StudyTraceBenchmark<>(trace.benchmark(), UserSpaces.byName(space), trace));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "the " + architectures.size() + " architectures a study evaluated, with the results its objective "
        + "command printed";
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
