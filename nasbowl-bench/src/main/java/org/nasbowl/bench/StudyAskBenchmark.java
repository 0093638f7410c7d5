package org.nasbowl.bench;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.experiments.study.Study;
import org.nasbowl.experiments.study.StudyOptimizer;
import org.nasbowl.experiments.study.StudyStore;
import org.nasbowl.experiments.study.Trial;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time of one worker ask ({@link StudyStore#ask}: the locked snapshot with its stale check and its read of every
 * trial, the optimiser's update and proposal with no lock held, the locked claim; every database round trip
 * included) on a study with {@code trials} complete and 8 running trials of the synthetic benchmark, on a SQLite
 * file and on a PostgreSQL server (embedded, on loopback), as a worker sees it in steady state: between two asks
 * one more result arrives (told after each call), so every NAS-BOWL ask adds one result to its kept model instead
 * of reusing it. The worker's first ask (the model fitted from scratch, as when a worker starts) is made in the
 * setup and reported on standard error, not measured. Single-shot mode: the median of the measured asks is the
 * p0.50 line (the study grows by one trial per ask: 2,000 to 2,040 for {@code trials = 2000}).
 * Run: {@code java -jar nasbowl-bench/target/benchmarks.jar StudyAskBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
@Warmup(iterations = 10, batchSize = 1)
@Measurement(iterations = 30, batchSize = 1)
public class StudyAskBenchmark {
  @Param({"sqlite", "postgres"})
  public String storage;

  @Param({"nasbowl-m", "random"})
  public String method;

  @Param({"500", "2000", "5000"})
  public int trials;

  static final int RUNNING = 8;

  private BenchStudies studies;
  private StudyStore store;
  private Study study;
  private StudyOptimizer<?> optimizer;
  private Trial claimed;
  private final SplittableRandom rng = new SplittableRandom(7);

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    studies = new BenchStudies(storage);
    store = studies.store;
    study = studies.filled("bench", method, trials, RUNNING);
    optimizer = StudyOptimizer.of(study);
    long t0 = System.nanoTime();
    ask();
    System.err.printf("%n[%s %s %d trials] first ask (model from scratch): %.0f ms%n", storage, method, trials,
        (System.nanoTime() - t0) / 1e6);
    tellClaimed();
  }

  @Benchmark
  public Object ask() {
    StudyStore.AskResult r = store.ask(study, "bench", "h", 3_600_000, optimizer);
    claimed = ((StudyStore.Claimed) r).trial();
    return r;
  }

  /** The claimed trial's result arrives before the next ask. */
  @TearDown(Level.Invocation)
  public void tellClaimed() {
    if (claimed == null) return;
    studies.use(claimed.key());
    double v = studies.value(new org.nasbowl.core.space.nb201.Nb201Space().parse(claimed.notation()), rng);
    store.tell(study, claimed, "bench", "h", new StudyStore.Result(Observation.of(v), 1, "", ""));
    claimed = null;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    studies.close();
  }
}
