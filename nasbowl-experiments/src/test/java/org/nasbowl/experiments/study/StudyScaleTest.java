package org.nasbowl.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;

/**
 * A study at scale, on SQLite and on PostgreSQL: 16 worker JVMs ask at once on a NAS-BOWL study of 2,000 complete
 * trials, each fitting its GP on 2,000 results (seconds of work on this machine) and evaluating two architectures
 * with a real objective process while the others fit, ask and tell. Because no model is fitted under the study's
 * lock, no ask waits 2 s for it, no transaction meets SQLite's busy timeout or a transient error, and no heartbeat
 * takes more than half the grace period (here 2 of 4 s), so no live trial goes stale.
 *
 * <p>Minutes of CPU: not in the default run. {@code mvn -pl nasbowl-experiments -am verify -Pscale
 * -Dtest=StudyScaleTest -Dsurefire.failIfNoSpecifiedTests=false}; the figures are printed as a line starting with
 * {@code scale:}.
 */
@Tag("scale")
class StudyScaleTest {
  @TempDir Path tmp;

  static final int COMPLETE = 2_000;
  static final int WORKERS = 16;
  static final int EACH = 2;

  private static final Pattern ASK = Pattern.compile("\\(ask (\\d+) ms, lock wait (\\d+) ms\\)");
  private static final Pattern DONE = Pattern.compile(
      "slowest ask (\\d+) ms, longest lock wait (\\d+) ms, slowest heartbeat (\\d+) ms");

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void sixteenWorkersAskAtOnceWithoutWaitingForEachOther(Databases.Kind kind) throws Exception {
    String url = Databases.fresh(kind, tmp);
    String command = Objectives.synthetic(tmp, 1_500, 3_000);
    Study s;
    try (StudyStore store = new StudyStore(StudyStorage.open(url, null, Duration.ofSeconds(30), x -> { }))) {
      s = store.create(new StudyStore.NewStudy("scale", "nb201", "nasbowl-m", 5, COMPLETE + WORKERS * EACH, WORKERS,
          StudyOptimizer.settings(NasBowlConfig.Acquisition.UCB, NasBowlConfig.Batch.KRIGING_BELIEVER)), false).getKey();
    }
    fill(url, s, COMPLETE);
    long t0 = System.nanoTime();
    List<WorkerProcesses.Worker> workers = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      workers.add(WorkerProcesses.cli(tmp, java.util.Map.of(), List.of("-Xmx1g", "-XX:+UseSerialGC"), "worker",
          "--storage", url, "--study", "scale", "--objective-cmd", command, "--heartbeat", "1", "--grace", "4",
          "--max-trials", Integer.toString(EACH), "--workdir", tmp.toString()));
    }
    WorkerProcesses.awaitAll(workers, Duration.ofMinutes(15));
    double wall = (System.nanoTime() - t0) / 1e9;

    List<Integer> asks = new ArrayList<>();
    List<Integer> waits = new ArrayList<>();
    int slowestBeat = 0;
    long startup = 0;
    for (WorkerProcesses.Worker w : workers) {
      String out = w.output();
      Matcher m = ASK.matcher(out);
      while (m.find()) {
        asks.add(Integer.parseInt(m.group(1)));
        waits.add(Integer.parseInt(m.group(2)));
      }
      Matcher d = DONE.matcher(out);
      assertTrue(d.find(), out);
      slowestBeat = Math.max(slowestBeat, Integer.parseInt(d.group(3)));
      waits.add(Integer.parseInt(d.group(2)));
      // Sixteen JVMs starting at once on two cores can take more than the pool's 2 s for their first connection
      // (retried, and counted apart); from the worker's first line on, nothing may fail.
      int started = out.indexOf("study 'scale'");
      assertTrue(started >= 0, out);
      startup += WorkerProcesses.lines(out.substring(0, started), "unavailable");
      assertEquals(0, WorkerProcesses.lines(out.substring(started), "unavailable"), "a transient database error:\n" + out);
      assertEquals(0, WorkerProcesses.lines(out.toLowerCase(Locale.ROOT), "busy"), out);
      assertEquals(0, WorkerProcesses.lines(out.toLowerCase(Locale.ROOT), "locked"), out);
      assertEquals(0, WorkerProcesses.lines(out, "heartbeat took"), out);
      assertEquals(0, WorkerProcesses.lines(out, "is stale"), out);
    }
    assertEquals(WORKERS * EACH, asks.size(), "every worker claimed " + EACH + " new trials");
    int longestWait = waits.stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertTrue(longestWait < 2_000, "an ask waited " + longestWait + " ms for the study's lock");
    assertTrue(slowestBeat < 2_000, "a heartbeat took " + slowestBeat + " ms, more than half the grace period");

    try (StudyStore store = new StudyStore(StudyStorage.open(url, null, Duration.ofSeconds(30), x -> { }))) {
      List<Trial> trials = store.trials(s);
      assertEquals(COMPLETE + WORKERS * EACH, trials.size());
      assertTrue(trials.stream().allMatch(t -> Trial.COMPLETE.equals(t.state())), "every trial complete");
      Set<String> distinct = new HashSet<>();
      for (Trial t : trials) assertTrue(distinct.add(t.key() + "#" + t.replicate()), "twice: " + t.notation());
      assertTrue(trials.stream().allMatch(t -> t.attempt() == 1), "no trial was started twice");
    }
    asks.sort(null);
    System.out.printf(Locale.ROOT, "scale: %s %d workers on %d complete trials: %d asks, median %d ms, slowest %d ms "
        + "(each fits its model from scratch on its first ask); longest lock wait %d ms; slowest heartbeat %d ms; "
        + "no busy or transient errors after start-up (%d first connections retried while 16 JVMs started), no stale "
        + "trial; %.0f s%n", kind, WORKERS, COMPLETE, asks.size(), asks.get(asks.size() / 2), asks.get(asks.size() - 1),
        longestWait, slowestBeat, startup, wall);
  }

  /** Writes {@code n} complete trials of distinct random NB201 cells valued by the synthetic benchmark. */
  static void fill(String url, Study s, int n) throws Exception {
    Nb201Space space = new Nb201Space();
    SyntheticBenchmark objective = new SyntheticBenchmark(0);
    SplittableRandom rng = new SplittableRandom(3);
    Set<String> used = new HashSet<>();
    long now = System.currentTimeMillis();
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("INSERT INTO trials (study_id, number, arch_key, notation, state, "
          + "attempt, worker, host, heartbeat, started, finished, tell_seq, valid_acc, seconds, replicate) "
          + "VALUES (?, ?, ?, ?, 'COMPLETE', 1, 'filler', 'h', ?, ?, ?, ?, ?, 1.0, 0)")) {
        for (int i = 0; i < n; i++) {
          Nb201Cell cell;
          do {
            cell = space.sample(rng);
          } while (!used.add(space.key(cell)));
          p.setLong(1, s.id());
          p.setInt(2, i + 1);
          p.setString(3, space.key(cell));
          p.setString(4, space.format(cell));
          p.setLong(5, now);
          p.setLong(6, now);
          p.setLong(7, now);
          p.setInt(8, i + 1);
          p.setDouble(9, objective.query(cell, rng).validationAccuracy());
          p.addBatch();
        }
        p.executeBatch();
      }
      c.commit();
    }
  }
}
