package org.nasbowl.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;
import org.nasbowl.experiments.study.Study;
import org.nasbowl.experiments.study.StudyOptimizer;
import org.nasbowl.experiments.study.StudyStorage;
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

  private EmbeddedPostgres pg;
  private Path dir;
  private String url;
  private StudyStore store;
  private Study study;
  private StudyOptimizer<?> optimizer;
  private Trial inserted;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("nasbowl-bench-");
    if (storage.equals("postgres")) {
      pg = EmbeddedPostgres.builder().start();
      url = pg.getJdbcUrl("postgres", "postgres");
    } else {
      url = "jdbc:sqlite:" + dir.resolve("studies.db");
    }
    store = new StudyStore(StudyStorage.open(url, null, Duration.ofSeconds(30), s -> { }));
    study = store.create(new StudyStore.NewStudy("bench", "nb201", method, 0, 10_000, 8,
        StudyOptimizer.settings(NasBowlConfig.Acquisition.UCB, NasBowlConfig.Batch.KRIGING_BELIEVER)), false).getKey();
    SyntheticBenchmark objective = new SyntheticBenchmark(0);
    Nb201Space space = new Nb201Space();
    SplittableRandom rng = new SplittableRandom(1);
    Set<String> used = new HashSet<>();
    StudyStore.Proposer random = (s, told, pending, asks) -> {
      while (true) {
        Nb201Cell c = space.sample(rng);
        if (used.add(space.key(c))) return Optional.of(new StudyStore.Proposal(space.key(c), space.format(c)));
      }
    };
    for (int i = 0; i < COMPLETE + RUNNING; i++) {
      Trial t = ((StudyStore.Claimed) store.ask(study, "filler-" + (i % 8), "h", 3_600_000, random)).trial();
      if (i < COMPLETE) {
        double v = objective.query(space.parse(t.notation()), rng).validationAccuracy();
        store.tell(study, t, "filler-" + (i % 8), "h", new StudyStore.Result(Observation.of(v), 1, "", ""));
      }
    }
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
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement p = c.prepareStatement("DELETE FROM trials WHERE id = ?")) {
      p.setLong(1, inserted.id());
      p.executeUpdate();
    }
    inserted = null;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    if (pg != null) pg.close();
  }
}
