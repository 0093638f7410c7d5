package org.nasbowl.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.bo.Observation;

/** The study store on real databases: a SQLite file and a PostgreSQL server. */
class StudyStoreTest {
  @TempDir Path tmp;

  private static final String SETTINGS = StudyOptimizer.settings(NasBowlConfig.Acquisition.EI,
      NasBowlConfig.Batch.KRIGING_BELIEVER);

  private StudyStore open(String url) {
    return new StudyStore(StudyStorage.open(url, null, Duration.ofSeconds(5), s -> { }));
  }

  private static StudyStore.NewStudy study(String name, String method, int budget) {
    return new StudyStore.NewStudy(name, "nb201", method, 3, budget, 2, SETTINGS);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void createFindListDelete(Databases.Kind kind) {
    try (StudyStorage st = StudyStorage.open(Databases.fresh(kind, tmp), null, Duration.ZERO, s -> { })) {
      StudyStore store = new StudyStore(st);
      Study a = store.create(study("a", "random", 10), false).getKey();
      assertEquals("a", a.name());
      assertEquals(10, a.budget());
      IllegalStateException dup = assertThrows(IllegalStateException.class, () -> store.create(study("a", "random", 10), false));
      assertTrue(dup.getMessage().contains("exists already"), dup.getMessage());
      assertFalse(store.create(study("a", "random", 10), true).getValue(), "same settings: the existing study");
      IllegalStateException diff = assertThrows(IllegalStateException.class,
          () -> store.create(study("a", "random", 11), true));
      assertTrue(diff.getMessage().contains("budget is 10 in the study, 11 here"), diff.getMessage());
      store.create(study("b", "nasbowl-m", 5), false);
      assertEquals(List.of("a", "b"), store.list().stream().map(Study::name).toList());
      store.registerWorker(a, "w1", "h", 1);
      store.ask(a, "w1", "h", 60_000, StudyOptimizer.of(a));
      store.delete("a");
      assertEquals(List.of("b"), store.list().stream().map(Study::name).toList());
      IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> store.require("a"));
      assertTrue(unknown.getMessage().contains("no study 'a'") && unknown.getMessage().contains("[b]"), unknown.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void asksRespectTheBudgetAndNeverRepeatAnArchitecture(Databases.Kind kind) {
    try (StudyStore store = open(Databases.fresh(kind, tmp))) {
      Study s = store.create(study("s", "random", 6), false).getKey();
      StudyOptimizer<?> opt = StudyOptimizer.of(s);
      List<Trial> claimed = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        StudyStore.AskResult r = store.ask(s, "w" + (i % 2), "h", 60_000, opt);
        claimed.add(assertInstanceOf(StudyStore.Claimed.class, r).trial());
      }
      Set<String> keys = new HashSet<>();
      for (Trial t : claimed) keys.add(t.key());
      assertEquals(6, keys.size());
      assertEquals(List.of(1, 2, 3, 4, 5, 6), claimed.stream().map(Trial::number).toList());
      StudyStore.Wait w = assertInstanceOf(StudyStore.Wait.class, store.ask(s, "w9", "h", 60_000, opt));
      assertEquals(6, w.running());
      for (Trial t : claimed) {
        assertEquals(StudyStore.Told.KEPT, store.tell(s, t, t.worker(), "h", result(0.5 + t.number() / 100.0)));
      }
      StudyStore.Done d = assertInstanceOf(StudyStore.Done.class, store.ask(s, "w9", "h", 60_000, opt));
      assertEquals(6, d.complete());
      List<Trial> all = store.trials(s);
      assertEquals(List.of(1, 2, 3, 4, 5, 6), all.stream().map(Trial::tellSeq).toList());
      assertTrue(all.stream().allMatch(t -> Trial.COMPLETE.equals(t.state())));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void theDatabaseItselfRefusesASecondTrialOfOneArchitecture(Databases.Kind kind) throws Exception {
    String url = Databases.fresh(kind, tmp);
    Trial t;
    try (StudyStore store = open(url)) {
      Study s = store.create(study("s", "random", 6), false).getKey();
      t = ((StudyStore.Claimed) store.ask(s, "w", "h", 60_000, StudyOptimizer.of(s))).trial();
    }
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement p = c.prepareStatement("INSERT INTO trials (study_id, number, arch_key, notation, state, "
            + "attempt) SELECT study_id, 2, arch_key, notation, 'RUNNING', 1 FROM trials WHERE id = ?")) {
      p.setLong(1, t.id());
      assertThrows(SQLException.class, p::executeUpdate);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void aStaleTrialRunsAgainAndALateResultIsKeptOnce(Databases.Kind kind) throws Exception {
    try (StudyStore store = open(Databases.fresh(kind, tmp))) {
      Study s = store.create(study("s", "random", 3), false).getKey();
      StudyOptimizer<?> opt = StudyOptimizer.of(s);
      Trial a = ((StudyStore.Claimed) store.ask(s, "A", "h", 60_000, opt)).trial();
      Thread.sleep(30);
      // B asks with a grace of 10 ms: A's heartbeat is 30 ms old, so A's trial is stale and B runs it again.
      StudyStore.Claimed b = assertInstanceOf(StudyStore.Claimed.class, store.ask(s, "B", "h", 10, opt));
      assertTrue(b.again());
      assertEquals(a.id(), b.trial().id());
      assertEquals(2, b.trial().attempt());
      assertEquals("B", b.trial().worker());
      assertEquals(List.of(a.id()), b.staled().stream().map(Trial::id).toList());
      assertEquals(StudyStore.Beat.TAKEN_OVER, store.heartbeat(a, "A"));
      assertEquals(StudyStore.Beat.OURS, store.heartbeat(b.trial(), "B"));
      // A's late success: no result yet, so it is kept; B's evaluation is then wasted.
      assertEquals(StudyStore.Told.KEPT_LATE, store.tell(s, a, "A", "h", result(0.7)));
      assertEquals(StudyStore.Beat.FINISHED, store.heartbeat(b.trial(), "B"));
      assertEquals(StudyStore.Told.DUPLICATE, store.tell(s, b.trial(), "B", "h", result(0.71)));
      Trial done = store.trials(s).get(0);
      assertEquals(Trial.COMPLETE, done.state());
      assertEquals(0.7, done.valid());
      assertEquals(List.of("STALE", "COMPLETE", "DUPLICATE"),
          store.attempts(s).stream().map(StudyStore.Attempt::outcome).toList());
      // A late failure while another worker runs the trial again is ignored; the rerun's result counts.
      Trial c = ((StudyStore.Claimed) store.ask(s, "A", "h", 60_000, opt)).trial();
      Thread.sleep(30);
      Trial c2 = ((StudyStore.Claimed) store.ask(s, "B", "h", 10, opt)).trial();
      assertEquals(c.id(), c2.id());
      assertEquals(StudyStore.Told.IGNORED, store.tell(s, c, "A", "h",
          new StudyStore.Result(Observation.failed("killed"), 1, "", "")));
      assertEquals(StudyStore.Told.KEPT, store.tell(s, c2, "B", "h", result(0.6)));
      // A worker that stops gives its trial back at once.
      Trial d = ((StudyStore.Claimed) store.ask(s, "A", "h", 60_000, opt)).trial();
      store.release(s, d, "A");
      assertEquals(Trial.STALE, store.trials(s).get(2).state());
      Trial d2 = ((StudyStore.Claimed) store.ask(s, "B", "h", 60_000, opt)).trial();
      assertEquals(d.id(), d2.id());
      assertEquals(StudyStore.Told.KEPT, store.tell(s, d2, "B", "h", result(0.65)));
      assertInstanceOf(StudyStore.Done.class, store.ask(s, "B", "h", 60_000, opt));
      assertEquals(3, store.trials(s).stream().filter(t -> Trial.COMPLETE.equals(t.state())).count());
    }
  }

  /**
   * A gap in which no worker wrote anything (an outage, a stalled lock) is no evidence against a worker: after it,
   * every running trial has its grace period anew. With heartbeats of 100 ms, a gap of 200 ms and a grace of 300 ms:
   * after 700 ms of silence A's trial is not stale; after a further 450 ms in which B kept writing and A did not, it
   * is.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void afterAGapInActivityEveryTrialHasItsGraceAnew(Databases.Kind kind) throws Exception {
    try (StudyStore store = open(Databases.fresh(kind, tmp))) {
      Study s = store.create(study("gap", "random", 5), false).getKey();
      StudyOptimizer<?> opt = StudyOptimizer.of(s);
      StudyStore.Timing timing = new StudyStore.Timing(100, 300, 200);
      Trial a = ((StudyStore.Claimed) store.ask(s, "A", "h", timing, opt)).trial();
      Thread.sleep(700); // nobody writes: a gap
      StudyStore.Claimed b = assertInstanceOf(StudyStore.Claimed.class, store.ask(s, "B", "h", timing, opt));
      assertFalse(b.again(), "A's trial survives the gap");
      assertEquals(List.of(), b.staled());
      long until = System.nanoTime() + 450_000_000L;
      while (System.nanoTime() < until) {
        assertEquals(StudyStore.Beat.OURS, store.heartbeat(b.trial(), "B", timing.gapMs()));
        Thread.sleep(50);
      }
      StudyStore.Claimed again = assertInstanceOf(StudyStore.Claimed.class, store.ask(s, "B", "h", timing, opt));
      assertTrue(again.again(), "now A could have written and did not");
      assertEquals(a.id(), again.trial().id());
      assertEquals(List.of(a.id()), again.staled().stream().map(Trial::id).toList());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void anOlderSchemaIsMigratedAndANewerOneRefused(Databases.Kind kind) throws Exception {
    String url = Databases.fresh(kind, tmp);
    try (StudyStorage v1 = StudyStorage.open(url, null, Duration.ZERO, StudyStorage.DEFAULT_TIMEOUT, s -> { }, 1)) {
      // A study as a binary of schema 1 wrote it.
      v1.transaction(c -> {
        try (Statement st = c.createStatement()) {
          st.execute("INSERT INTO studies (name, space, method, seed, budget, batch_hint, settings, created) VALUES "
              + "('old', 'nb201', 'random', 3, 4, 2, '" + SETTINGS + "', 0)");
        }
        return null;
      });
      try (Connection c = DriverManager.getConnection(url)) {
        assertEquals(1, Schema.version(c));
      }
    }
    try (StudyStorage now = StudyStorage.open(url, null, Duration.ZERO, s -> { })) {
      StudyStore store = new StudyStore(now);
      Study old = store.require("old");
      store.registerWorker(old, "w", "h", 1); // the workers table came with migration 2
      assertEquals(1, store.workers(old).size());
      try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
        assertEquals(Schema.current(now.dialect()), Schema.version(c));
        st.execute("UPDATE nasbowl_schema SET version = 99");
      }
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> StudyStorage.open(url, null, Duration.ZERO, s -> { }));
    assertTrue(e.getMessage().contains("schema version 99, newer than this nasbowl knows (4)"), e.getMessage());
  }

  /** A role that may read and write the tables but not CREATE in the schema can use a migrated database. */
  @Test
  void aRoleWithoutCreateCanUseAMigratedDatabase() throws Exception {
    String url = Databases.fresh(Databases.Kind.POSTGRES, tmp);
    try (StudyStore store = open(url)) {
      store.create(study("s", "random", 3), false);
    }
    String role = "reader_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE ROLE " + role + " LOGIN");
      st.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
      st.execute("GRANT USAGE ON SCHEMA public TO " + role);
      st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
      st.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + role);
    }
    String asReader = url.replace("user=postgres", "user=" + role);
    try (StudyStore store = open(asReader)) {
      Study s = store.require("s");
      StudyStore.Claimed c = assertInstanceOf(StudyStore.Claimed.class, store.ask(s, "w", "h", 60_000, StudyOptimizer.of(s)));
      assertEquals(StudyStore.Told.KEPT, store.tell(s, c.trial(), "w", "h", result(0.5)));
    }
    try (Connection c = DriverManager.getConnection(asReader); Statement st = c.createStatement()) {
      assertThrows(SQLException.class, () -> st.execute("CREATE TABLE probe (x INT)"), "the role really lacks CREATE");
    }
  }

  @Test
  void unsupportedAndUnreachableStoragesAreClearErrorsAndPasswordsAreHidden() {
    IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
        () -> StudyStorage.open("jdbc:mysql://localhost/x?password=secret", null, Duration.ZERO, s -> { }));
    assertTrue(u.getMessage().contains("unsupported study storage") && !u.getMessage().contains("secret"), u.getMessage());
    String url = "jdbc:postgresql://127.0.0.1:" + Databases.closedPort() + "/x?user=u&password=secret";
    IllegalStateException r = assertThrows(IllegalStateException.class,
        () -> StudyStorage.open(url, null, Duration.ZERO, s -> { }));
    assertTrue(r.getMessage().startsWith("cannot open the study storage"), r.getMessage());
    assertFalse(r.getMessage().contains("secret"), r.getMessage());
    assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true",
        StudyStorage.redact("jdbc:postgresql://h/db?user=u&password=s3cr&ssl=true"));
  }

