package org.nasbowl.experiments.study;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A study database: a pooled JDBC connection (HikariCP) to SQLite or PostgreSQL with the schema migrated, and
 * transactions that survive outages. A transaction that fails for a transient reason (the server restarting or
 * unreachable, SQLite busy, a serialisation failure) is rolled back and run again with exponential back-off
 * (0.2 s doubling to 5 s) for up to the retry window; the first failure of an outage prints one line, and the
 * first success after it another; the same holds for reaching the storage the first time. Every connection has a
 * connect, a login and a socket timeout ({@code timeout}, {@code timeout}, and the larger of 60 s and six times
 * {@code timeout}), so a server that accepts connections and never answers is a clear error, not a hang.
 * Passwords are never printed: the URL is taken apart ({@link StorageUrl}), the password goes to the driver as a
 * property, and every message is scrubbed of the known passwords ({@link Secrets}).
 */
public final class StudyStorage implements AutoCloseable {
  /** The storage used when neither --storage nor NASBOWL_STORAGE is given. */
  public static final String DEFAULT_URL = "jdbc:sqlite:studies.db";
  public static final String ENV = "NASBOWL_STORAGE";

  /** The default connect and login timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "40001", "40P01", "53300");

  private final String url;
  private final Dialect dialect;
  private final HikariDataSource pool;
  private final Duration retryFor;
  private final Consumer<String> log;
  /** Start of the current outage (System.nanoTime), or 0 when the storage answers. */
  private final AtomicLong outageSince = new AtomicLong();

  private StudyStorage(String url, Dialect dialect, HikariDataSource pool, Duration retryFor, Consumer<String> log) {
    this.url = url;
    this.dialect = dialect;
    this.pool = pool;
    this.retryFor = retryFor;
    this.log = line -> log.accept(Secrets.scrub(line));
  }

  /** The URL to use: the option, else $NASBOWL_STORAGE, else {@link #DEFAULT_URL}. */
  public static String resolveUrl(String option) {
    if (option != null && !option.isBlank()) return option;
    String env = System.getenv(ENV);
    return env != null && !env.isBlank() ? env : DEFAULT_URL;
  }

  /**
   * Connects, checks the schema and migrates it.
   *
   * @param passwordFile a file whose first line is the PostgreSQL password, or null (then the URL's
   *     {@code password} parameter or $PGPASSWORD)
   * @param retryFor how long a transaction is retried through an outage once the storage has been reached
   * @param log receives the outage lines
   * @throws IllegalArgumentException for an unsupported URL or an unreadable password file
   * @throws IllegalStateException if the database cannot be reached or its schema is newer than this binary's
   */
  public static StudyStorage open(String url, Path passwordFile, Duration retryFor, Consumer<String> log) {
    return open(url, passwordFile, retryFor, DEFAULT_TIMEOUT, log, -1);
  }

  /**
   * As {@link #open(String, Path, Duration, Consumer)}, with the connect and login timeout.
   *
   * @param timeout how long one attempt to connect and log in may take
   */
  public static StudyStorage open(String url, Path passwordFile, Duration retryFor, Duration timeout,
      Consumer<String> log) {
    return open(url, passwordFile, retryFor, timeout, log, -1);
  }

  /** As {@link #open(String, Path, Duration, Duration, Consumer)}, migrating only to {@code schemaVersion} if not -1. */
  static StudyStorage open(String url, Path passwordFile, Duration retryFor, Duration timeout, Consumer<String> log,
      int schemaVersion) {
    StorageUrl parsed = StorageUrl.parse(url);
    Dialect dialect = Dialect.of(url);
    if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("the storage timeout must be positive");
    String filePassword = passwordFile == null ? null : readPasswordFile(passwordFile);
    HikariConfig config = new HikariConfig();
    config.setPoolName("nasbowl-study");
    config.setMaximumPoolSize(3);
    config.setMinimumIdle(0);
    // One wait for a connection is short when the outage is waited out (a connection still being made lands in
    // the pool for the next attempt, and the outage is reported at once), the whole timeout when it is not.
    long waitMs = retryFor.isZero() ? timeout.toMillis()
        : Math.max(1_000, Math.min(Math.min(timeout.toMillis(), 2_000), retryFor.toMillis() / 4));
    config.setConnectionTimeout(Math.max(250, waitMs));
    config.setValidationTimeout(Math.max(250, Math.min(2_000, waitMs)));
    // The first connection is made below, inside the retry loop, not by the pool's constructor.
    config.setInitializationFailTimeout(-1);
    if (dialect == Dialect.SQLITE) {
      SQLiteConfig sc = new SQLiteConfig();
      sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
      sc.setBusyTimeout(30_000);
      // Every transaction takes the write lock when it begins: an ask reads and then inserts, and two asks
      // interleaving their reads would propose the same architecture.
      sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
      sc.enforceForeignKeys(true);
      SQLiteDataSource ds = new SQLiteDataSource(sc);
      ds.setUrl(url);
      config.setDataSource(ds);
    } else {
      config.setJdbcUrl(parsed.driverUrl());
      long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
      config.addDataSourceProperty("connectTimeout", Long.toString(seconds));
      config.addDataSourceProperty("loginTimeout", Long.toString(seconds));
      config.addDataSourceProperty("socketTimeout", Long.toString(Math.max(60, 6 * seconds)));
      config.addDataSourceProperty("tcpKeepAlive", "true");
      if (parsed.user() != null) config.setUsername(parsed.user());
      String env = System.getenv("PGPASSWORD");
      Secrets.register(env);
      String password = filePassword != null ? filePassword
          : parsed.password() != null ? parsed.password() : env == null || env.isEmpty() ? null : env;
      if (password != null) config.setPassword(password);
    }
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot reach the study storage " + redact(url) + ": " + rootMessage(e), e);
    }
    StudyStorage storage = new StudyStorage(url, dialect, pool, retryFor, log == null ? s -> { } : log);
    try {
      storage.transaction(c -> {
        Schema.migrate(c, dialect, schemaVersion < 0 ? Schema.current(dialect) : schemaVersion, redact(url));
        return null;
      });
    } catch (StorageException e) {
      pool.close();
      throw new IllegalStateException("cannot open the " + e.getMessage(), e);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return storage;
  }

