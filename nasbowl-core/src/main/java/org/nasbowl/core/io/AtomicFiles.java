package org.nasbowl.core.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file all at once or not at all: output goes to a temporary file in the target's directory and is
 * renamed over the target only when writing succeeded, so a failed or killed run never leaves partial output.
 * Files are readable by everyone (rw-r--r--) where the file system has POSIX permissions. Used by every module
 * that writes results, figures or pictures.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes to a stream and may fail. */
  @FunctionalInterface
  public interface StreamBody {
    void write(OutputStream out) throws IOException;
  }

  /** Something that writes text and may fail. */
  @FunctionalInterface
  public interface TextBody {
    void write(Writer out) throws IOException;
  }

  public static void write(Path target, StreamBody body) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    if (dir != null) Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    boolean done = false;
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: keep the default permissions
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
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

  public static void writeText(Path target, TextBody body) throws IOException {
    write(target, out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      body.write(w);
      w.flush();
    });
  }

  public static void writeString(Path target, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(target, out -> out.write(bytes));
  }
}