  private static StudyStore.Result result(double v) {
    return new StudyStore.Result(Observation.of(v), 1.0, "out", "");
  }

  /**
   * The optimiser proposes with no lock held: while one worker's proposer runs, another worker asks, claims and
   * tells (a tell needs the same locks an ask takes: on SQLite the database write lock). The first worker's
   * proposal, taken in the meantime, is replaced by the next of its ranking.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void proposingHoldsNoLockAndATakenProposalIsReplacedByTheNext(Databases.Kind kind) throws Exception {
    String url = Databases.fresh(kind, tmp);
    try (StudyStore store = open(url); StudyStore other = open(url)) {
      Study s = store.create(study("race", "random", 10), false).getKey();
      List<Long> otherAskMs = new ArrayList<>();
      StudyStore.Proposer slow = (st, told, pending, asks) -> {
        // Another worker claims "a" and tells its result while this proposal is being made.
        long t0 = System.nanoTime();
        StudyStore.Claimed c = assertInstanceOf(StudyStore.Claimed.class,
            other.ask(st, "w2", "h", 60_000, (st2, t2, p2, a2) -> List.of(new StudyStore.Proposal("a", "|a|"))));
        assertEquals(StudyStore.Told.KEPT, other.tell(st, c.trial(), "w2", "h",
            new StudyStore.Result(Observation.of(0.5), 1, "", "")));
        otherAskMs.add((System.nanoTime() - t0) / 1_000_000);
        return List.of(new StudyStore.Proposal("a", "|a|"), new StudyStore.Proposal("b", "|b|"),
            new StudyStore.Proposal("c", "|c|"));
      };
      StudyStore.Claimed mine = assertInstanceOf(StudyStore.Claimed.class, store.ask(s, "w1", "h", 60_000, slow));
      assertEquals("b", mine.trial().key(), "the first free proposal of the ranking");
      assertEquals(1, store.lastAsk().taken());
      assertTrue(otherAskMs.get(0) < 5_000, "the other worker did not wait for this proposal: " + otherAskMs);
      assertEquals(2, mine.trial().number());
      assertEquals(List.of("a", "b"), store.trials(s).stream().map(Trial::key).toList());
    }
  }
}
