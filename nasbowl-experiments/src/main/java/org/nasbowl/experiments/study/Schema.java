package org.nasbowl.experiments.study;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The study database's schema as numbered migrations. The table {@code nasbowl_schema} holds the version
 * applied; opening a database applies the missing migrations in one transaction (a binary meeting an older
 * schema migrates it) and refuses a database whose version is newer than this binary knows. Written by hand
 * rather than with Flyway: two dialects, a handful of statements, and the refusal message is ours.
 *
 * <ol>
 *   <li>studies and trials (one row per architecture: the unique key (study, architecture) is what makes a
 *       duplicate evaluation impossible);
 *   <li>workers and the attempt history of each trial (stale, duplicate and late results);
 *   <li>each study's activity clock (when any of its workers last wrote, and when writing resumed after a gap in
 *       which nobody could: an outage is not evidence against a worker) and each worker's heartbeat and grace.
 * </ol>
 *
 * A database already at this binary's version is only read, so a role without CREATE on its schema can use it.
 */
final class Schema {
  private Schema() {}

  /** The migrations in order; migration i (0-based) takes the schema from version i to i + 1. */
  static List<List<String>> migrations(Dialect d) {
    return List.of(
        List.of(
            "CREATE TABLE studies (id " + d.serialKey + ", name TEXT NOT NULL UNIQUE, space TEXT NOT NULL, "
                + "method TEXT NOT NULL, seed BIGINT NOT NULL, budget INTEGER NOT NULL, "
                + "batch_hint INTEGER NOT NULL, settings TEXT NOT NULL, created BIGINT NOT NULL)",
            "CREATE TABLE trials (id " + d.serialKey + ", study_id BIGINT NOT NULL REFERENCES studies(id), "
                + "number INTEGER NOT NULL, arch_key TEXT NOT NULL, notation TEXT NOT NULL, "
                + "state TEXT NOT NULL, attempt INTEGER NOT NULL, worker TEXT, host TEXT, heartbeat BIGINT, "
                + "started BIGINT, finished BIGINT, tell_seq INTEGER, valid_acc DOUBLE PRECISION, "
                + "test_acc DOUBLE PRECISION, cost DOUBLE PRECISION, seconds DOUBLE PRECISION, "
                + "ask_ms DOUBLE PRECISION, reason TEXT, stdout_tail TEXT, stderr_tail TEXT, "
                + "UNIQUE (study_id, arch_key), UNIQUE (study_id, number))",
            "CREATE INDEX trials_by_state ON trials (study_id, state)"),
        List.of(
            "CREATE TABLE workers (id TEXT PRIMARY KEY, study_id BIGINT NOT NULL REFERENCES studies(id), "
                + "host TEXT NOT NULL, pid BIGINT, started BIGINT NOT NULL, last_seen BIGINT NOT NULL, "
                + "state TEXT NOT NULL)",
            "CREATE TABLE attempts (id " + d.serialKey + ", trial_id BIGINT NOT NULL REFERENCES trials(id), "
                + "attempt INTEGER NOT NULL, worker TEXT, host TEXT, started BIGINT, ended BIGINT NOT NULL, "
                + "outcome TEXT NOT NULL, valid_acc DOUBLE PRECISION, reason TEXT)",
            "CREATE INDEX attempts_by_trial ON attempts (trial_id)"),
        List.of(
            "CREATE TABLE activity (study_id BIGINT PRIMARY KEY REFERENCES studies(id), last_tick BIGINT NOT NULL, "
                + "resumed BIGINT NOT NULL)",
            "ALTER TABLE workers ADD COLUMN heartbeat_ms BIGINT",
            "ALTER TABLE workers ADD COLUMN grace_ms BIGINT"),
        replicates(d));
  }

