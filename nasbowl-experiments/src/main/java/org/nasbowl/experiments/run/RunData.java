package org.nasbowl.experiments.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.experiments.external.UserSpaces;

/**
 * A run read back by {@link RunReader}: a {@code search --objective-cmd} run directory, a {@code study export}
 * folder, a study in its database or a benchmark trace, in one form that every command reading results uses.
 *
 * @param kind what was read
 * @param source where from (a path, or the study's name and storage)
 * @param space the search space's name
 * @param benchmark the benchmark a trace was run on, or null for a run of the user's own objective
 * @param method the optimiser's id
 * @param seed its seed
 * @param budget the run's budget
 * @param evaluations the finished evaluations in the order their results arrived
 * @param warm observations the run was warm-started from (not its evaluations; they are in its model)
 */
public record RunData(Kind kind, String source, String space, String benchmark, String method, long seed, int budget,
    List<RunEvaluation> evaluations, List<RunEvaluation> warm) {
  public RunData {
    evaluations = List.copyOf(evaluations);
    warm = List.copyOf(warm);
  }

  /** The kinds of run, with how they are named in messages. */
  public enum Kind {
    RUN_DIRECTORY("search --objective-cmd run"), STUDY_EXPORT("study export"), STUDY("study"), TRACE("benchmark trace");

    public final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  public SearchSpace<?> searchSpace() {
    return UserSpaces.byName(space);
  }

  public List<RunEvaluation> successes() {
    return evaluations.stream().filter(RunEvaluation::ok).toList();
  }

  public long failures() {
    return evaluations.size() - successes().size();
  }

  /** The successful evaluation with the highest validation accuracy (the earlier one on ties). */
  public Optional<RunEvaluation> best() {
    RunEvaluation best = null;
    for (RunEvaluation e : evaluations) if (e.ok() && (best == null || e.valid() > best.valid())) best = e;
    return Optional.ofNullable(best);
  }

  /** What the model of the run learns from: the warm start and the successful evaluations. */
  public List<RunEvaluation> modelled() {
    List<RunEvaluation> out = new ArrayList<>();
    for (RunEvaluation e : warm) if (e.ok()) out.add(e);
    out.addAll(successes());
    return out;
  }

  /** One line saying what was read. */
  public String describe() {
    return String.format(Locale.ROOT, "read %d evaluations (%d ok, %d failed%s) of the %s %s: %s on %s%s, seed %d, "
        + "budget %d", evaluations.size(), successes().size(), failures(),
        warm.isEmpty() ? "" : "; warm-started from " + warm.size(), kind.label, source, method, space,
        benchmark == null ? "" : " (" + benchmark + ")", seed, budget);
  }

  /**
   * The benchmark the run's architectures are looked up in: the catalogue's, for a trace of one, else the run's
   * own results ({@link EvaluatedBenchmark}), which know only what the run evaluated.
   */
  public Benchmark<?> benchmark(Path dataDir) {
    if (benchmark != null && BenchmarkCatalog.find(benchmark).isPresent()) return BenchmarkCatalog.open(benchmark, dataDir);
    return EvaluatedBenchmark.of(this);
  }

  /** True when the run's objective is a benchmark of the catalogue (a trace of one). */
  public boolean onCatalogBenchmark() {
    return benchmark != null && BenchmarkCatalog.find(benchmark).isPresent();
  }
}
