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
      description = "PostgreSQL password in the first line of FILE (else the URL's password parameter, else "
          + "$PGPASSWORD); never printed")
  Path passwordFile;

  /** Opens a database that exists already (a SQLite file is not created): every command but {@code study create}. */
  StudyStorage open(Duration retryFor, Consumer<String> log) {
    return StudyStorage.open(existingUrl(), passwordFile, retryFor, log);
  }

  /** For the short study commands: an outage is an error at once, not waited out. */
  StudyStorage openAtOnce() {
    return open(Duration.ZERO, s -> { });
  }

  /** For {@code study create}: as {@link #openAtOnce}, creating a SQLite file that does not exist yet. */
  StudyStorage openOrCreate() {
    return StudyStorage.open(StudyStorage.resolveUrl(storage), passwordFile, Duration.ZERO, s -> { });
  }

  /**
   * The storage URL, after checking that a SQLite file it names exists: opening a missing file would create an
   * empty database, and a mistyped path would leave one behind.
   */
  private String existingUrl() {
    String url = StudyStorage.resolveUrl(storage);
    String prefix = "jdbc:sqlite:";
    if (url.startsWith(prefix)) {
      String file = url.substring(prefix.length());
      int q = file.indexOf('?');
      if (q >= 0) file = file.substring(0, q);
      if (!file.isEmpty() && !file.startsWith(":memory:") && !file.startsWith("file:") && !Files.exists(Path.of(file))) {
        throw new IllegalArgumentException("no study database " + file + " (" + url + "): create a study with "
            + "'nasbowl study create', or name the database with --storage or $NASBOWL_STORAGE");
      }
    }
    return url;
  }
}
