package org.nasbowl.experiments.study;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nasbowl.core.bo.Observation;

/**
 * The study operations, each one transaction of a {@link StudyStorage}. Every operation that changes a study's
 * trials first locks the study's row ({@code SELECT ... FOR UPDATE} on PostgreSQL; on SQLite every transaction
 * begins IMMEDIATE and so holds the database's write lock), so asks and tells on one study are serialised and an
 * ask sees every trial started before it. The unique key (study, architecture) backs this up: even a bug in the
 * locking could not record one architecture twice.
 */
public final class StudyStore implements AutoCloseable {
  private final StudyStorage storage;
  private final String now;

  public StudyStore(StudyStorage storage) {
    this.storage = storage;
    this.now = storage.dialect().nowMillis;
  }

  public StudyStorage storage() {
    return storage;
  }

  /** Closes the storage (its connection pool). */
  @Override
  public void close() {
    storage.close();
  }

  // ---------------------------------------------------------------- studies

  /** What {@link #create} makes. */
  public record NewStudy(String name, String space, String method, long seed, int budget, int batchHint,
      String settings) {
    public NewStudy {
      checkName(name);
      if (budget < 1) throw new IllegalArgumentException("the budget must be at least 1, got " + budget);
      if (batchHint < 1) throw new IllegalArgumentException("--batch-hint must be at least 1, got " + batchHint);
    }
  }

  /**
   * Creates a study. An existing study of that name is an error, unless {@code ifNotExists} and its settings
   * are the same, in which case it is returned.
   *
   * @return the study and whether it was created now
   */
  public Map.Entry<Study, Boolean> create(NewStudy n, boolean ifNotExists) {
    return storage.transaction(c -> {
      Optional<Study> old = find(c, n.name());
      if (old.isPresent()) {
        Study s = old.get();
        if (!ifNotExists) {
          throw new IllegalStateException("study '" + n.name() + "' exists already in " + storage.url()
              + " (use --if-not-exists to accept it when its settings are the same)");
        }
        String diff = difference(s, n);
        if (diff != null) {
          throw new IllegalStateException("study '" + n.name() + "' exists with different settings: " + diff);
        }
        return Map.entry(s, false);
      }
      // Two creates racing: the loser's insert does nothing, and it compares settings with the winner's row.
      int inserted;
      try (PreparedStatement p = c.prepareStatement("INSERT INTO studies (name, space, method, seed, budget, "
          + "batch_hint, settings, created) VALUES (?, ?, ?, ?, ?, ?, ?, " + now + ") ON CONFLICT (name) DO NOTHING")) {
        p.setString(1, n.name());
        p.setString(2, n.space());
        p.setString(3, n.method());
        p.setLong(4, n.seed());
        p.setInt(5, n.budget());
        p.setInt(6, n.batchHint());
        p.setString(7, n.settings());
        inserted = p.executeUpdate();
      }
      Study s = find(c, n.name()).orElseThrow();
      if (inserted == 0) {
        if (!ifNotExists) {
          throw new IllegalStateException("study '" + n.name() + "' exists already in " + storage.url()
              + " (use --if-not-exists to accept it when its settings are the same)");
        }
        String diff = difference(s, n);
        if (diff != null) throw new IllegalStateException("study '" + n.name() + "' exists with different settings: " + diff);
        return Map.entry(s, false);
      }
      tick(c, s.id(), Long.MAX_VALUE);
      return Map.entry(s, true);
    });
  }

  /** The longest study name accepted. */
  public static final int MAX_NAME_LENGTH = 100;

