package org.nasbowl.experiments.external;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nasbowl.core.bo.OptimizerLog;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * {@code events.jsonl}: the optimiser's events, one JSON object per line ({@link EventJson}), each appended,
 * flushed and fsynced before the driver acts on it. Reading tolerates exactly one kind of damage, the one a
 * killed writer leaves: a last line without its newline that does not parse is dropped with a warning (and cut
 * off the file before anything is appended). Anything else malformed is a {@link DataFormatException} naming
 * the file and line. Besides the optimiser's events the log holds the run's configuration changes
 * ({@code {"type":"config","changes":{"budget":[40,44]}}} when a resumed run extends its budget, changes its
 * parallelism, timeout or, with permission, its command); those lines carry no event.
 */
final class EventLogFile implements Closeable {
  /** The type of a configuration-change line. */
  static final String CONFIG = "config";

  /**
   * One line with its 1-based number and the raw JSON (for fields beyond the event, such as {@code t}, the
   * epoch milliseconds when it was written); {@code event} is null for a configuration change.
   */
  record Line(int number, OptimizerLog.Event event, JsonNode json) {
    boolean isConfig() {
      return event == null;
    }
  }

  /** The valid events of a file and the byte length they occupy. */
  record Contents(List<Line> lines, long validLength, boolean needsNewline) {}

  private final Path file;
  private final FileChannel channel;

  private EventLogFile(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Reads a log (a missing file is empty). */
  static Contents read(Path file, Consumer<String> warnings) throws IOException {
    if (!Files.exists(file)) return new Contents(List.of(), 0, false);
    byte[] data = Files.readAllBytes(file);
    List<Line> lines = new ArrayList<>();
    int start = 0;
    int number = 0;
    while (start < data.length) {
      number++;
      int nl = indexOf(data, (byte) '\n', start);
      boolean complete = nl >= 0;
      int end = complete ? nl : data.length;
      String text = new String(data, start, end - start, StandardCharsets.UTF_8);
      if (text.isBlank()) {
        if (!complete) {
          warnings.accept("warning: " + file + ", line " + number + ": dropped trailing whitespace without a "
              + "newline (the previous run was killed while writing)");
          return new Contents(lines, start, false);
        }
        throw DataFormatException.atLine(file, number, null, "empty line; every line must be one event");
      }
      try {
        JsonNode json = EventJson.readTree(text);
        boolean config = json.isObject() && CONFIG.equals(json.path("type").asText());
        lines.add(new Line(number, config ? null : EventJson.eventFromNode(json), json));
      } catch (IllegalArgumentException e) {
        if (!complete) {
          warnings.accept("warning: " + file + ", line " + number + " is incomplete (the previous run was killed "
              + "while writing it) and is dropped: " + ObjectiveOutput.quote(text));
          return new Contents(lines, start, false);
        }
        throw new DataFormatException(file, "line", number, null, "malformed event: " + e.getMessage(), e);
      }
      if (!complete) return new Contents(lines, data.length, true);
      start = nl + 1;
    }
    return new Contents(lines, data.length, false);
  }

  private static int indexOf(byte[] data, byte b, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == b) return i;
    }
    return -1;
  }

  /**
   * Opens a log for appending after {@code contents} were read from it: cuts off a dropped partial line and
   * completes a last line that lacks its newline.
   */
  static EventLogFile openForAppend(Path file, Contents contents) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      if (ch.size() > contents.validLength()) ch.truncate(contents.validLength());
      ch.position(contents.validLength());
      EventLogFile log = new EventLogFile(file, ch);
      if (contents.needsNewline()) log.write("\n".getBytes(StandardCharsets.UTF_8));
      else ch.force(true);
      return log;
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Appends one line and forces it to disk; {@link UncheckedIOException} on failure. */
  void append(JsonNode json) {
    try {
      write((EventJson.toLine(json) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    while (buf.hasRemaining()) channel.write(buf);
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
