package org.nasbowl.experiments.external;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.bo.OptimizerLog;
import org.nasbowl.experiments.data.CsvTable;

/**
 * A {@code nasbowl search --objective-cmd} run directory read back: its configuration and, from events.jsonl,
 * every finished evaluation with its wall-clock end (the {@code t} of its tell; older runs have none) and
 * duration, and the warm-start observations. A directory whose events.jsonl is missing is read from results.csv.
 */
public final class RunDirectory {
  private RunDirectory() {}

  /**
   * One finished evaluation; {@code endEpochMs} is NaN when the log has no time stamps; {@code replicate} is 0 for
   * an architecture's first evaluation.
   */
  public record Evaluated(int id, String architecture, Observation observation, double seconds, double endEpochMs,
      int replicate) {}

  /**
   * The run: its configuration, its evaluations in tell order, the warm start, and the epoch milliseconds of its
   * first logged line (NaN when unknown).
   */
  public record Contents(String space, String method, long seed, String command, int budget, int parallel,
      List<Evaluated> evaluations, List<WarmStart.Entry> warm, double startEpochMs) {}

  /** Whether {@code dir} looks like a run directory (it has config.json). */
  public static boolean is(Path dir) {
    return Files.isRegularFile(dir.resolve(ExternalObjectiveDriver.CONFIG));
  }

  public static Contents read(Path dir) throws IOException {
    RunConfig c = RunConfig.read(dir.resolve(ExternalObjectiveDriver.CONFIG));
    Path events = dir.resolve(ExternalObjectiveDriver.EVENTS);
    List<Evaluated> out = new ArrayList<>();
    List<WarmStart.Entry> warm = new ArrayList<>();
    double start = Double.NaN;
    if (Files.exists(events)) {
      // The id of an architecture's latest proposal (ids count proposals; a replicate is a new one).
      Map<String, Integer> ids = new HashMap<>();
      Map<String, Integer> told = new HashMap<>();
      int proposed = 0;
      for (EventLogFile.Line line : EventLogFile.read(events, w -> { }).lines()) {
        JsonNode t = line.json().get("t");
        double at = t != null && t.isNumber() ? t.doubleValue() : Double.NaN;
        if (Double.isNaN(start)) start = at;
        if (line.event() instanceof OptimizerLog.Ask ask) {
          for (String p : ask.proposals()) ids.put(p, ++proposed);
        } else if (line.event() instanceof OptimizerLog.Tell tell) {
          JsonNode secs = line.json().get("seconds");
          JsonNode id = line.json().get("eval_id");
          int replicate = told.merge(tell.architecture(), 1, Integer::sum) - 1;
          out.add(new Evaluated(id != null && id.canConvertToInt() ? id.intValue() : ids.getOrDefault(tell.architecture(), 0),
              tell.architecture(), tell.observation(), secs != null && secs.isNumber() ? secs.doubleValue() : Double.NaN,
              at, replicate));
        } else if (line.event() instanceof OptimizerLog.Warm w) {
          warm.add(new WarmStart.Entry(w.architecture(), w.observation(), line.number()));
        }
      }
    } else if (Files.exists(dir.resolve(ExternalObjectiveDriver.RESULTS))) {
      CsvTable.read(dir.resolve(ExternalObjectiveDriver.RESULTS), List.of("id", "architecture", "status", "valid_acc"),
          r -> {
            Observation o = r.raw("status").equals("ok")
                ? (r.has("test_acc") && !r.raw("test_acc").isBlank() ? Observation.of(r.number("valid_acc"), r.number("test_acc"))
                    : Observation.of(r.number("valid_acc")))
                : Observation.failed(r.has("reason") ? r.raw("reason") : "failed");
            out.add(new Evaluated((int) r.integer("id"), r.text("architecture"), o,
                r.has("seconds") && !r.raw("seconds").isBlank() ? r.number("seconds") : Double.NaN, Double.NaN,
                r.has("replicate") && !r.raw("replicate").isBlank() ? (int) r.integer("replicate") : 0));
          });
    }
    return new Contents(c.space(), c.method(), c.seed(), c.command(), c.budget(), c.parallel(), out, warm, start);
  }
}
