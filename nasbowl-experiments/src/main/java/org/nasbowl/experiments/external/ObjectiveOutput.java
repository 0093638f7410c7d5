package org.nasbowl.experiments.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.nasbowl.core.bo.Observation;

/**
 * Turns what an objective command did into an {@link Observation}. The last non-empty line of its stdout is
 * the result: either a plain number, the validation accuracy in [0, 1], or a JSON object
 * {@code {"valid_acc": 0.91, "test_acc": 0.90, "cost": 3600}} ({@code test_acc} in [0, 1] and a non-negative
 * {@code cost} are optional). A timeout, a non-zero exit code, no output, anything else on the last line or a
 * value outside [0, 1] (percentages are rejected, not guessed) is a failure whose reason says which, followed
 * by the last lines of stderr.
 */
public final class ObjectiveOutput {
  private ObjectiveOutput() {}

  /** Bytes read from the end of stdout/stderr: a training log can be long; only its end matters. */
  static final int TAIL_BYTES = 64 * 1024;
  /** Lines of stderr quoted in a failure reason, and the longest quoted line. */
  static final int STDERR_LINES = 5;
  static final int MAX_QUOTED = 300;

  /** What the command must print, for failure messages. */
  static final String EXPECTED = "expected the validation accuracy in [0, 1] as the last non-empty line of "
      + "stdout: a number such as 0.9123 or a JSON object such as {\"valid_acc\": 0.9123, \"test_acc\": 0.91, "
      + "\"cost\": 3600}";

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * The observation for a finished (or killed) command.
   *
   * @param exitCode the exit code, or null if the command timed out and was killed
   * @param timeout the timeout that expired (only used for the message)
   */
  public static Observation interpret(Integer exitCode, Duration timeout, Path stdout, Path stderr)
      throws IOException {
    Observation obs;
    if (exitCode == null) {
      obs = Observation.failed("timed out after " + seconds(timeout) + "; the command and its child processes "
          + "were killed");
    } else if (exitCode != 0) {
      obs = Observation.failed("exit code " + exitCode + (exitCode > 128 && exitCode < 160
          ? " (killed by signal " + (exitCode - 128) + ")" : ""));
    } else {
      obs = parse(lastNonEmptyLine(tailLines(stdout)));
    }
    if (obs.ok()) return obs;
    List<String> err = tailLines(stderr);
    List<String> nonEmpty = err.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (nonEmpty.isEmpty()) return obs;
    List<String> last = nonEmpty.subList(Math.max(0, nonEmpty.size() - STDERR_LINES), nonEmpty.size());
    List<String> quoted = new ArrayList<>();
    for (String l : last) quoted.add(clip(l));
    return Observation.failed(obs.failure() + "; stderr ends: " + String.join(" \\n ", quoted));
  }

  /**
   * The observation for the last non-empty line of stdout (null: there was none).
   */
  public static Observation parse(String line) {
    if (line == null) return Observation.failed("no output on stdout; " + EXPECTED);
    String s = line.strip();
    if (NUMBER.matcher(s).matches()) {
      double v = Double.parseDouble(s);
      String bad = checkAccuracy("accuracy", v);
      return bad != null ? Observation.failed(bad) : Observation.of(v);
    }
    if (s.startsWith("{")) return parseJson(s);
    return Observation.failed("the last line of stdout is neither a number nor a JSON object: "
        + quote(s) + "; " + EXPECTED);
  }

