package org.nasbowl.experiments.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.data.CsvTable;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * Observations to start a search from ({@code nasbowl search --warm-start FILE}): architectures evaluated
 * elsewhere and their validation accuracies, which the optimiser models without evaluating them again.
 * <ul>
 *   <li>CSV with a header that has {@code architecture} and {@code valid_acc} (a run's results.csv, a study
 *       export's results.csv); an optional {@code status} column marks failures ({@code failed}), an optional
 *       {@code test_acc} is kept;
 *   <li>JSONL, one object per line with {@code architecture} or {@code arch}, and {@code valid_acc} or
 *       {@code valid} (a benchmark trace, whose header and summary lines are skipped).
 * </ul>
 * Each architecture must be one of the space (an error names the file, line and field); an architecture listed
 * twice keeps its first line.
 */
public final class WarmStart {
  private WarmStart() {}

  /** One observation and where it came from. */
  public record Entry(String architecture, Observation observation, int line) {}

  public static <A> List<Entry> read(Path file, SearchSpace<A> space) throws IOException {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("--warm-start " + file + ": no such file");
    List<Entry> raw = file.getFileName().toString().endsWith(".jsonl") ? jsonl(file) : csv(file);
    List<Entry> out = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Entry e : raw) {
      A a;
      try {
        a = space.parse(e.architecture());
      } catch (IllegalArgumentException bad) {
        throw DataFormatException.atLine(file, e.line(), "architecture", "not a " + space.name()
            + " architecture: " + bad.getMessage());
      }
      if (keys.add(space.key(a))) out.add(new Entry(space.format(a), e.observation(), e.line()));
    }
    if (out.isEmpty()) throw DataFormatException.atLine(file, 1, null, "no observations to warm-start from");
    return out;
  }

  private static List<Entry> csv(Path file) {
    List<Entry> out = new ArrayList<>();
    CsvTable.read(file, List.of("architecture", "valid_acc"), r -> {
      String status = r.has("status") ? r.raw("status").strip() : "ok";
      Observation o;
      if (status.equals("failed")) {
        o = Observation.failed(r.has("reason") && !r.raw("reason").isBlank() ? r.raw("reason") : "failed elsewhere");
      } else {
        double v = r.number("valid_acc", 0, 1);
        o = r.has("test_acc") && !r.raw("test_acc").isBlank() ? Observation.of(v, r.number("test_acc")) : Observation.of(v);
      }
      out.add(new Entry(r.text("architecture"), o, (int) r.line()));
    });
    return out;
  }

  private static List<Entry> jsonl(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Entry> out = new ArrayList<>();
    int lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) continue;
        JsonNode n;
        try {
          n = json.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw DataFormatException.atLine(file, lineNo, null, "not JSON: " + e.getOriginalMessage());
        }
        String type = n.path("type").asText("");
        if (type.equals("header") || type.equals("summary")) continue;
        JsonNode arch = n.has("architecture") ? n.get("architecture") : n.get("arch");
        if (arch == null || !arch.isTextual()) {
          throw DataFormatException.atLine(file, lineNo, "architecture", "missing (expected architecture or arch)");
        }
        JsonNode v = n.has("valid_acc") ? n.get("valid_acc") : n.get("valid");
        JsonNode failure = n.get("failure");
        Observation o;
        if (failure != null && failure.isTextual()) {
          o = Observation.failed(failure.textValue());
        } else if (v == null || !v.isNumber() || !(v.doubleValue() >= 0 && v.doubleValue() <= 1)) {
          throw DataFormatException.atLine(file, lineNo, "valid_acc", "expected a number in [0, 1], found " + v);
        } else {
          o = Observation.of(v.doubleValue());
        }
        out.add(new Entry(arch.textValue(), o, lineNo));
      }
    }
    return out;
  }
}
