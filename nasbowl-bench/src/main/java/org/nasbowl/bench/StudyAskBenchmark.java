package org.nasbowl.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.concurrent.TimeUnit;
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
 * The time of one worker ask ({@link StudyStore#ask}: lock, stale check, reading every trial, rebuilding the
 * optimiser, proposing, inserting; every database round trip included) on a study with 500 complete and 8 running
 * trials of the synthetic benchmark, on a SQLite file and on a PostgreSQL server (embedded, on loopback). The trial
 * an ask inserts is deleted after each call, so every call sees the same 508 trials. Sample mode reports the
 * median (p0.50). Run: {@code java -jar nasbowl-bench/target/benchmarks.jar StudyAskBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class StudyAskBenchmark {
  @Param({"sqlite", "postgres"})
  public String storage;

  @Param({"nasbowl-m", "random"})
  public String method;

  static final int COMPLETE = 500;
  static final int RUNNING = 8;

  private BenchStudies studies;
  private StudyStore store;
  private Study study;
  private StudyOptimizer<?> optimizer;
  private Trial inserted;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    studies = new BenchStudies(storage);
    store = studies.store;
    study = studies.filled("bench", method, COMPLETE, RUNNING);
    optimizer = StudyOptimizer.of(study);
  }

  @Benchmark
  public Object ask() {
    StudyStore.AskResult r = store.ask(study, "bench", "h", 3_600_000, optimizer);
    inserted = ((StudyStore.Claimed) r).trial();
    return r;
  }

  @TearDown(Level.Invocation)
  public void removeInserted() throws Exception {
    if (inserted == null) return;
    try (Connection c = DriverManager.getConnection(studies.url);
        PreparedStatement p = c.prepareStatement("DELETE FROM trials WHERE id = ?")) {
      p.setLong(1, inserted.id());
      p.executeUpdate();
    }
    inserted = null;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    studies.close();
  }
}
