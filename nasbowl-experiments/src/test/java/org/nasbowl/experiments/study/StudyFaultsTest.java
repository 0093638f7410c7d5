package org.nasbowl.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nasbowl.experiments.cli.NasbowlCli;
import picocli.CommandLine;

/**
 * Faults around studies, with real worker processes and real databases: SIGTERM (to the worker alone, and to the
 * worker and its objective at once, as Slurm's scancel does), a heartbeat held up by a row lock, an outage
 * shorter than the grace period, start-up while the server is down, a port that never answers, concurrent
 * creates, and refused commands.
 */
class StudyFaultsTest {
  @TempDir Path tmp;

  private static StudyStore open(String url) {
    return StudyWorkersTest.open(url);
  }

  private static Study create(StudyStore store, String name, String method, int budget) {
    return store.create(new StudyStore.NewStudy(name, "nb201", method, 7, budget, 4, StudyWorkersTest.SETTINGS), false)
        .getKey();
  }

  /** Waits until the condition holds, or fails with the message after the limit. */
  static void await(Duration limit, String what, java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  // ------------------------------------------------------------------------------------------------ SIGTERM

  /**
   * 20 workers in two rounds of 10 get SIGTERM while evaluating; then 20 more get it together with every process
   * of their evaluation. Each must give its trial back (STALE, attempt history RELEASED, no FAILED) and be
   * STOPPED within 2 s of the signal, and claim nothing after it.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void sigtermGivesTheTrialBackWithinTwoSecondsEveryTime(Databases.Kind kind) throws Exception {
    String url = Databases.fresh(kind, tmp);
    String command = Objectives.sleeper(tmp, 120);
    try (StudyStore store = open(url)) {
      Study s = create(store, "sigterm", "random", 1000);
      List<Double> seconds = new ArrayList<>();
      for (boolean withObjective : new boolean[] {false, true}) {
        for (int round = 0; round < 2; round++) {
          List<WorkerProcesses.Worker> workers = new ArrayList<>();
          for (int i = 0; i < 10; i++) workers.add(WorkerProcesses.start(tmp, url, "sigterm", command, "--grace", "60"));
          Map<Long, Trial> held = new HashMap<>();
          await(Duration.ofSeconds(90), "10 workers each running a trial", () -> {
            held.clear();
            for (Trial t : store.trials(s)) {
              if (!Trial.RUNNING.equals(t.state())) continue;
              for (WorkerProcesses.Worker w : workers) {
                if (t.worker().contains("-" + w.process().pid() + "-")) held.put(w.process().pid(), t);
              }
            }
            // every objective has started (its pid is recorded), so a signal to it cannot miss
            long started = uncheckedPids().stream().filter(p -> held.containsKey(p[1])).count();
            return held.size() == workers.size() && started >= workers.size();
          });
          long t0 = System.nanoTime();
          for (WorkerProcesses.Worker w : workers) {
            List<ProcessHandle> targets = new ArrayList<>();
            targets.add(w.process().toHandle());
            if (withObjective) targets.addAll(w.process().toHandle().descendants().toList());
            targets.forEach(ProcessHandle::destroy); // SIGTERM
          }
          Map<Long, Double> done = new HashMap<>();
          await(Duration.ofSeconds(20), "every worker STOPPED with its trial given back", () -> {
            Map<String, String> states = new HashMap<>();
            for (StudyStore.Worker w : store.workers(s)) states.put(w.id(), w.state());
            List<Trial> trials = store.trials(s);
            for (WorkerProcesses.Worker w : workers) {
              long pid = w.process().pid();
              if (done.containsKey(pid)) continue;
              Trial mine = held.get(pid);
              Trial now = trials.stream().filter(t -> t.id() == mine.id()).findFirst().orElseThrow();
              boolean stopped = states.entrySet().stream()
                  .anyMatch(e -> e.getKey().contains("-" + pid + "-") && e.getValue().equals("STOPPED"));
              if (stopped && !Trial.RUNNING.equals(now.state())) done.put(pid, (System.nanoTime() - t0) / 1e9);
            }
            return done.size() == workers.size();
          });
          seconds.addAll(done.values());
          for (WorkerProcesses.Worker w : workers) {
            assertTrue(w.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS), w.output());
          }
          List<Trial> trials = store.trials(s);
          for (WorkerProcesses.Worker w : workers) {
            long pid = w.process().pid();
            Trial mine = held.get(pid);
            Trial now = trials.stream().filter(t -> t.id() == mine.id()).findFirst().orElseThrow();
            assertEquals(Trial.STALE, now.state(), "given back, not failed: " + w.output());
            assertEquals(1, trials.stream().filter(t -> t.worker().contains("-" + pid + "-")).count(),
                "a stopping worker claims nothing more: " + w.output());
            assertTrue(w.output().contains("given back to the study"), w.output());
          }
          // The stale trials are started again by the next round's workers, so the study keeps its budget.
        }
      }
      assertEquals(40, seconds.size());
      double worst = seconds.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      System.out.printf(java.util.Locale.ROOT, "sigterm: %s: 40 of 40 given back, median %.2f s, slowest %.2f s%n",
          kind, sorted[sorted.length / 2], worst);
      assertTrue(worst <= 2.0, "slowest give-back " + worst + " s; all: " + seconds);
      assertTrue(store.attempts(s).stream().noneMatch(a -> a.outcome().equals(Trial.FAILED)),
          "no trial failed from a signal: " + store.attempts(s));
      assertTrue(store.attempts(s).stream().filter(a -> a.outcome().equals("RELEASED")).count() >= 40);
    }
    assertEquals(List.of(), Objectives.alive(tmp), "no evaluation outlives its stopped worker");
  }

  private List<long[]> uncheckedPids() {
    try {
      return Objectives.pids(tmp);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------------------ delayed heartbeat

  /**
   * A heartbeat held up longer than the heartbeat interval (the worker's row locked on PostgreSQL, the write lock
   * held on SQLite) while the evaluation ends must not touch the next evaluation: the heartbeat of trial 1 used to
   * kill trial 2's command ("exit code 137").
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void aDelayedHeartbeatNeverKillsTheNextEvaluation(Databases.Kind kind) throws Exception {
    String url = Databases.fresh(kind, tmp);
    String command = Objectives.synthetic(tmp, 2_500, 2_500);
    try (StudyStore store = open(url)) {
      Study s = create(store, "delayed", "random", 3);
      WorkerProcesses.Worker w = WorkerProcesses.start(tmp, url, "delayed", command, "--grace", "10");
      await(Duration.ofSeconds(60), "trial 1 running", () -> store.trials(s).size() == 1);
      String worker = store.trials(s).get(0).worker();
      Thread.sleep(1_200); // a heartbeat or two went through
      try (Connection c = connect(kind, url)) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          if (kind == Databases.Kind.POSTGRES) {
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM workers WHERE id = ? FOR UPDATE")) {
              p.setString(1, worker);
              p.executeQuery().close();
            }
          } else {
            st.execute("UPDATE workers SET state = state WHERE id = 'nobody'"); // takes SQLite's write lock
          }
          // Held across the end of trial 1 (at 2.5 s) and the start of trial 2.
          Thread.sleep(3_000);
          c.rollback();
        }
      }
      WorkerProcesses.awaitAll(List.of(w), Duration.ofMinutes(1));
      List<Trial> trials = store.trials(s);
      assertEquals(3, trials.size());
      assertTrue(trials.stream().allMatch(t -> Trial.COMPLETE.equals(t.state())), w.output());
      assertFalse(w.output().contains("exit code 137"), w.output());
      assertTrue(store.attempts(s).stream().noneMatch(a -> a.outcome().equals("STALE")), w.output());
    }
  }

  private static Connection connect(Databases.Kind kind, String url) throws java.sql.SQLException {
    if (kind == Databases.Kind.SQLITE) {
      org.sqlite.SQLiteConfig sc = new org.sqlite.SQLiteConfig();
      sc.setTransactionMode(org.sqlite.SQLiteConfig.TransactionMode.IMMEDIATE);
      sc.setBusyTimeout(30_000);
      return DriverManager.getConnection(url, sc.toProperties());
    }
    return DriverManager.getConnection(url);
  }

  // ------------------------------------------------------------------------------------------ outages

  /**
   * An outage shorter than the grace period (PostgreSQL stopped and started; SQLite's write lock held) while four
   * workers evaluate: no trial of a live worker is marked stale or run twice.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void anOutageShorterThanTheGracePeriodRerunsNothing(Databases.Kind kind) throws Exception {
    Databases.Restartable pg = kind == Databases.Kind.POSTGRES ? new Databases.Restartable(tmp) : null;
    String url = pg != null ? pg.url() : Databases.fresh(kind, tmp);
    String command = Objectives.synthetic(tmp, 400, 1_500);
    List<WorkerProcesses.Worker> workers = new ArrayList<>();
    try {
      Study s;
      try (StudyStore store = open(url)) {
        s = create(store, "outage", "nasbowl-m", 30);
        for (int i = 0; i < 4; i++) workers.add(WorkerProcesses.start(tmp, url, "outage", command, "--grace", "6"));
        await(Duration.ofSeconds(90), "8 trials complete", () -> store.trials(s).stream()
            .filter(t -> Trial.COMPLETE.equals(t.state())).count() >= 8);
        if (pg == null) holdSqliteWriteLock(url, Duration.ofMillis(2_500));
      }
      if (pg != null) {
        pg.stop();
        Thread.sleep(2_000); // with the restart about 3.5 s; the grace is 6 x 1 s
        pg.start();
      }
      WorkerProcesses.awaitAll(workers, Duration.ofMinutes(3));
      try (StudyStore store = open(url)) {
        Study done = store.require("outage");
        WorkerProcesses.checkComplete(store, done, tmp);
        assertTrue(store.attempts(done).stream().noneMatch(a -> a.outcome().equals("STALE")),
            "a trial of a live worker went stale: " + store.attempts(done));
        assertTrue(store.trials(done).stream().allMatch(t -> t.attempt() == 1));
        assertEquals(30, Objectives.lines(tmp).size(), "no architecture evaluated twice");
      }
    } finally {
      for (WorkerProcesses.Worker w : workers) w.process().destroyForcibly();
      if (pg != null) pg.close();
    }
  }

  /** Holds SQLite's write lock (every worker's heartbeat, ask and tell waits) for the given time. */
  static void holdSqliteWriteLock(String url, Duration d) throws Exception {
    try (Connection c = connect(Databases.Kind.SQLITE, url)) {
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("UPDATE workers SET state = state WHERE id = 'nobody'");
        Thread.sleep(d.toMillis());
      }
      c.rollback();
    }
  }

