package org.nasbowl.experiments.cli;

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

  StudyStorage open(Duration retryFor, Consumer<String> log) {
    return StudyStorage.open(StudyStorage.resolveUrl(storage), passwordFile, retryFor, log);
  }

  /** For the short study commands: an outage is an error at once, not waited out. */
  StudyStorage openAtOnce() {
    return open(Duration.ZERO, s -> { });
  }
}
