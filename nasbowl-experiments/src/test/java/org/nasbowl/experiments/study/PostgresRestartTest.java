package org.nasbowl.experiments.study;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.bo.NasBowlConfig;

/** The PostgreSQL server is stopped and started again while four worker processes run a study. */
class PostgresRestartTest {
  @TempDir Path tmp;

  @Test
  void workersRideOutAServerRestartAndLoseNothing() throws Exception {
    int port = Databases.closedPort();
    Path data = tmp.resolve("pgdata");
    EmbeddedPostgres pg = server(port, data);
    String url = pg.getJdbcUrl("postgres", "postgres");
    String command = Objectives.synthetic(tmp, 50, 300);
    List<WorkerProcesses.Worker> workers = new ArrayList<>();
    try {
      Study s;
      try (StudyStore store = new StudyStore(StudyStorage.open(url, null, Duration.ZERO, x -> { }))) {
        s = store.create(new StudyStore.NewStudy("restart", "nb201", "nasbowl-m", 3, 60, 4,
            StudyOptimizer.settings(NasBowlConfig.Acquisition.EI, NasBowlConfig.Batch.KRIGING_BELIEVER)), false).getKey();
        for (int i = 0; i < 4; i++) {
          workers.add(WorkerProcesses.start(tmp, url, "restart", command, "--grace", "20"));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (store.trials(s).stream().filter(t -> Trial.COMPLETE.equals(t.state())).count() < 15) {
          assertTrue(System.nanoTime() < deadline, "no progress: " + workers.get(0).output());
          Thread.sleep(50);
        }
      }
      pg.close();
      Thread.sleep(4_000);
      pg = server(port, data);
      WorkerProcesses.awaitAll(workers, Duration.ofMinutes(3));
      try (StudyStore store = new StudyStore(StudyStorage.open(url, null, Duration.ZERO, x -> { }))) {
        WorkerProcesses.checkComplete(store, store.require("restart"), tmp);
      }
      long saw = 0;
      for (WorkerProcesses.Worker w : workers) {
        String out = w.output();
        long down = WorkerProcesses.lines(out, "unavailable");
        long up = WorkerProcesses.lines(out, "available again");
        assertTrue(down <= 1 && up == down, "one line per outage and one when it ends:\n" + out);
        saw += down;
      }
      assertTrue(saw >= 1, "the workers noticed the outage");
    } finally {
      for (WorkerProcesses.Worker w : workers) w.process().destroyForcibly();
      pg.close();
    }
  }

  private static EmbeddedPostgres server(int port, Path data) throws java.io.IOException {
    return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data.toFile()).setCleanDataDirectory(false)
        .start();
  }
}