  /** The first line of a password file, registered as a secret; a missing, unreadable or empty file is an error. */
  static String readPasswordFile(Path passwordFile) {
    try {
      String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
      String first = text.lines().findFirst().orElse("").strip();
      if (first.isEmpty()) throw new IllegalArgumentException("--storage-password-file " + passwordFile + " is empty");
      Secrets.register(first);
      return first;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("--storage-password-file " + passwordFile + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --storage-password-file " + passwordFile + ": " + e.getMessage());
    }
  }

  /** The URL with every password replaced by *** ({@link StorageUrl#display}). */
  public static String redact(String url) {
    return StorageUrl.redact(url);
  }

  public String url() {
    return redact(url);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** One transaction's work. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction, committing at the end, retried through transient failures (see the
   * class comment). A non-transient failure, or an outage longer than the retry window, is thrown.
   */
  public <T> T transaction(Work<T> work) {
    return transaction(work, retryFor);
  }

  /** As {@link #transaction(Work)}, retrying through an outage for at most {@code window}. */
  public <T> T transaction(Work<T> work, Duration window) {
    return run(work, window, true);
  }

  /**
   * Runs {@code work}, which only reads, outside a transaction (each statement sees a consistent state of its own),
   * retried through transient failures as {@link #transaction(Work)} is. On SQLite it takes no write lock, so it
   * neither waits for writers nor holds them up (WAL).
   */
  public <T> T read(Work<T> work) {
    return run(work, retryFor, false);
  }

  private <T> T run(Work<T> work, Duration window, boolean write) {
    long deadline = System.nanoTime() + window.toNanos();
    long backoffMs = 200;
    while (true) {
      try (Connection c = pool.getConnection()) {
        T out;
        if (write) {
          c.setAutoCommit(false);
          try {
            out = work.run(c);
            c.commit();
          } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
          } finally {
            restoreAutoCommit(c);
          }
        } else {
          out = work.run(c);
        }
        recovered();
        return out;
      } catch (SQLException e) {
        if (!isTransient(e)) throw new StorageException("study storage " + redact(url) + ": " + rootMessage(e), e, false);
        long since = outageSince.get();
        if (!window.isZero() && since == 0 && outageSince.compareAndSet(0, System.nanoTime())) {
          log.accept("storage " + redact(url) + " unavailable (" + rootMessage(e) + "); retrying with back-off");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new StorageException("study storage " + redact(url) + " unavailable"
              + (window.isZero() ? "" : " for more than " + window.toSeconds() + " s") + ": " + rootMessage(e), e, true);
        }
        try {
          Thread.sleep(Math.max(1, Math.min(backoffMs, left / 1_000_000)));
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new StorageException("interrupted while waiting for the study storage", ie, true);
        }
        backoffMs = Math.min(5_000, backoffMs * 2);
      }
    }
  }

  private void recovered() {
    long since = outageSince.getAndSet(0);
    if (since != 0) {
      log.accept(String.format(Locale.ROOT, "storage %s available again after %.1f s", redact(url),
          (System.nanoTime() - since) / 1e9));
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the connection is broken; the pool discards it
    }
  }

  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // as above
    }
  }

  /** Whether a failure may pass: connection trouble, server shutdown, SQLite busy, serialisation failures. */
  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) return true;
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if (state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state))) return true;
        String m = String.valueOf(s.getMessage());
        if (m.contains("SQLITE_BUSY") || m.contains("SQLITE_LOCKED")) return true;
      }
      if (t instanceof java.net.ConnectException || t instanceof java.io.EOFException
          || t instanceof java.net.SocketException) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    String best = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) best = t.getMessage();
    }
    return Secrets.scrub(String.valueOf(best).lines().findFirst().orElse(""));
  }

  @Override
  public void close() {
    pool.close();
  }

  /** A storage failure that is not an outage to wait out (or an outage longer than the retry window). */
  public static final class StorageException extends RuntimeException {
    private final boolean outage;

    StorageException(String message, Throwable cause, boolean outage) {
      super(Secrets.scrub(message), cause);
      this.outage = outage;
    }

    /** Whether the storage was unreachable (an outage longer than the retry window), not refusing the work. */
    public boolean outage() {
      return outage;
    }
  }
}
