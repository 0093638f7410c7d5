package org.nasbowl.plots.figures;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file all at once or not at all: into a temporary file beside the target, renamed over it only when
 * writing succeeded (the same contract as the experiments' AtomicFiles, which plots cannot depend on).
 */
final class AtomicOutput {
  private AtomicOutput() {}

  /** Something that writes to a stream and may fail. */
  @FunctionalInterface
  interface Body {
    void write(OutputStream out) throws IOException;
  }

  static void write(Path target, Body body) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    boolean done = false;
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        body.write(out);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) Files.deleteIfExists(tmp);
    }
  }
}
