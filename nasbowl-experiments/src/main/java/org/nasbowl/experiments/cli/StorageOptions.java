package org.nasbowl.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.nasbowl.experiments.study.StudyStorage;
import picocli.CommandLine.Option;

/** The study database options shared by {@code study} and {@code worker}. */
public final class StorageOptions {
  @Option(names = "--storage", paramLabel = "URL",
      description = "study database: jdbc:sqlite:FILE (one machine) or jdbc:postgresql://HOST:PORT/DB?user=U "
          + "(many machines) (default: $NASBOWL_STORAGE, else " + StudyStorage.DEFAULT_URL + ")")
  String storage;

  @Option(names = "--storage-password-file", paramLabel = "FILE",
      description = "PostgreSQL password in the first line of FILE (else the URL's user-info or password "
          + "parameter, else $PGPASSWORD); a missing or empty file is an error; never printed")
  Path passwordFile;

  @Option(names = "--storage-timeout", defaultValue = "10", paramLabel = "SECONDS",
      description = "how long one attempt to connect and log in to the storage may take (default: ${DEFAULT-VALUE})")
  double timeoutSeconds;

  /** Opens a database that exists already (a SQLite file is not created): every command but {@code study create}. */
  StudyStorage open(Duration retryFor, Consumer<String> log) {
    return StudyStorage.open(existingUrl(), passwordFile, retryFor, timeout(), log);
  }

  /** For the short study commands: an outage is an error at once, not waited out. */
  StudyStorage openAtOnce() {
    return open(Duration.ZERO, s -> { });
  }

  /**
   * For {@code study create}: as {@link #openAtOnce}, creating a SQLite file that does not exist yet. If the
   * command then fails and the file it created holds no study, the file is removed: a refused command leaves
   * nothing behind.
   */
  <T> T withCreatedStorage(java.util.function.Function<StudyStorage, T> work) {
    String url = StudyStorage.resolveUrl(storage);
    Path created = sqliteFile(url).filter(f -> !Files.exists(f)).orElse(null);
    // A short retry window: workers of a job array creating one study at once may find it busy.
    try (StudyStorage st = StudyStorage.open(url, passwordFile, timeout(), timeout(), s -> { })) {
      return work.apply(st);
    } catch (RuntimeException e) {
      if (created != null) removeIfEmpty(url, created);
      throw e;
    }
  }

  private Duration timeout() {
    if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds)) {
      throw new IllegalArgumentException("--storage-timeout must be a positive number of seconds, not " + timeoutSeconds);
    }
    return Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
  }

  /** The file of a SQLite URL (none for other databases and in-memory ones). */
  static java.util.Optional<Path> sqliteFile(String url) {
    String prefix = "jdbc:sqlite:";
    if (!url.startsWith(prefix)) return java.util.Optional.empty();
    String file = url.substring(prefix.length());
    int q = file.indexOf('?');
    if (q >= 0) file = file.substring(0, q);
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) return java.util.Optional.empty();
    return java.util.Optional.of(Path.of(file));
  }

  private static void removeIfEmpty(String url, Path file) {
    if (!Files.exists(file)) return;
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'studies'")) {
      r.next();
      if (r.getInt(1) > 0) {
        try (java.sql.ResultSet n = s.executeQuery("SELECT COUNT(*) FROM studies")) {
          n.next();
          if (n.getInt(1) > 0) return;
        }
      }
    } catch (java.sql.SQLException e) {
      return; // cannot tell: leave it
    }
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      try {
        Files.deleteIfExists(Path.of(file + suffix));
      } catch (java.io.IOException ignored) {
        // best effort
      }
    }
  }

  /**
   * The storage URL, after checking that a SQLite file it names exists: opening a missing file would create an
   * empty database, and a mistyped path would leave one behind.
   */
  private String existingUrl() {
    String url = StudyStorage.resolveUrl(storage);
    sqliteFile(url).filter(f -> !Files.exists(f)).ifPresent(f -> {
      throw new IllegalArgumentException("no study database " + f + " (" + url + "): create a study with "
          + "'nasbowl study create', or name the database with --storage or $NASBOWL_STORAGE");
    });
    return url;
  }
}