  // ------------------------------------------------------------------------------------------ start-up

  /** A worker started while the server is down waits for it (--retry-for), then does its work. */
  @Test
  void aWorkerStartedWhileTheServerIsDownWaitsForIt() throws Exception {
    try (Databases.Restartable pg = new Databases.Restartable(tmp)) {
      try (StudyStore store = open(pg.url())) {
        create(store, "later", "random", 4);
      }
      pg.stop();
      String command = Objectives.synthetic(tmp, 0, 50);
      WorkerProcesses.Worker w = WorkerProcesses.start(tmp, pg.url(), "later", command, "--retry-for", "60");
      Thread.sleep(4_000);
      assertTrue(w.process().isAlive(), "the worker waits for the server: " + w.output());
      pg.start();
      WorkerProcesses.awaitAll(List.of(w), Duration.ofSeconds(90));
      assertEquals(1, WorkerProcesses.lines(w.output(), "unavailable"), w.output());
      assertEquals(1, WorkerProcesses.lines(w.output(), "available again"), w.output());
      // The retry window bounds the wait: 3 s against a port where nothing listens.
      int closed = Databases.closedPort();
      long t0 = System.nanoTime();
      WorkerProcesses.Worker gone = WorkerProcesses.start(tmp, "jdbc:postgresql://localhost:" + closed + "/x?user=u",
          "later", command, "--retry-for", "3");
      assertTrue(gone.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
      double s = (System.nanoTime() - t0) / 1e9;
      assertEquals(2, gone.process().exitValue(), gone.output());
      assertTrue(s < 12, "gave up after " + s + " s for a retry window of 3 s (JVM start included)");
      assertTrue(gone.output().contains("unavailable for more than 3 s"), gone.output());
    }
  }

  /** A port that accepts connections and never answers: one line within the configured timeout, no hang. */
  @Test
  void aSilentPortFailsWithinTheTimeout() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0)) {
      List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) accepted.add(silent.accept());
        } catch (java.io.IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      String url = "jdbc:postgresql://localhost:" + silent.getLocalPort() + "/db?user=u";
      long t0 = System.nanoTime();
      String[] r = run(2, "study", "status", "--study", "x", "--storage", url, "--storage-timeout", "2");
      double s = (System.nanoTime() - t0) / 1e9;
      assertTrue(s < 8, "status gave up after " + s + " s with a 2 s timeout");
      assertEquals(1, r[1].strip().lines().count(), r[1]);
      assertTrue(r[1].contains("cannot open the study storage"), r[1]);
      t0 = System.nanoTime();
      WorkerProcesses.Worker w = WorkerProcesses.start(tmp, url, "x", "true", "--retry-for", "3",
          "--storage-timeout", "1");
      assertTrue(w.process().waitFor(40, java.util.concurrent.TimeUnit.SECONDS), "the worker hangs: " + w.output());
      s = (System.nanoTime() - t0) / 1e9;
      assertEquals(2, w.process().exitValue(), w.output());
      assertTrue(s < 15, "worker gave up after " + s + " s");
      for (java.net.Socket so : accepted) so.close();
    }
  }

  // ------------------------------------------------------------------------------------------ creates

  /** Eight simultaneous `study create --if-not-exists` of one study all succeed, and one study exists. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void eightSimultaneousCreatesAllSucceed(Databases.Kind kind) throws Exception {
    String url = kind == Databases.Kind.SQLITE ? "jdbc:sqlite:" + tmp.resolve("new-" + System.nanoTime() + ".db")
        : Databases.fresh(kind, tmp);
    CyclicBarrier start = new CyclicBarrier(8);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String[]>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return run(0, "study", "create", "--name", "race", "--space", "nb201", "--budget", "50", "--if-not-exists",
              "--storage", url);
        }));
      }
      int created = 0;
      for (Future<String[]> f : results) {
        String out = f.get()[0];
        if (out.startsWith("created")) created++;
        else assertTrue(out.startsWith("found"), out);
      }
      assertEquals(1, created);
      try (StudyStore store = open(url)) {
        assertEquals(List.of("race"), store.list().stream().map(Study::name).toList());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A refused create leaves no database file behind; names that would break a table or a terminal are refused. */
  @Test
  void aRefusedCreateWritesNothing() {
    Path db = tmp.resolve("refused.db");
    String url = "jdbc:sqlite:" + db;
    String[] budget = run(2, "study", "create", "--name", "a", "--space", "nb201", "--budget", "0", "--storage", url);
    assertTrue(budget[1].contains("the budget must be at least 1"), budget[1]);
    String[] large = run(2, "study", "create", "--name", "a", "--space", "nb201", "--budget", "20000", "--storage", url);
    assertTrue(large[1].contains("--budget 20000 is larger than the nb201 space (15,625 architectures)"), large[1]);
    String[] newline = run(2, "study", "create", "--name", "a\nb", "--space", "nb201", "--budget", "5", "--storage", url);
    assertTrue(newline[1].contains("U+000A"), newline[1]);
    String[] escape = run(2, "study", "create", "--name", "\u001b[31mred", "--space", "nb201", "--budget", "5",
        "--storage", url);
    assertTrue(escape[1].contains("U+001B"), escape[1]);
    assertFalse(escape[1].contains("\u001b"), "the escape is not echoed");
    String[] longName = run(2, "study", "create", "--name", "x".repeat(101), "--space", "nb201", "--budget", "5",
        "--storage", url);
    assertTrue(longName[1].contains("at most 100 characters"), longName[1]);
    String[] number = run(2, "study", "create", "--name", "a", "--space", "nb201", "--budget", "ten", "--storage", url);
    assertEquals(1, number[1].strip().lines().count(), "one line, not the usage: " + number[1]);
    assertTrue(number[1].contains("'ten'") && number[1].contains("--budget"), number[1]);
    String[] missingFile = run(2, "study", "create", "--name", "a", "--space", "nb201", "--budget", "5", "--storage", url,
        "--storage-password-file", tmp.resolve("nope").toString());
    assertTrue(missingFile[1].contains("no such file"), missingFile[1]);
    assertFalse(Files.exists(db), "no database file for refused commands");
    assertFalse(Files.exists(Path.of(db + "-wal")));
  }

  static String[] run(int expectedExit, String... args) {
    CommandLine cl = NasbowlCli.commandLine();
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setOut(new java.io.PrintWriter(out));
    cl.setErr(new java.io.PrintWriter(err));
    int code = cl.execute(args);
    assertEquals(expectedExit, code, out + "\n" + err);
    return new String[] {out.toString(), err.toString()};
  }
}
