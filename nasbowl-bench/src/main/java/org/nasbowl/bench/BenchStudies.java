package org.nasbowl.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
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

  /** A study of {@code method} with {@code complete} finished trials and {@code running} claimed ones (8 workers). */
  Study filled(String name, String method, int complete, int running) {
    Study study = store.create(new StudyStore.NewStudy(name, "nb201", method, 0, 10_000, 8,
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
    for (int i = 0; i < complete + running; i++) {
      Trial t = ((StudyStore.Claimed) store.ask(study, "filler-" + (i % 8), "h", 3_600_000, random)).trial();
      if (i < complete) {
        double v = objective.query(space.parse(t.notation()), rng).validationAccuracy();
        store.tell(study, t, "filler-" + (i % 8), "h", new StudyStore.Result(Observation.of(v), 1, "", ""));
      }
    }
    return study;
  }

  @Override
  public void close() throws IOException {
    store.close();
    if (pg != null) pg.close();
  }
}