  /**
   * Version 4: trials may be replicates (an architecture evaluated again with another training seed), so an
   * architecture is unique per (study, replicate). PostgreSQL changes the constraint in place; SQLite cannot drop
   * a table constraint and rebuilds the table (same ids, rows and index).
   */
  private static List<String> replicates(Dialect d) {
    if (d == Dialect.POSTGRES) {
      return List.of("ALTER TABLE trials ADD COLUMN replicate INTEGER NOT NULL DEFAULT 0",
          "ALTER TABLE trials DROP CONSTRAINT trials_study_id_arch_key_key",
          "ALTER TABLE trials ADD CONSTRAINT trials_study_id_arch_key_replicate_key UNIQUE (study_id, arch_key, replicate)");
    }
    String columns = "id, study_id, number, arch_key, notation, state, attempt, worker, host, heartbeat, started, "
        + "finished, tell_seq, valid_acc, test_acc, cost, seconds, ask_ms, reason, stdout_tail, stderr_tail";
    return List.of(
        "CREATE TABLE trials_v4 (id " + d.serialKey + ", study_id BIGINT NOT NULL REFERENCES studies(id), "
            + "number INTEGER NOT NULL, arch_key TEXT NOT NULL, notation TEXT NOT NULL, "
            + "state TEXT NOT NULL, attempt INTEGER NOT NULL, worker TEXT, host TEXT, heartbeat BIGINT, "
            + "started BIGINT, finished BIGINT, tell_seq INTEGER, valid_acc DOUBLE PRECISION, "
            + "test_acc DOUBLE PRECISION, cost DOUBLE PRECISION, seconds DOUBLE PRECISION, "
            + "ask_ms DOUBLE PRECISION, reason TEXT, stdout_tail TEXT, stderr_tail TEXT, "
            + "replicate INTEGER NOT NULL DEFAULT 0, "
            + "UNIQUE (study_id, arch_key, replicate), UNIQUE (study_id, number))",
        "INSERT INTO trials_v4 (" + columns + ") SELECT " + columns + " FROM trials",
        "DROP TABLE trials",
        "ALTER TABLE trials_v4 RENAME TO trials",
        "CREATE INDEX trials_by_state ON trials (study_id, state)");
  }

  /** The schema version this binary writes. */
  static int current(Dialect d) {
    return migrations(d).size();
  }

  /**
   * Brings the database to {@code target} (normally {@link #current}); lower targets exist for tests of the
   * migration path.
   *
   * @throws IllegalStateException if the database's schema is newer than {@code target}
   */
  static void migrate(Connection c, Dialect d, int target, String where) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      if (exists(s, d)) {
        int version;
        try (ResultSet r = s.executeQuery("SELECT MAX(version) FROM nasbowl_schema")) {
          r.next();
          version = r.getInt(1);
        }
        if (version == target) {
          c.commit();
          return;
        }
      }
      if (d == Dialect.POSTGRES) {
        // Workers starting together: one migrates, the others wait here and then find it done.
        s.execute("SELECT pg_advisory_xact_lock(7164200923)");
      }
      s.execute("CREATE TABLE IF NOT EXISTS nasbowl_schema (version INTEGER NOT NULL)");
      int version;
      try (ResultSet r = s.executeQuery("SELECT MAX(version) FROM nasbowl_schema")) {
        r.next();
        version = r.getInt(1);
      }
      if (version > target) {
        throw new IllegalStateException("the study database " + where + " has schema version " + version
            + ", newer than this nasbowl knows (" + target + "); use the nasbowl release that wrote it, or a newer one");
      }
      List<List<String>> all = migrations(d);
      for (int v = version; v < target; v++) {
        for (String sql : all.get(v)) s.execute(sql);
      }
      if (version < target) {
        s.execute("DELETE FROM nasbowl_schema");
        s.execute("INSERT INTO nasbowl_schema (version) VALUES (" + target + ")");
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  /** Whether the version table exists, asked of the catalogue (a failed query would abort a PostgreSQL transaction). */
  private static boolean exists(Statement s, Dialect d) throws SQLException {
    String sql = d == Dialect.POSTGRES ? "SELECT to_regclass('nasbowl_schema') IS NOT NULL"
        : "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'nasbowl_schema'";
    try (ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getBoolean(1);
    }
  }

  /** The version recorded in the database (0 for an empty one). */
  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT MAX(version) FROM nasbowl_schema")) {
      r.next();
      return r.getInt(1);
    }
  }
}