  /**
   * A study name is printed in tables, logs and web pages: it must be non-blank, at most {@link #MAX_NAME_LENGTH}
   * characters, and free of control and formatting characters (newlines, tabs, terminal escapes, bidirectional
   * overrides).
   */
  public static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) throw new IllegalArgumentException("a study needs a name");
    if (name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("a study name has at most " + MAX_NAME_LENGTH + " characters, this one "
          + name.length());
    }
    int[] bad = name.codePoints().filter(cp -> {
      int type = Character.getType(cp);
      return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR;
    }).toArray();
    if (bad.length > 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "a study name may not contain control or "
          + "formatting characters (found U+%04X); use letters, digits and punctuation", bad[0]));
    }
  }

  private static String difference(Study s, NewStudy n) {
    String[] fields = {"space", "method", "seed", "budget", "batch hint", "settings"};
    Object[] was = {s.space(), s.method(), s.seed(), s.budget(), s.batchHint(), s.settings()};
    Object[] now = {n.space(), n.method(), n.seed(), n.budget(), n.batchHint(), n.settings()};
    for (int i = 0; i < fields.length; i++) {
      if (!Objects.equals(was[i], now[i])) return fields[i] + " is " + was[i] + " in the study, " + now[i] + " here";
    }
    return null;
  }

  public Optional<Study> find(String name) {
    return storage.transaction(c -> find(c, name));
  }

  /** The study, or an error naming the storage and the studies it has. */
  public Study require(String name) {
    return find(name).orElseThrow(() -> {
      List<String> names = list().stream().map(Study::name).toList();
      return new IllegalArgumentException("no study '" + name + "' in " + storage.url()
          + (names.isEmpty() ? " (it has no studies; create one with 'nasbowl study create')" : "; it has " + names));
    });
  }

  private static Optional<Study> find(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT id, name, space, method, seed, budget, batch_hint, "
        + "settings, created FROM studies WHERE name = ?")) {
      p.setString(1, name);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(study(r)) : Optional.empty();
      }
    }
  }

  private static Study study(ResultSet r) throws SQLException {
    return new Study(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getInt(6),
        r.getInt(7), r.getString(8), r.getLong(9));
  }

  public List<Study> list() {
    return storage.transaction(c -> {
      List<Study> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT id, name, space, method, seed, budget, batch_hint, "
          + "settings, created FROM studies ORDER BY created, id");
          ResultSet r = p.executeQuery()) {
        while (r.next()) out.add(study(r));
      }
      return out;
    });
  }

  /**
   * Changes a study's budget. A larger one lets workers start more trials (a finished study goes on); a smaller
   * one may not go below the trials already started, or the size of the space.
   */
  public Study setBudget(Study s, int budget) {
    if (budget < 1) throw new IllegalArgumentException("the budget must be at least 1, got " + budget);
    org.nasbowl.experiments.external.UserSpaces.byName(s.space()).size().ifPresent(size -> {
      if (budget > size) {
        throw new IllegalArgumentException("--budget " + budget + " is larger than the " + s.space() + " space ("
            + size + " architectures)");
      }
    });
    return storage.transaction(c -> {
      lock(c, s.id());
      int started = started(c, s.id());
      if (budget < started) {
        throw new IllegalArgumentException("--budget " + budget + " is below the " + started + " trials study '"
            + s.name() + "' has started; give at least " + started);
      }
      try (PreparedStatement p = c.prepareStatement("UPDATE studies SET budget = ? WHERE id = ?")) {
        p.setInt(1, budget);
        p.setLong(2, s.id());
        p.executeUpdate();
      }
      return find(c, s.name()).orElseThrow();
    });
  }

  /** Deletes a study with its trials, attempts and workers. */
  public void delete(String name) {
    Study s = require(name);
    storage.transaction(c -> {
      lock(c, s.id());
      update(c, "DELETE FROM attempts WHERE trial_id IN (SELECT id FROM trials WHERE study_id = ?)", s.id());
      update(c, "DELETE FROM trials WHERE study_id = ?", s.id());
      update(c, "DELETE FROM workers WHERE study_id = ?", s.id());
      update(c, "DELETE FROM activity WHERE study_id = ?", s.id());
      update(c, "DELETE FROM studies WHERE id = ?", s.id());
      return null;
    });
  }

  // ---------------------------------------------------------------- workers

  public void registerWorker(Study s, String worker, String host, long pid) {
    registerWorker(s, worker, host, pid, null);
  }

  /** Registers a worker with its heartbeat and grace (null when unknown), so the status view can tell it lost. */
  public void registerWorker(Study s, String worker, String host, long pid, Timing timing) {
    storage.transaction(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO workers (id, study_id, host, pid, started, "
          + "last_seen, state, heartbeat_ms, grace_ms) VALUES (?, ?, ?, ?, " + now + ", " + now + ", 'ACTIVE', ?, ?)")) {
        p.setString(1, worker);
        p.setLong(2, s.id());
        p.setString(3, host);
        p.setLong(4, pid);
        setLong(p, 5, timing == null ? null : timing.heartbeatMs());
        setLong(p, 6, timing == null ? null : timing.graceMs());
        p.executeUpdate();
      }
      if (timing != null) tick(c, s.id(), timing.gapMs());
      return null;
    });
  }

  /** Marks the worker as gone ({@code state}: EXITED when it finished, STOPPED when it was stopped). */
  public void workerExited(String worker, String state) {
    workerExited(worker, state, null);
  }

  /** As {@link #workerExited(String, String)}, retrying through an outage for at most {@code window} (or the storage's). */
  public void workerExited(String worker, String state, java.time.Duration window) {
    StudyStorage.Work<Object> w = c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE workers SET state = ?, last_seen = " + now
          + " WHERE id = ?")) {
        p.setString(1, state);
        p.setString(2, worker);
        p.executeUpdate();
      }
      return null;
    };
    if (window == null) storage.transaction(w);
    else storage.transaction(w, window);
  }

  // ---------------------------------------------------------------- asks

  /**
   * A worker's timing: it refreshes its trial every {@code heartbeatMs}, a trial is stale after {@code graceMs}
   * without a refresh, and a time of {@code gapMs} in which no worker of the study wrote anything is a gap (an
   * outage, a stalled lock, or no worker at all) after which every trial gets its grace period anew.
   */
  public record Timing(long heartbeatMs, long graceMs, long gapMs) {
    public static Timing of(java.time.Duration heartbeat, int graceBeats) {
      long hb = heartbeat.toMillis();
      return new Timing(hb, hb * graceBeats, 2 * hb);
    }
  }

  /** What an ask gives a worker. */
  public sealed interface AskResult permits Claimed, Wait, Done {}

  /**
   * A trial to evaluate now. {@code again} when it is a stale trial started again; {@code staled} lists the
   * trials this ask found stale.
   */
  public record Claimed(Trial trial, boolean again, List<Trial> staled) implements AskResult {}

  /** Nothing to start, but trials are running elsewhere (one of them may still go stale and need a worker). */
  public record Wait(int running, List<Trial> staled) implements AskResult {}

  /** The budget is complete (or the space exhausted and nothing running). */
  public record Done(int complete, int failed, boolean exhausted) implements AskResult {}

  /**
   * A new evaluation for the study: the architecture's canonical key and notation, and the replicate (0 for a new
   * architecture, r for its r-th re-evaluation).
   */
  public record Proposal(String key, String notation, int replicate) {
    public Proposal(String key, String notation) {
      this(key, notation, 0);
    }
  }

  /**
   * Proposes the next architectures from the study's trials (finished in tell order, then the rest), best first:
   * the first is what the optimiser proposes, the others what it would propose next, for when another worker has
   * claimed the first in the meantime. Empty when nothing is left to propose.
   */
  @FunctionalInterface
  public interface Proposer {
    List<Proposal> propose(Study study, List<Trial> told, List<Trial> pending, long asks);
  }

  /**
   * How the last ask of this store went: its wall time, the longest it waited for the study's lock (connection,
   * the write lock on SQLite, the row lock on PostgreSQL), the time the proposer took (without any lock held) and
   * how many proposals were taken by other workers before one was claimed.
   */
  public record AskStats(double askMs, double lockWaitMs, double proposeMs, int taken) {}

  private volatile AskStats lastAsk = new AskStats(0, 0, 0, 0);

  /** How the last ask of this store went (see {@link AskStats}). */
  public AskStats lastAsk() {
    return lastAsk;
  }

  /**
   * One ask: trials whose heartbeat is older than {@code graceMs} become STALE; the oldest stale trial, if any, is
   * started again by this worker; otherwise, while trials started are fewer than the budget, the proposer is given
   * the study's state and its proposal is inserted as a RUNNING trial.
   */
  public AskResult ask(Study s, String worker, String host, long graceMs, Proposer proposer) {
    return ask(s, worker, host, new Timing(graceMs, graceMs, Long.MAX_VALUE), proposer);
  }

  /** What the locked first step of an ask found: a result to return, or the study's state to propose from. */
  private record Snapshot(AskResult result, List<Trial> told, List<Trial> pending, int trials, int running,
      int complete, int failed) {}

  /**
   * As {@link #ask(Study, String, String, long, Proposer)}: a RUNNING trial is stale when its heartbeat, or the
   * end of the study's last gap in activity (whichever is later), is older than the grace period. An outage or a
   * stalled write lock stops every heartbeat, so it is no evidence that a worker died: after it, every trial has
   * its grace period anew.
   *
   * <p>The study is locked twice, briefly, and never while the optimiser works: a first transaction marks stale
   * trials, restarts one if there is one, and counts the trials ({@link #snapshot}), after which every trial is
   * read with no lock; the proposer then fits its model and proposes with no lock held (heartbeats and tells of other
   * workers go on); a second transaction claims the first
   * proposal no other worker has claimed in the meantime (the unique key (study, architecture, replicate) decides)
   * while the budget allows. If all were taken, the ask starts again from a new snapshot.
   */
  public AskResult ask(Study s, String worker, String host, Timing timing, Proposer proposer) {
    long t0 = System.nanoTime();
    double[] waited = {0};
    double proposeMs = 0;
    int taken = 0;
    try {
      while (true) {
        Snapshot snap = snapshot(s, worker, host, timing, waited);
        if (snap.result() != null) return snap.result();
        long p0 = System.nanoTime();
        List<Proposal> proposals = proposer.propose(s, snap.told(), snap.pending(), snap.trials());
        proposeMs += (System.nanoTime() - p0) / 1e6;
        if (proposals.isEmpty()) {
          // The space is exhausted for this optimiser.
          if (snap.running() > 0) return new Wait(snap.running(), List.of());
          return new Done(snap.complete(), snap.failed(), true);
        }
        Claim claim = claim(s, worker, host, timing, proposals, t0, waited);
        taken += claim.taken();
        if (claim.trial() != null) return new Claimed(claim.trial(), false, List.of());
        // Every proposal was taken, or the budget was reached meanwhile: look again.
      }
    } finally {
      lastAsk = new AskStats((System.nanoTime() - t0) / 1e6, waited[0], proposeMs, taken);
    }
  }

  /**
   * The first step of an ask. Locked, and short whatever the study's size: the running and stale trials are read
   * (few), stale ones marked, the oldest restarted, and the trials counted by state. Then, with no lock, every trial
   * is read for the proposer (a single statement: a consistent state; on SQLite it takes no write lock).
   */
  private Snapshot snapshot(Study s, String worker, String host, Timing timing, double[] waited) {
    long graceMs = timing.graceMs();
    long begin = System.nanoTime();
    Snapshot locked = storage.transaction(c -> {
      int budget = lock(c, s.id());
      waited[0] = Math.max(waited[0], (System.nanoTime() - begin) / 1e6);
      long nowMs = dbNow(c);
      long resumed = resumed(c, s.id(), nowMs, timing.gapMs());
      List<Trial> open = trials(c, s.id(), "state IN ('RUNNING', 'STALE')", null);
      List<Trial> staled = new ArrayList<>();
      Trial rerun = null;
      for (Trial t : open) {
        boolean lost = Trial.RUNNING.equals(t.state()) && t.heartbeat() != null
            && Math.max(t.heartbeat(), resumed) < nowMs - graceMs;
        if (lost) {
          update(c, "UPDATE trials SET state = 'STALE' WHERE id = ?", t.id());
          attempt(c, t, "STALE", null, null);
          lostWorker(c, t.worker(), nowMs - graceMs);
          staled.add(t);
        }
        if (rerun == null && (lost || Trial.STALE.equals(t.state()))) rerun = t;
      }
      if (rerun != null) {
        try (PreparedStatement p = c.prepareStatement("UPDATE trials SET state = 'RUNNING', attempt = attempt + 1, "
            + "worker = ?, host = ?, heartbeat = " + now + ", started = " + now + " WHERE id = ?")) {
          p.setString(1, worker);
          p.setString(2, host);
          p.setLong(3, rerun.id());
          p.executeUpdate();
        }
        tick(c, s.id(), timing.gapMs());
        return new Snapshot(new Claimed(trial(c, rerun.id()), true, staled), null, null, 0, 0, 0, 0);
      }
      Map<String, Integer> counts = new java.util.HashMap<>();
      int total = 0;
      try (PreparedStatement p = c.prepareStatement("SELECT state, COUNT(*) FROM trials WHERE study_id = ? GROUP BY state")) {
        p.setLong(1, s.id());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            counts.put(r.getString(1), r.getInt(2));
            total += r.getInt(2);
          }
        }
      }
      tick(c, s.id(), timing.gapMs());
      int running = counts.getOrDefault(Trial.RUNNING, 0);
      int complete = counts.getOrDefault(Trial.COMPLETE, 0);
      int failed = counts.getOrDefault(Trial.FAILED, 0);
      if (total >= budget) {
        AskResult r = running > 0 ? new Wait(running, staled) : new Done(complete, failed, false);
        return new Snapshot(r, null, null, 0, 0, 0, 0);
      }
      return new Snapshot(null, null, null, total, running, complete, failed);
    });
    if (locked.result() != null) return locked;
    List<Trial> all = storage.read(c -> trials(c, s.id(), null, null));
    List<Trial> told = new ArrayList<>();
    List<Trial> pending = new ArrayList<>();
    for (Trial t : all) {
      if (t.done()) told.add(t);
      else pending.add(t);
    }
    told.sort((a, b) -> Integer.compare(a.tellSeq(), b.tellSeq()));
    return new Snapshot(null, told, pending, all.size(), locked.running(), locked.complete(), locked.failed());
  }

  /** The outcome of a claim: the inserted trial (null if none) and how many proposals other workers had taken. */
  private record Claim(Trial trial, int taken) {}

  private Claim claim(Study s, String worker, String host, Timing timing, List<Proposal> proposals, long t0,
      double[] waited) {
    long begin = System.nanoTime();
    return storage.transaction(c -> {
      int budget = lock(c, s.id());
      waited[0] = Math.max(waited[0], (System.nanoTime() - begin) / 1e6);
      int count = started(c, s.id());
      if (count >= budget) return new Claim(null, 0);
      int taken = 0;
      for (Proposal proposal : proposals) {
        double askMs = (System.nanoTime() - t0) / 1e6;
        int inserted;
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO trials (study_id, number, arch_key, notation, "
            + "state, attempt, worker, host, heartbeat, started, ask_ms, replicate) VALUES (?, ?, ?, ?, 'RUNNING', 1, "
            + "?, ?, " + now + ", " + now + ", ?, ?) ON CONFLICT (study_id, arch_key, replicate) DO NOTHING")) {
          ins.setLong(1, s.id());
          ins.setInt(2, count + 1);
          ins.setString(3, proposal.key());
          ins.setString(4, proposal.notation());
          ins.setString(5, worker);
          ins.setString(6, host);
          ins.setDouble(7, askMs);
          ins.setInt(8, proposal.replicate());
          inserted = ins.executeUpdate();
        }
        if (inserted == 0) {
          taken++;
          continue;
        }
        tick(c, s.id(), timing.gapMs());
        return new Claim(trials(c, s.id(), "number = ?", count + 1).get(0), taken);
      }
      return new Claim(null, taken);
    });
  }

  /**
   * When the study's activity last resumed after a gap longer than {@code gapMs} (now, if this transaction ends
   * one); read without a lock, so that heartbeats never wait for an ask.
   */
  private static long resumed(Connection c, long studyId, long nowMs, long gapMs) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT last_tick, resumed FROM activity WHERE study_id = ?")) {
      p.setLong(1, studyId);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) return nowMs;
        long last = r.getLong(1);
        return nowMs - last > gapMs ? nowMs : r.getLong(2);
      }
    }
  }

  /**
   * Records that a worker of the study wrote now; if nobody had for more than {@code gapMs}, a gap ends here.
   * Called last in its transaction, so the activity row is locked only for the commit.
   */
  private void tick(Connection c, long studyId, long gapMs) throws SQLException {
    int n;
    try (PreparedStatement p = c.prepareStatement("UPDATE activity SET resumed = CASE WHEN " + now
        + " - last_tick > ? THEN " + now + " ELSE resumed END, last_tick = " + now + " WHERE study_id = ?")) {
      p.setLong(1, gapMs);
      p.setLong(2, studyId);
      n = p.executeUpdate();
    }
    if (n == 0) {
      try (PreparedStatement p = c.prepareStatement("INSERT INTO activity (study_id, last_tick, resumed) VALUES (?, "
          + now + ", " + now + ") ON CONFLICT (study_id) DO NOTHING")) {
        p.setLong(1, studyId);
        p.executeUpdate();
      }
    }
  }

  /** A worker whose trial went stale and who has not been seen for the grace period is LOST. */
  private void lostWorker(Connection c, String worker, long seenBefore) throws SQLException {
    if (worker == null) return;
    try (PreparedStatement p = c.prepareStatement("UPDATE workers SET state = 'LOST' WHERE id = ? AND state = 'ACTIVE' "
        + "AND last_seen < ?")) {
      p.setString(1, worker);
      p.setLong(2, seenBefore);
      p.executeUpdate();
    }
  }

  // ---------------------------------------------------------------- heartbeats and tells

  /** What became of a heartbeat. */
  public enum Beat {
    /** The trial is still this worker's. */
    OURS,
    /** It went stale and another worker runs it now; a result from us may still be kept. */
    TAKEN_OVER,
    /** It has a result already (from another attempt): this evaluation is wasted and may be stopped. */
    FINISHED
  }

  public Beat heartbeat(Trial t, String worker) {
    return heartbeat(t, worker, Long.MAX_VALUE);
  }

  /** As {@link #heartbeat(Trial, String)}, also keeping the study's activity clock ({@link Timing#gapMs}). */
  public Beat heartbeat(Trial t, String worker, long gapMs) {
    return heartbeat(t, worker, gapMs, null);
  }

  /**
   * As {@link #heartbeat(Trial, String, long)}, retrying through an outage for at most {@code window} (null: the
   * storage's): a heartbeat that cannot get through is replaced by the next one.
   */
  public Beat heartbeat(Trial t, String worker, long gapMs, java.time.Duration window) {
    StudyStorage.Work<Beat> w = c -> {
      int n;
      try (PreparedStatement p = c.prepareStatement("UPDATE trials SET heartbeat = " + now + " WHERE id = ? AND "
          + "worker = ? AND attempt = ? AND state = 'RUNNING'")) {
        p.setLong(1, t.id());
        p.setString(2, worker);
        p.setInt(3, t.attempt());
        n = p.executeUpdate();
      }
      touch(c, worker);
      Beat beat = n == 1 ? Beat.OURS : trial(c, t.id()).done() ? Beat.FINISHED : Beat.TAKEN_OVER;
      tick(c, studyOf(c, t.id()), gapMs);
      return beat;
    };
    return window == null ? storage.transaction(w) : storage.transaction(w, window);
  }

  /** Keeps a waiting worker's row fresh (for the status view). */
  public void seen(String worker) {
    storage.transaction(c -> {
      touch(c, worker);
      return null;
    });
  }

  /** As {@link #seen(String)}, also keeping the study's activity clock. */
  public void seen(Study s, String worker, long gapMs) {
    storage.transaction(c -> {
      touch(c, worker);
      tick(c, s.id(), gapMs);
      return null;
    });
  }

  private static long studyOf(Connection c, long trialId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT study_id FROM trials WHERE id = ?")) {
      p.setLong(1, trialId);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) throw new IllegalStateException("the trial vanished (was the study deleted?)");
        return r.getLong(1);
      }
    }
  }

  private void touch(Connection c, String worker) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("UPDATE workers SET last_seen = " + now + " WHERE id = ?")) {
      p.setString(1, worker);
      p.executeUpdate();
    }
  }

  /** What became of a result. */
  public enum Told {
    /** Recorded: the trial's result. */
    KEPT,
    /** Recorded although the trial had gone stale (no other result existed yet). */
    KEPT_LATE,
    /** Ignored: the trial already had a result (recorded in the attempt history as DUPLICATE). */
    DUPLICATE,
    /** Ignored: a late failure while another worker runs the trial again. */
    IGNORED
  }

  /** A result, with the tails of the command's output. */
  public record Result(Observation observation, double seconds, String stdoutTail, String stderrTail) {}

  /**
   * Records the result of this worker's attempt {@code t.attempt()} of a trial. Rules: the trial's current
   * attempt, if still ours, takes the result; a late result (our attempt went stale) is kept when the trial has
   * no result yet (a failure only when no other attempt is running), and otherwise recorded as a duplicate and
   * ignored.
   */
  public Told tell(Study s, Trial t, String worker, String host, Result result) {
    return storage.transaction(c -> {
      lock(c, s.id());
      Trial cur = trial(c, t.id());
      boolean mine = Trial.RUNNING.equals(cur.state()) && worker.equals(cur.worker()) && cur.attempt() == t.attempt();
      Observation o = result.observation();
      if (cur.done()) {
        attemptOf(c, t, worker, host, "DUPLICATE", o);
        return Told.DUPLICATE;
      }
      if (!mine && !o.ok() && Trial.RUNNING.equals(cur.state())) {
        attemptOf(c, t, worker, host, "LATE_FAILURE", o);
        return Told.IGNORED;
      }
      int seq;
      try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(tell_seq), 0) + 1 FROM trials WHERE study_id = ?")) {
        p.setLong(1, s.id());
        try (ResultSet r = p.executeQuery()) {
          r.next();
          seq = r.getInt(1);
        }
      }
      try (PreparedStatement p = c.prepareStatement("UPDATE trials SET state = ?, worker = ?, host = ?, attempt = ?, "
          + "finished = " + now + ", tell_seq = ?, valid_acc = ?, test_acc = ?, cost = ?, seconds = ?, reason = ?, "
          + "stdout_tail = ?, stderr_tail = ? WHERE id = ?")) {
        p.setString(1, o.ok() ? Trial.COMPLETE : Trial.FAILED);
        p.setString(2, worker);
        p.setString(3, host);
        p.setInt(4, t.attempt());
        p.setInt(5, seq);
        setDouble(p, 6, o.value().isPresent() ? o.value().getAsDouble() : null);
        setDouble(p, 7, o.testValue().isPresent() ? o.testValue().getAsDouble() : null);
        setDouble(p, 8, o.cost().isPresent() ? o.cost().getAsDouble() : null);
        setDouble(p, 9, Double.isFinite(result.seconds()) ? result.seconds() : null);
        p.setString(10, o.ok() ? null : o.failure());
        p.setString(11, result.stdoutTail());
        p.setString(12, result.stderrTail());
        p.setLong(13, t.id());
        p.executeUpdate();
      }
      attemptOf(c, t, worker, host, o.ok() ? Trial.COMPLETE : Trial.FAILED, o);
      return mine ? Told.KEPT : Told.KEPT_LATE;
    });
  }

  /**
   * Gives a trial back (a worker stopped by a signal): it becomes STALE at once, so that the next ask starts it
   * again instead of waiting for its heartbeat to age.
   */
  public void release(Study s, Trial t, String worker) {
    release(s, t, worker, null);
  }

  /**
   * As {@link #release(Study, Trial, String)}, retrying through an outage for at most {@code window} (null: the
   * storage's). One conditional update of the trial's row: it does not wait for the study's lock, so a worker
   * being stopped gives its trial back at once even while another worker asks.
   */
  public void release(Study s, Trial t, String worker, java.time.Duration window) {
    StudyStorage.Work<Object> w = c -> {
      int n;
      try (PreparedStatement p = c.prepareStatement("UPDATE trials SET state = 'STALE' WHERE id = ? AND worker = ? "
          + "AND attempt = ? AND state = 'RUNNING'")) {
        p.setLong(1, t.id());
        p.setString(2, worker);
        p.setInt(3, t.attempt());
        n = p.executeUpdate();
      }
      if (n == 1) attempt(c, trial(c, t.id()), "RELEASED", null, null);
      return null;
    };
    if (window == null) storage.transaction(w);
    else storage.transaction(w, window);
  }

  // ---------------------------------------------------------------- reading

  /** Every trial of the study, in proposal order. */
  public List<Trial> trials(Study s) {
    return storage.transaction(c -> trials(c, s.id(), null, null));
  }

  /** The stored ends of a trial's stdout and stderr (empty strings when none were stored). */
  public String[] tails(Study s, int number) {
    return storage.transaction(c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT stdout_tail, stderr_tail FROM trials WHERE study_id = ? "
          + "AND number = ?")) {
        p.setLong(1, s.id());
        p.setInt(2, number);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) return new String[] {"", ""};
          return new String[] {r.getString(1) == null ? "" : r.getString(1), r.getString(2) == null ? "" : r.getString(2)};
        }
      }
    });
  }

  /** One attempt of a trial, as kept in the attempt history. */
  public record Attempt(int trialNumber, int attempt, String worker, String outcome, Double valid, String reason) {}

  public List<Attempt> attempts(Study s) {
    return storage.transaction(c -> {
      List<Attempt> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT t.number, a.attempt, a.worker, a.outcome, a.valid_acc, "
          + "a.reason FROM attempts a JOIN trials t ON a.trial_id = t.id WHERE t.study_id = ? ORDER BY a.id")) {
        p.setLong(1, s.id());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(new Attempt(r.getInt(1), r.getInt(2), r.getString(3), r.getString(4), boxed(r, 5), r.getString(6)));
          }
        }
      }
      return out;
    });
  }

  /** A worker as the status view shows it. */
  public record Worker(String id, String host, long pid, long started, long lastSeen, String state, long now,
      Long heartbeatMs, Long graceMs) {
    /**
     * The state to show: an ACTIVE worker not seen for its grace period (it was killed, or its host was lost) is
     * LOST, as the next ask would record it.
     */
    public String shownState() {
      if ("ACTIVE".equals(state) && graceMs != null && now - lastSeen > graceMs) return "LOST";
      return state;
    }

    /** Whether the worker is alive as far as the database can tell. */
    public boolean active() {
      return "ACTIVE".equals(shownState());
    }
  }

  public List<Worker> workers(Study s) {
    return storage.transaction(c -> {
      long nowMs = dbNow(c);
      List<Worker> out = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement("SELECT id, host, pid, started, last_seen, state, heartbeat_ms, "
          + "grace_ms FROM workers WHERE study_id = ? ORDER BY started, id")) {
        p.setLong(1, s.id());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            out.add(new Worker(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4), r.getLong(5),
                r.getString(6), nowMs, boxedLong(r, 7), boxedLong(r, 8)));
          }
        }
      }
      return out;
    });
  }

  /** The database's clock, epoch milliseconds. */
  public long now() {
    return storage.transaction(StudyStore.this::dbNow);
  }

  // ---------------------------------------------------------------- helpers

  private long dbNow(Connection c) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + now); ResultSet r = p.executeQuery()) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Locks the study's row; returns its current budget (it may have been changed since the study was read). */
  private int lock(Connection c, long studyId) throws SQLException {
    String sql = storage.dialect() == Dialect.POSTGRES ? "SELECT budget FROM studies WHERE id = ? FOR UPDATE"
        : "SELECT budget FROM studies WHERE id = ?";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, studyId);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) throw new IllegalStateException("the study was deleted");
        return r.getInt(1);
      }
    }
  }

  /** How many trials the study has started (every state). */
  private static int started(Connection c, long studyId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM trials WHERE study_id = ?")) {
      p.setLong(1, studyId);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static final String TRIAL_COLUMNS = "id, number, arch_key, notation, state, attempt, worker, host, "
      + "heartbeat, started, finished, tell_seq, valid_acc, test_acc, cost, seconds, ask_ms, reason, replicate";

  private static List<Trial> trials(Connection c, long studyId, String where, Object arg) throws SQLException {
    String sql = "SELECT " + TRIAL_COLUMNS + " FROM trials WHERE study_id = ?" + (where == null ? "" : " AND " + where)
        + " ORDER BY number";
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, studyId);
      if (arg instanceof Long l) p.setLong(2, l);
      else if (arg instanceof Integer i) p.setInt(2, i);
      List<Trial> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) out.add(trial(r));
      }
      return out;
    }
  }

  private static Trial trial(Connection c, long id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT " + TRIAL_COLUMNS + " FROM trials WHERE id = ?")) {
      p.setLong(1, id);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) throw new IllegalStateException("a trial of the study vanished (was the study deleted?)");
        return trial(r);
      }
    }
  }

  private static Trial trial(ResultSet r) throws SQLException {
    return new Trial(r.getLong(1), r.getInt(2), r.getString(3), r.getString(4), r.getString(5), r.getInt(6),
        r.getString(7), r.getString(8), boxedLong(r, 9), boxedLong(r, 10), boxedLong(r, 11), boxedInt(r, 12),
        boxed(r, 13), boxed(r, 14), boxed(r, 15), boxed(r, 16), boxed(r, 17), r.getString(18), r.getInt(19));
  }

  private static Double boxed(ResultSet r, int i) throws SQLException {
    double v = r.getDouble(i);
    return r.wasNull() ? null : v;
  }

  private static Long boxedLong(ResultSet r, int i) throws SQLException {
    long v = r.getLong(i);
    return r.wasNull() ? null : v;
  }

  private static Integer boxedInt(ResultSet r, int i) throws SQLException {
    int v = r.getInt(i);
    return r.wasNull() ? null : v;
  }

  private static void setLong(PreparedStatement p, int i, Long v) throws SQLException {
    if (v == null) p.setNull(i, Types.BIGINT);
    else p.setLong(i, v);
  }

  private static void setDouble(PreparedStatement p, int i, Double v) throws SQLException {
    if (v == null) p.setNull(i, Types.DOUBLE);
    else p.setDouble(i, v);
  }

  private static void update(Connection c, String sql, long id) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      p.setLong(1, id);
      p.executeUpdate();
    }
  }

  private void attempt(Connection c, Trial t, String outcome, Double valid, String reason) throws SQLException {
    insertAttempt(c, t.id(), t.attempt(), t.worker(), t.host(), t.started(), outcome, valid, reason);
  }

  private void attemptOf(Connection c, Trial t, String worker, String host, String outcome, Observation o)
      throws SQLException {
    insertAttempt(c, t.id(), t.attempt(), worker, host, t.started(), outcome,
        o.value().isPresent() ? o.value().getAsDouble() : null, o.ok() ? null : o.failure());
  }

  private void insertAttempt(Connection c, long trialId, int attempt, String worker, String host, Long started,
      String outcome, Double valid, String reason) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("INSERT INTO attempts (trial_id, attempt, worker, host, started, "
        + "ended, outcome, valid_acc, reason) VALUES (?, ?, ?, ?, ?, " + now + ", ?, ?, ?)")) {
      p.setLong(1, trialId);
      p.setInt(2, attempt);
      p.setString(3, worker);
      p.setString(4, host);
      if (started == null) p.setNull(5, Types.BIGINT);
      else p.setLong(5, started);
      p.setString(6, outcome);
      setDouble(p, 7, valid);
      p.setString(8, reason);
      p.executeUpdate();
    }
  }

  /** Counts of the study's trials by state, for the status view. */
  public static Map<String, Integer> countByState(List<Trial> trials) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String s : List.of(Trial.COMPLETE, Trial.FAILED, Trial.RUNNING, Trial.STALE)) out.put(s, 0);
    for (Trial t : trials) out.merge(t.state(), 1, Integer::sum);
    return out;
  }
}