  private static Observation parseJson(String s) {
    JsonNode node;
    try {
      node = JSON.readTree(s);
    } catch (JsonProcessingException e) {
      String hint = s.contains("'") ? " (Python's print(dict) writes single quotes: print json.dumps(...) "
          + "instead)" : "";
      return Observation.failed("the last line of stdout is not valid JSON" + hint + ": " + quote(s) + ": "
          + e.getOriginalMessage());
    }
    if (!node.isObject()) {
      return Observation.failed("the last line of stdout is not a JSON object: " + quote(s) + "; " + EXPECTED);
    }
    JsonNode valid = node.get("valid_acc");
    if (valid == null || valid.isNull()) {
      return Observation.failed("the JSON object on the last line of stdout has no valid_acc: " + quote(s) + "; "
          + EXPECTED);
    }
    if (!valid.isNumber()) {
      return Observation.failed("valid_acc must be a JSON number, not " + valid + ", in " + quote(s));
    }
    double v = valid.doubleValue();
    String bad = checkAccuracy("valid_acc", v);
    if (bad != null) return Observation.failed(bad);
    OptionalDouble test = OptionalDouble.empty();
    JsonNode t = node.get("test_acc");
    if (t != null && !t.isNull()) {
      if (!t.isNumber()) return Observation.failed("test_acc must be a JSON number, not " + t + ", in " + quote(s));
      String badTest = checkAccuracy("test_acc", t.doubleValue());
      if (badTest != null) return Observation.failed(badTest);
      test = OptionalDouble.of(t.doubleValue());
    }
    OptionalDouble cost = OptionalDouble.empty();
    JsonNode c = node.get("cost");
    if (c != null && !c.isNull()) {
      if (!c.isNumber()) return Observation.failed("cost must be a JSON number, not " + c + ", in " + quote(s));
      double cv = c.doubleValue();
      if (!Double.isFinite(cv) || cv < 0) {
        return Observation.failed("cost " + c + " must be a finite non-negative number");
      }
      cost = OptionalDouble.of(cv);
    }
    return new Observation(OptionalDouble.of(v), test, cost, null);
  }

  /** Null if {@code v} is an accuracy in [0, 1], else the reason. */
  private static String checkAccuracy(String what, double v) {
    if (!Double.isFinite(v)) return what + " " + v + " is not a finite number";
    if (v >= 0 && v <= 1) return null;
    String msg = what + " " + fmt(v) + " is outside [0, 1]; report accuracy as a fraction";
    if (v > 1 && v <= 100) {
      msg += " (if " + fmt(v) + " is a percentage, print " + fmt(v / 100) + ")";
    }
    return msg;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static String seconds(Duration d) {
    if (d == null) return "the timeout";
    double s = d.toMillis() / 1000.0;
    return (s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%.3f", s)) + " s";
  }

  /** The last line that is not blank, stripped; null if none. */
  static String lastNonEmptyLine(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      String l = lines.get(i).strip();
      if (!l.isEmpty()) return l;
    }
    return null;
  }

  /**
   * The lines of the last {@link #TAIL_BYTES} bytes of a file (a missing file has none); the first line is
   * dropped when the tail starts mid-line.
   */
  static List<String> tailLines(Path file) throws IOException {
    Tail t = readTail(file, TAIL_BYTES);
    if (t == null) return List.of();
    List<String> lines = new ArrayList<>(List.of(t.text().split("\r?\n|\r", -1)));
    if (t.partial() && !lines.isEmpty()) lines.remove(0);
    return lines;
  }

  /** The last {@code bytes} bytes of a file as UTF-8 text; empty for a missing file. */
  public static String tail(Path file, int bytes) throws IOException {
    Tail t = readTail(file, bytes);
    return t == null ? "" : t.text();
  }

  /** A file's tail and whether it starts after the beginning of the file. */
  private record Tail(String text, boolean partial) {}

  /** The tail, or null for a missing file. */
  private static Tail readTail(Path file, int bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long start = Math.max(0, size - bytes);
      ByteBuffer buf = ByteBuffer.allocate((int) (size - start));
      ch.position(start);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // keep reading
      }
      return new Tail(new String(buf.array(), StandardCharsets.UTF_8), start > 0);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** A line quoted for a message: at most {@link #MAX_QUOTED} characters, control characters escaped. */
  static String quote(String s) {
    return "'" + clip(s) + "'";
  }

  static String clip(String s) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (; i < s.length() && sb.length() < MAX_QUOTED; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f) sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
      else sb.append(c);
    }
    if (i < s.length()) sb.append("...");
    return sb.toString();
  }
}
