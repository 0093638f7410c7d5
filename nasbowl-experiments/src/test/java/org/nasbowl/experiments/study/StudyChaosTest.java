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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nasbowl.core.bo.NasBowlConfig;

/**
 * The study under chaos, on SQLite and on PostgreSQL: worker JVMs killed with SIGKILL at random and replaced, one
 * outage longer than the grace period (the PostgreSQL server stopped and started; SQLite's write lock held), and a
 * heartbeat held up longer than the heartbeat interval (a worker's row locked on PostgreSQL, the write lock on
 * SQLite). Then: exactly the budget COMPLETE, no FAILED (the objective never fails), every stored value the one the
 * objective printed, nothing RUNNING or STALE, no objective process alive whose worker is dead, and at most as
 * many duplicate evaluations as kills.
 *
 * <p>The default is short (budget 40, 4 workers). The long run of the closing note:
 * {@code mvn -pl nasbowl-experiments -am verify -DskipITs -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtest=StudyChaosTest -Dchaos=long} (budget 120, 6 workers, a kill about every 6 s, an 8 s outage); the
 * figures are printed on standard output as a line starting with {@code chaos:}.
 */
class StudyChaosTest {
  @TempDir Path tmp;

  /** The scale: short (the default test) or long ({@code -Dchaos=long}). */
  record Scale(int budget, int workers, int minEvalMs, int maxEvalMs, long killEveryMs, long outageMs,
      long delayMs) {
    static Scale current() {
      return "long".equals(System.getProperty("chaos")) ? new Scale(120, 6, 500, 2_500, 6_000, 8_000, 3_000)
          : new Scale(40, 4, 300, 1_200, 3_000, 5_000, 2_000);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void nothingIsLostDuplicatedOrOrphanedUnderChaos(Databases.Kind kind) throws Exception {
    Scale sc = Scale.current();
    Databases.Restartable pg = kind == Databases.Kind.POSTGRES ? new Databases.Restartable(tmp) : null;
    String url = pg != null ? pg.url() : Databases.fresh(kind, tmp);
    String command = Objectives.synthetic(tmp, sc.minEvalMs(), sc.maxEvalMs());
    String[] args = {"--grace", "3", "--retry-for", "120"};
    List<WorkerProcesses.Worker> live = new ArrayList<>();
    List<WorkerProcesses.Worker> all = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(kind.ordinal() + 11);
    int kills = 0;
    int outages = 0;
    int delays = 0;
    long t0 = System.nanoTime();
    try {
      Study s;
      try (StudyStore store = new StudyStore(StudyStorage.open(url, null, Duration.ofSeconds(120), x -> { }))) {
        s = store.create(new StudyStore.NewStudy("chaos", "nb201", "nasbowl-m", 5, sc.budget(), sc.workers(),
            StudyOptimizer.settings(NasBowlConfig.Acquisition.UCB, NasBowlConfig.Batch.KRIGING_BELIEVER)), false).getKey();
      }
      for (int i = 0; i < sc.workers(); i++) live.add(WorkerProcesses.start(tmp, url, "chaos", command, args));
      all.addAll(live);
      long nextKill = System.nanoTime() + sc.killEveryMs() * 1_000_000L;
      boolean outageDone = false;
      boolean delayDone = false;
      while (true) {
        int complete = completed(url);
        if (complete >= sc.budget() || live.stream().noneMatch(w -> w.process().isAlive())) break;
        assertTrue(System.nanoTime() - t0 < Duration.ofMinutes(10).toNanos(), "the study does not finish");
        if (!delayDone && complete >= sc.budget() / 5) {
          delays += delayHeartbeat(kind, url, sc.delayMs());
          delayDone = true;
        } else if (!outageDone && complete >= sc.budget() / 3) {
          if (pg != null) {
            pg.stop();
            Thread.sleep(sc.outageMs());
            pg.start();
          } else {
            StudyFaultsTest.holdSqliteWriteLock(url, Duration.ofMillis(sc.outageMs()));
          }
          outages++;
          outageDone = true;
        } else if (System.nanoTime() > nextKill && complete < sc.budget() - sc.workers()) {
          List<WorkerProcesses.Worker> alive = live.stream().filter(w -> w.process().isAlive()).toList();
          WorkerProcesses.Worker victim = alive.get(rng.nextInt(alive.size()));
          victim.process().destroyForcibly(); // SIGKILL: no shutdown hook, no give-back
          victim.process().waitFor();
          live.remove(victim);
          kills++;
          WorkerProcesses.Worker fresh = WorkerProcesses.start(tmp, url, "chaos", command, args);
          live.add(fresh);
          all.add(fresh);
          nextKill = System.nanoTime() + (long) (sc.killEveryMs() * (0.5 + rng.nextDouble())) * 1_000_000L;
        }
        Thread.sleep(100);
      }
      for (WorkerProcesses.Worker w : live) {
        assertTrue(w.process().waitFor(3, TimeUnit.MINUTES), "a worker did not finish: " + w.output());
        assertEquals(0, w.process().exitValue(), w.output());
      }
      Thread.sleep(2_500); // an orphan's watchdog polls once a second
      List<Long> orphans = Objectives.alive(tmp);
      try (StudyStore store = new StudyStore(StudyStorage.open(url, null, Duration.ofSeconds(60), x -> { }))) {
        Study done = store.require("chaos");
        List<Trial> trials = store.trials(done);
        long failed = trials.stream().filter(t -> Trial.FAILED.equals(t.state())).count();
        int printed = Objectives.lines(tmp).size();
        Set<String> distinct = Objectives.evaluations(tmp);
        int duplicates = printed - distinct.size();
        long stale = store.attempts(done).stream().filter(a -> a.outcome().equals("STALE")).count();
        System.out.printf(Locale.ROOT, "chaos: %s budget %d: %d complete, %d failed, %d duplicate evaluations, "
            + "%d kills, %d outage(s) of %d ms, %d delayed heartbeat(s) of %d ms, %d stale, %d orphans, %d worker "
            + "JVMs, %.0f s%n", kind, sc.budget(), trials.stream().filter(t -> Trial.COMPLETE.equals(t.state())).count(),
            failed, duplicates, kills, outages, sc.outageMs(), delays, sc.delayMs(), stale, orphans.size(), all.size(),
            (System.nanoTime() - t0) / 1e9);
        WorkerProcesses.checkComplete(store, done, tmp);
        assertEquals(0, failed, "no FAILED trial: the objective never fails");
        assertTrue(trials.stream().noneMatch(t -> Trial.RUNNING.equals(t.state()) || Trial.STALE.equals(t.state())));
        assertTrue(duplicates <= kills, duplicates + " duplicate evaluations for " + kills + " kills");
        assertEquals(List.of(), orphans, "objective processes alive after their workers died");
        assertTrue(kills >= 2 && outages == 1 && delays == 1, "the chaos happened: " + kills + " kills");
      }
    } finally {
      for (WorkerProcesses.Worker w : all) w.process().destroyForcibly();
      if (pg != null) pg.close();
    }
  }

  private static int completed(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM trials WHERE state = 'COMPLETE'");
        var r = p.executeQuery()) {
      r.next();
      return r.getInt(1);
    } catch (java.sql.SQLException down) {
      return -1; // the server is restarting
    }
  }

  /**
   * Holds up the heartbeat of a worker that is evaluating: its row locked (PostgreSQL), or the write lock held
   * (SQLite), for longer than the heartbeat interval. Returns 1 when it happened.
   */
  private static int delayHeartbeat(Databases.Kind kind, String url, long ms) throws Exception {
    if (kind == Databases.Kind.SQLITE) {
      StudyFaultsTest.holdSqliteWriteLock(url, Duration.ofMillis(ms));
      return 1;
    }
    try (Connection c = DriverManager.getConnection(url)) {
      c.setAutoCommit(false);
      String worker;
      try (PreparedStatement p = c.prepareStatement("SELECT worker FROM trials WHERE state = 'RUNNING' LIMIT 1");
          var r = p.executeQuery()) {
        if (!r.next()) return 0;
        worker = r.getString(1);
      }
      try (PreparedStatement p = c.prepareStatement("SELECT id FROM workers WHERE id = ? FOR UPDATE")) {
        p.setString(1, worker);
        p.executeQuery().close();
      }
      Thread.sleep(ms);
      c.rollback();
      return 1;
    }
  }
}
