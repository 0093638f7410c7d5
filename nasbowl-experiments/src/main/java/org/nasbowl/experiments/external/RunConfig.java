package org.nasbowl.experiments.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * {@code config.json}: what a run directory's events mean. Written when a run starts; a resumed run must
 * present exactly the same configuration.
 * <pre>
 * {"format":1,"space":"nb201","method":"bowl","seed":0,"command":"python train.py --arch {arch}",
 *  "budget":100,"parallel":4,"timeout_seconds":3600.0}
 * </pre>
 * {@code timeout_seconds} is null when evaluations have no timeout. A resumed run may extend the budget and
 * change the parallelism and the timeout; it may change the command only when asked to
 * ({@code --allow-command-change}); the space, method and seed define the run and never change.
 */
record RunConfig(String space, String method, long seed, String command, int budget, int parallel,
    Double timeoutSeconds) {
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  ObjectNode toJson() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("format", FORMAT);
    n.put("space", space);
    n.put("method", method);
    n.put("seed", seed);
    n.put("command", command);
    n.put("budget", budget);
    n.put("parallel", parallel);
    if (timeoutSeconds == null) n.putNull("timeout_seconds");
    else n.put("timeout_seconds", timeoutSeconds.doubleValue());
    return n;
  }

  void write(Path file) throws IOException {
    String text = JSON.writeValueAsString(toJson()) + "\n";
    AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  static RunConfig read(Path file) throws IOException {
    JsonNode n;
    try {
      n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new DataFormatException(file, "line", 0, null, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (n == null || !n.isObject()) throw new DataFormatException(file, "line", 0, null, "not a JSON object");
    JsonNode format = n.get("format");
    if (format == null || !format.isInt() || format.intValue() != FORMAT) {
      throw new DataFormatException(file, "line", 0, "format", "expected " + FORMAT + ", found " + format
          + " (written by another version of nasbowl)");
    }
    JsonNode timeout = require(file, n, "timeout_seconds");
    if (!timeout.isNull() && !timeout.isNumber()) {
      throw new DataFormatException(file, "line", 0, "timeout_seconds", "expected a number or null, found "
          + timeout);
    }
    return new RunConfig(text(file, n, "space"), text(file, n, "method"), integral(file, n, "seed"),
        text(file, n, "command"), (int) integral(file, n, "budget"), (int) integral(file, n, "parallel"),
        timeout.isNull() ? null : timeout.doubleValue());
  }

  /**
   * Writes the configuration into a new run directory, or checks it against the one already there and returns
   * what a resumed run changes (field to old and new value, in field order; empty when nothing changes). The
   * caller writes the new configuration once the change is known to be acceptable ({@link #write}).
   *
   * @throws IllegalStateException naming the first field that may not change
   */
  java.util.Map<String, Object[]> writeOrReconcile(Path file, boolean allowCommandChange) throws IOException {
    java.util.Map<String, Object[]> changes = new java.util.LinkedHashMap<>();
    if (!Files.exists(file)) {
      write(file);
      return changes;
    }
    RunConfig old = read(file);
    String[] fields = {"space", "method", "seed", "command", "budget", "parallel", "timeout_seconds"};
    Object[] was = {old.space, old.method, old.seed, old.command, old.budget, old.parallel, old.timeoutSeconds};
    Object[] now = {space, method, seed, command, budget, parallel, timeoutSeconds};
    for (int i = 0; i < fields.length; i++) {
      if (Objects.equals(was[i], now[i])) continue;
      boolean mayChange = i >= 4 || (i == 3 && allowCommandChange);
      if (!mayChange) {
        throw new IllegalStateException("cannot resume the run in " + file.getParent() + ": field '" + fields[i]
            + "' is " + show(was[i]) + " in " + file + " but " + show(now[i]) + " now; "
            + (i == 3 ? "add --allow-command-change to resume with the new command (the change is recorded in "
                + "events.jsonl)" : "the space, method and seed define a run; resume with the same ones or start "
                + "a new run directory"));
      }
      changes.put(fields[i], new Object[] {was[i], now[i]});
    }
    return changes;
  }

  private static String show(Object v) {
    if (v == null) return "null (no timeout)";
    return v instanceof String ? "'" + v + "'" : v.toString();
  }

  private static JsonNode require(Path file, JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null) throw new DataFormatException(file, "line", 0, field, "missing");
    return v;
  }

  private static String text(Path file, JsonNode n, String field) {
    JsonNode v = require(file, n, field);
    if (!v.isTextual()) throw new DataFormatException(file, "line", 0, field, "expected a string, found " + v);
    return v.textValue();
  }

  private static long integral(Path file, JsonNode n, String field) {
    JsonNode v = require(file, n, field);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new DataFormatException(file, "line", 0, field, "expected an integer, found " + v);
    }
    return v.longValue();
  }
}
