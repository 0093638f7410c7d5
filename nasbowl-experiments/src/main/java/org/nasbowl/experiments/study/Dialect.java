package org.nasbowl.experiments.study;

/** The two databases a study can live in, and the few places where their SQL differs. */
public enum Dialect {
  /** The embedded default: one file shared by the worker processes of one machine. */
  SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT",
      "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"),
  /** A server shared by workers on many machines. */
  POSTGRES("BIGSERIAL PRIMARY KEY", "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)");

  /** The column type of a generated primary key. */
  final String serialKey;
  /**
   * The database's clock in epoch milliseconds: heartbeats and their ages are measured by one clock, the
   * database's, so that workers on hosts with skewed clocks still agree on which trial is stale.
   */
  final String nowMillis;

  Dialect(String serialKey, String nowMillis) {
    this.serialKey = serialKey;
    this.nowMillis = nowMillis;
  }

  /** The dialect of a JDBC URL, or an error naming the databases that are supported. */
  static Dialect of(String url) {
    if (url.startsWith("jdbc:sqlite:")) return SQLITE;
    if (url.startsWith("jdbc:postgresql:")) return POSTGRES;
    throw new IllegalArgumentException("unsupported study storage '" + StudyStorage.redact(url)
        + "': use jdbc:sqlite:FILE (one machine) or jdbc:postgresql://HOST:PORT/DB (many machines)");
  }
}
