package org.nasbowl.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;
import org.nasbowl.experiments.study.Study;
import org.nasbowl.experiments.study.StudyOptimizer;
import org.nasbowl.experiments.study.StudyStorage;
import org.nasbowl.experiments.study.StudyStore;
import org.nasbowl.experiments.study.Trial;

/**
 * A study storage for the study benchmarks: a SQLite file in a temporary folder, or a PostgreSQL server
 * (embedded, on loopback); and a study filled with distinct random NB201 trials valued by the synthetic
 * benchmark (seeded, so every run fills the same study).
 */
final class BenchStudies implements AutoCloseable {
  final Path dir;
  final String url;
  final StudyStore store;
  private final EmbeddedPostgres pg;

  /** @param storage "sqlite" or "postgres" */
  BenchStudies(String storage) throws IOException {
    dir = Files.createTempDirectory("nasbowl-bench-");
    if (storage.equals("postgres")) {
      pg = EmbeddedPostgres.builder().start();
      url = pg.getJdbcUrl("postgres", "postgres");
    } else {
      pg = null;
      url = "jdbc:sqlite:" + dir.resolve("studies.db");
    }
    store = new StudyStore(StudyStorage.open(url, null, Duration.ofSeconds(30), s -> { }));
  }

  /**
   * A study of {@code method} with {@code complete} finished trials and {@code running} claimed ones (8 workers):
   * distinct random NB201 cells valued by the synthetic benchmark, written in one transaction as the store would
   * have written them (a tell order, a worker each), so that studies of thousands of trials are quick to set up.
   */
  Study filled(String name, String method, int complete, int running) {
    Study study = store.create(new StudyStore.NewStudy(name, "nb201", method, 0, 10_000, 8,
        StudyOptimizer.settings(NasBowlConfig.Acquisition.UCB, NasBowlConfig.Batch.KRIGING_BELIEVER)), false).getKey();
    SplittableRandom rng = new SplittableRandom(1);
    long now = System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO trials (study_id, number, arch_key, notation, state, "
          + "attempt, worker, host, heartbeat, started, finished, tell_seq, valid_acc, seconds, replicate) "
          + "VALUES (?, ?, ?, ?, ?, 1, ?, 'h', ?, ?, ?, ?, ?, ?, 0)")) {
        for (int i = 0; i < complete + running; i++) {
          Nb201Cell cell = fresh(rng);
          boolean done = i < complete;
          p.setLong(1, study.id());
          p.setInt(2, i + 1);
          p.setString(3, space.key(cell));
          p.setString(4, space.format(cell));
          p.setString(5, done ? Trial.COMPLETE : Trial.RUNNING);
          p.setString(6, "filler-" + (i % 8));
          p.setLong(7, now);
          p.setLong(8, now);
          if (done) {
            p.setLong(9, now);
            p.setInt(10, i + 1);
            p.setDouble(11, value(cell, rng));
            p.setDouble(12, 1.0);
          } else {
            p.setNull(9, java.sql.Types.BIGINT);
            p.setNull(10, java.sql.Types.INTEGER);
            p.setNull(11, java.sql.Types.DOUBLE);
            p.setNull(12, java.sql.Types.DOUBLE);
          }
          p.addBatch();
        }
        p.executeBatch();
      }
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return study;
  }

  private final Nb201Space space = new Nb201Space();
  private final SyntheticBenchmark objective = new SyntheticBenchmark(0);
  private final Set<String> used = new HashSet<>();

  /** A random NB201 cell not used in this storage before. */
  Nb201Cell fresh(SplittableRandom rng) {
    while (true) {
      Nb201Cell c = space.sample(rng);
      if (used.add(space.key(c))) return c;
    }
  }

  /** The synthetic benchmark's validation accuracy of a cell. */
  double value(Nb201Cell cell, SplittableRandom rng) {
    return objective.query(cell, rng).validationAccuracy();
  }

  /** Marks a cell as used (a worker claimed it). */
  void use(String key) {
    used.add(key);
  }

  @Override
  public void close() throws IOException {
    store.close();
    if (pg != null) pg.close();
  }
}
