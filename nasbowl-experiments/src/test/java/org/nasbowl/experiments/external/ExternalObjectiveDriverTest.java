package org.nasbowl.experiments.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.bo.OptimizerLog;
import org.nasbowl.experiments.data.DataFormatException;

class ExternalObjectiveDriverTest {
  @TempDir Path tmp;

  @Test
  void keepsUpToParallelEvaluationsRunningAndRefillsFreedSlotsAtOnce() throws Exception {
    Path marks = tmp.resolve("marks");
    String cmd = TestObjectives.objectiveCommand(tmp, marks, "0.6");
    Path runDir = tmp.resolve("run");
    List<String> progress = new ArrayList<>();
    long t0 = System.nanoTime();
    RunSummary s = TestObjectives.run(
        TestObjectives.settings(cmd, 3, 9, Duration.ofSeconds(30), runDir, tmp), progress);
    double wall = (System.nanoTime() - t0) / 1e9;

    assertEquals(9, s.evaluations());
    assertEquals(9, s.succeeded(), () -> s.results().toString());
    assertEquals(0, s.resumed());

    // Concurrency from the intervals the objective recorded: never more than 3, and 3 at some point.
    List<long[]> intervals = new ArrayList<>();
    for (String l : Files.readAllLines(marks.resolve("intervals"))) {
      String[] f = l.trim().split(" ");
      intervals.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
    }
    assertEquals(9, intervals.size());
    List<long[]> edges = new ArrayList<>();
    double serial = 0;
    for (long[] iv : intervals) {
      edges.add(new long[] {iv[0], +1});
      edges.add(new long[] {iv[1], -1});
      serial += (iv[1] - iv[0]) / 1e9;
    }
    edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
    int now = 0;
    int max = 0;
    for (long[] e : edges) {
      now += (int) e[1];
      max = Math.max(max, now);
    }
    assertEquals(3, max, "maximum number of objectives running at once");
    assertTrue(wall < 0.6 * serial, "wall time " + wall + " s vs serial " + serial + " s");

    // The event log: one initial batch of 3, then every tell is followed by a single ask until 9 are proposed.
    var contents = EventLogFile.read(runDir.resolve(ExternalObjectiveDriver.EVENTS), w -> { });
    List<OptimizerLog.Event> events = contents.lines().stream().map(EventLogFile.Line::event).toList();
    StringBuilder shape = new StringBuilder();
    for (OptimizerLog.Event e : events) {
      shape.append(e instanceof OptimizerLog.Ask a ? "A" + a.batchSize() : "T");
    }
    assertEquals("A3" + "TA1".repeat(6) + "TTT", shape.toString());

    // results.csv and summary.json agree with the returned summary.
    List<CSVRecord> rows = TestObjectives.readCsv(runDir.resolve(ExternalObjectiveDriver.RESULTS));
    assertEquals(9, rows.size());
    assertEquals(9, rows.stream().map(r -> r.get("architecture")).distinct().count());
    for (CSVRecord r : rows) {
      assertEquals("ok", r.get("status"));
      double acc = Double.parseDouble(r.get("valid_acc"));
      assertTrue(acc >= 0 && acc < 1);
      String out = Files.readString(runDir.resolve("evals/" + r.get("id") + ".out"));
      assertTrue(out.contains(String.format("0.%03d", Math.round(acc * 1000))), out);
      assertTrue(Files.readString(runDir.resolve("evals/" + r.get("id") + ".err")).contains("some warning"));
      assertTrue(Double.parseDouble(r.get("seconds")) >= 0.5);
      assertEquals("", r.get("reason"));
    }
    JsonNode summary = new ObjectMapper().readTree(runDir.resolve(ExternalObjectiveDriver.SUMMARY).toFile());
    assertEquals(9, summary.get("evaluations").intValue());
    assertEquals(0, summary.get("failed").intValue());
    double best = rows.stream().mapToDouble(r -> Double.parseDouble(r.get("valid_acc"))).max().orElseThrow();
    assertEquals(best, summary.get("best").get("valid_acc").doubleValue());
    assertEquals(s.best().orElseThrow().architecture(), summary.get("best").get("architecture").textValue());
    JsonNode config = new ObjectMapper().readTree(runDir.resolve(ExternalObjectiveDriver.CONFIG).toFile());
    assertEquals("nb201", config.get("space").textValue());
    assertEquals(cmd, config.get("command").textValue());
    assertEquals(30.0, config.get("timeout_seconds").doubleValue());
    assertTrue(progress.get(progress.size() - 1).startsWith("done: 9 evaluations"));
  }

  /** Fails by evaluation id; otherwise prints a deterministic accuracy. Args: marks directory. */
  private static final String FAILING = String.join("\n",
      "marks=\"$1\"",
      "printf '%s\\n' \"$NASBOWL_ARCH\" >> \"$marks/invocations\"",
      "h=$(printf %s \"$NASBOWL_ARCH\" | cksum | cut -d' ' -f1)",
      "case \"$NASBOWL_EVAL_ID\" in",
      "  2) echo 'starting'; echo 'Traceback: boom' >&2; exit 1 ;;",
      "  3) echo 'loss=nan' ;;",
      "  4) echo 87.5 ;;",
      "  5) echo $$ > \"$marks/shpid\"; sleep 30 & echo $! > \"$marks/bgpid\"; wait ;;",
      "  6) echo '{\"valid_acc\": 0.8, \"test_acc\": 0.75, \"cost\": 12.5}' ;;",
      "  7) echo 'only stderr' >&2 ;;",
      "  8) echo \"{'valid_acc': 0.5}\" ;;",
      "  9) echo 0.5; exit 2 ;;",
      "  *) sleep 0.05; printf '0.%03d\\n' $((h % 1000)) ;;",
      "esac",
      "");

  @Test
  void recordsFailuresWithReasonsKillsTimedOutTreesAndContinuesToTheBudget() throws Exception {
    Path marks = Files.createDirectories(tmp.resolve("marks"));
    Files.writeString(tmp.resolve("fail.sh"), FAILING);
    String cmd = "sh fail.sh '" + marks + "' # {arch}";
    Path runDir = tmp.resolve("run");
    List<String> progress = new ArrayList<>();
    RunSummary s = TestObjectives.run(
        TestObjectives.settings(cmd, 2, 12, Duration.ofMillis(1500), runDir, tmp), progress);

    assertEquals(12, s.evaluations());
    Map<Integer, EvaluationRecord> byId = s.results().stream()
        .collect(Collectors.toMap(EvaluationRecord::id, r -> r));
    assertEquals(12, byId.size());
    String r2 = byId.get(2).observation().failure();
    assertTrue(r2.startsWith("exit code 1") && r2.contains("Traceback: boom"), r2);
    String r3 = byId.get(3).observation().failure();
    assertTrue(r3.contains("neither a number nor a JSON object") && r3.contains("'loss=nan'"), r3);
    String r4 = byId.get(4).observation().failure();
    assertTrue(r4.contains("87.5 is outside [0, 1]") && r4.contains("0.875"), r4);
    String r5 = byId.get(5).observation().failure();
    assertTrue(r5.startsWith("timed out after 1.500 s"), r5);
    assertTrue(byId.get(5).seconds() >= 1.4 && byId.get(5).seconds() < 10, "" + byId.get(5).seconds());
    long sh = Long.parseLong(Files.readString(marks.resolve("shpid")).trim());
    long bg = Long.parseLong(Files.readString(marks.resolve("bgpid")).trim());
    assertFalse(TestObjectives.running(sh), "the timed-out script still runs");
    assertFalse(TestObjectives.running(bg), "the timed-out script's child still runs");
    assertEquals(0.8, byId.get(6).observation().value().getAsDouble());
    assertEquals(0.75, byId.get(6).observation().testValue().getAsDouble());
    assertEquals(12.5, byId.get(6).observation().cost().getAsDouble());
    String r7 = byId.get(7).observation().failure();
    assertTrue(r7.startsWith("no output on stdout") && r7.endsWith("stderr ends: only stderr"), r7);
    String r8 = byId.get(8).observation().failure();
    assertTrue(r8.contains("not valid JSON") && r8.contains("single quotes"), r8);
    assertTrue(byId.get(9).observation().failure().startsWith("exit code 2"));
    for (int id : new int[] {1, 10, 11, 12}) assertTrue(byId.get(id).ok(), byId.get(id).toString());
    assertEquals(5, s.succeeded());
    assertEquals(7, s.failed());
    Map<String, Integer> inv = TestObjectives.invocations(marks);
    assertEquals(12, inv.size());
    assertTrue(inv.values().stream().allMatch(c -> c == 1));

    List<CSVRecord> rows = TestObjectives.readCsv(runDir.resolve(ExternalObjectiveDriver.RESULTS));
    assertEquals(12, rows.size());
    CSVRecord row2 = rows.stream().filter(r -> r.get("id").equals("2")).findFirst().orElseThrow();
    assertEquals("failed", row2.get("status"));
    assertEquals("", row2.get("valid_acc"));
    assertEquals(r2, row2.get("reason"));
    CSVRecord row6 = rows.stream().filter(r -> r.get("id").equals("6")).findFirst().orElseThrow();
    assertEquals(List.of("ok", "0.8", "0.75", "12.5"),
        List.of(row6.get("status"), row6.get("valid_acc"), row6.get("test_acc"), row6.get("cost")));
    assertTrue(progress.stream().anyMatch(l -> l.startsWith("[5/12] FAILED")), progress.toString());
  }

  @Test
  void resumingRequiresTheSameConfigurationAndNamesTheDifferingField() throws Exception {
    Path marks = tmp.resolve("marks");
    String cmd = TestObjectives.objectiveCommand(tmp, marks, "0");
    Path runDir = tmp.resolve("run");
    RunSummary first = TestObjectives.run(
        TestObjectives.settings(cmd, 1, 3, Duration.ofSeconds(30), runDir, tmp), new ArrayList<>());
    assertEquals(3, first.evaluations());

    // The command needs permission to change; the seed never changes.
    IllegalStateException command = assertThrows(IllegalStateException.class, () -> TestObjectives.run(
        TestObjectives.settings(cmd + " --x", 1, 3, Duration.ofSeconds(30), runDir, tmp), new ArrayList<>()));
    assertTrue(command.getMessage().contains("field 'command'") && command.getMessage().contains("--allow-command-change"),
        command.getMessage());
    IllegalStateException seed = assertThrows(IllegalStateException.class, () -> new ExternalObjectiveDriver<>(
        TestObjectives.SPACE, TestObjectives.RANDOM, new ExternalObjectiveDriver.Settings("random", 8, cmd, 1, 3,
            Duration.ofSeconds(30), runDir, tmp), l -> { }).run());
    assertTrue(seed.getMessage().contains("field 'seed' is 7"), seed.getMessage());

    // Resuming a finished run evaluates nothing and reports the same results.
    List<String> progress = new ArrayList<>();
    RunSummary again = TestObjectives.run(
        TestObjectives.settings(cmd, 1, 3, Duration.ofSeconds(30), runDir, tmp), progress);
    assertEquals(first.results(), again.results());
    assertEquals(3, again.resumed());
    assertEquals(3, TestObjectives.invocations(marks).values().stream().mapToInt(Integer::intValue).sum());

    // A larger budget with another timeout extends it by exactly the difference; both changes are recorded.
    progress.clear();
    RunSummary extended = TestObjectives.run(TestObjectives.settings(cmd, 1, 4, null, runDir, tmp), progress);
    assertEquals(4, extended.evaluations());
    assertEquals(first.results(), extended.results().subList(0, 3));
    assertEquals(4, TestObjectives.invocations(marks).values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(progress.stream().anyMatch(l -> l.startsWith("changed: budget 3 -> 4, timeout_seconds 30.0 -> null")),
        progress.toString());
    String log = Files.readString(runDir.resolve(ExternalObjectiveDriver.EVENTS));
    assertTrue(log.contains("{\"type\":\"config\",\"changes\":{\"budget\":[3,4],\"timeout_seconds\":[30.0,null]}"), log);
    // A budget below what was started is refused.
    IllegalArgumentException smaller = assertThrows(IllegalArgumentException.class, () -> TestObjectives.run(
        TestObjectives.settings(cmd, 1, 2, null, runDir, tmp), new ArrayList<>()));
    assertTrue(smaller.getMessage().contains("--budget 2 is smaller than the 4 evaluations"), smaller.getMessage());
  }

  /**
   * A warm start from another run's results.csv: the optimiser is told those observations before its first ask,
   * never proposes them, and the run evaluates only new architectures; it resumes with them in its log.
   */
  @Test
  void aWarmStartIsModelledAndNeverEvaluatedAgain() throws Exception {
    Path marks = tmp.resolve("marks");
    String cmd = TestObjectives.objectiveCommand(tmp, marks, "0");
    RunSummary earlier = TestObjectives.run(TestObjectives.settings(cmd, 1, 6, null, tmp.resolve("earlier"), tmp),
        new ArrayList<>());
    Path warmFile = tmp.resolve("earlier").resolve(ExternalObjectiveDriver.RESULTS);
    java.util.Set<String> warm = new java.util.HashSet<>(earlier.results().stream().map(EvaluationRecord::architecture).toList());
    Path runDir = tmp.resolve("warm");
    ExternalObjectiveDriver.Settings s = new ExternalObjectiveDriver.Settings("random", 7, cmd, 1, 8, null, runDir, tmp,
        10, warmFile, false);
    List<String> progress = new ArrayList<>();
    RunSummary run = TestObjectives.run(s, progress);
    assertEquals(8, run.evaluations());
    // The same seed: without the warm start it would propose the earlier run's architectures first.
    for (EvaluationRecord r : run.results()) assertFalse(warm.contains(r.architecture()), r.architecture());
    assertTrue(progress.stream().anyMatch(l -> l.startsWith("warm start: 6 observations from")), progress.toString());
    long warmLines = Files.readAllLines(runDir.resolve(ExternalObjectiveDriver.EVENTS)).stream()
        .filter(l -> l.startsWith("{\"type\":\"warm\"")).count();
    assertEquals(6, warmLines);
    // Resumed (and extended) with the warm start in its log: still nothing of it evaluated.
    RunSummary more = TestObjectives.run(new ExternalObjectiveDriver.Settings("random", 7, cmd, 1, 10, null, runDir, tmp,
        10, warmFile, false), new ArrayList<>());
    assertEquals(10, more.evaluations());
    for (EvaluationRecord r : more.results()) assertFalse(warm.contains(r.architecture()), r.architecture());
    // A warm start for a run that started without one is refused.
    IllegalArgumentException late = assertThrows(IllegalArgumentException.class, () -> TestObjectives.run(
        new ExternalObjectiveDriver.Settings("random", 7, cmd, 1, 6, null, tmp.resolve("earlier"), tmp, 10, warmFile,
            false), new ArrayList<>()));
    assertTrue(late.getMessage().contains("--warm-start applies when a run starts"), late.getMessage());
  }

  @Test
  void dropsATruncatedLastEventAndRerunsWhatItWouldHaveTold() throws Exception {
    Path marks = tmp.resolve("marks");
    String cmd = TestObjectives.objectiveCommand(tmp, marks, "0");
    Path runDir = tmp.resolve("run");
    ExternalObjectiveDriver.Settings settings =
        TestObjectives.settings(cmd, 1, 4, Duration.ofSeconds(30), runDir, tmp);
    RunSummary full = TestObjectives.run(settings, new ArrayList<>());
    Path events = runDir.resolve(ExternalObjectiveDriver.EVENTS);
    List<String> lines = Files.readAllLines(events);
    assertTrue(lines.get(lines.size() - 1).contains("\"type\":\"tell\""));

    // Killed while writing the last tell: half of it, no newline.
    String last = lines.get(lines.size() - 1);
    String kept = String.join("\n", lines.subList(0, lines.size() - 1)) + "\n"
        + last.substring(0, last.length() / 2);
    Files.writeString(events, kept, StandardCharsets.UTF_8);
    List<String> progress = new ArrayList<>();
    RunSummary resumed = TestObjectives.run(settings, progress);
    assertTrue(progress.stream().anyMatch(l -> l.startsWith("warning: ") && l.contains("line " + lines.size())
        && l.contains("incomplete")), progress.toString());
    assertEquals(1, resumed.rerun());
    assertEquals(full.results().stream().map(EvaluationRecord::observation).toList(),
        resumed.results().stream().map(EvaluationRecord::observation).toList());
    String rerunArch = full.results().get(3).architecture();
    assertEquals(2, TestObjectives.invocations(marks).get(rerunArch));
    List<String> after = Files.readAllLines(events);
    assertEquals(lines.size(), after.size());
    for (String l : after) EventJson.parseLine(l);

    // A complete last line that only lacks its newline is kept, and the file stays one event per line.
    String text = Files.readString(events);
    Files.writeString(events, text.substring(0, text.length() - 1));
    RunSummary again = TestObjectives.run(settings, new ArrayList<>());
    assertEquals(0, again.rerun());
    assertEquals(4, again.resumed());
    assertEquals(text, Files.readString(events));
  }

  @Test
  void malformedEventsAreErrorsNamingFileAndLine() throws Exception {
    Path marks = tmp.resolve("marks");
    String cmd = TestObjectives.objectiveCommand(tmp, marks, "0");
    Path runDir = tmp.resolve("run");
    ExternalObjectiveDriver.Settings settings =
        TestObjectives.settings(cmd, 1, 3, Duration.ofSeconds(30), runDir, tmp);
    TestObjectives.run(settings, new ArrayList<>());
    Path events = runDir.resolve(ExternalObjectiveDriver.EVENTS);
    List<String> lines = new ArrayList<>(Files.readAllLines(events));

    List<String> bad = new ArrayList<>(lines);
    bad.set(1, "{\"type\":\"tell\",\"architecture\":\"x\"}");
    Files.write(events, bad);
    DataFormatException e = assertThrows(DataFormatException.class, () -> TestObjectives.run(settings,
        new ArrayList<>()));
    assertTrue(e.getMessage().startsWith(events + ", line 2: ") && e.getMessage().contains("'observation'"),
        e.getMessage());

    bad = new ArrayList<>(lines);
    bad.set(1, bad.get(1).substring(0, 20));
    Files.write(events, bad);
    e = assertThrows(DataFormatException.class, () -> TestObjectives.run(settings, new ArrayList<>()));
    assertTrue(e.getMessage().startsWith(events + ", line 2: malformed event: not valid JSON"), e.getMessage());

    bad = new ArrayList<>(lines);
    bad.add(1, bad.get(1));
    Files.write(events, bad);
    e = assertThrows(DataFormatException.class, () -> TestObjectives.run(settings, new ArrayList<>()));
    assertTrue(e.getMessage().startsWith(events + ", line 3") && e.getMessage().contains("told twice"),
        e.getMessage());

    bad = new ArrayList<>(lines);
    bad.add(1, "");
    Files.write(events, bad);
    e = assertThrows(DataFormatException.class, () -> TestObjectives.run(settings, new ArrayList<>()));
    assertTrue(e.getMessage().startsWith(events + ", line 2: empty line"), e.getMessage());

    // An ask the optimiser would not make: the log is from another seed or method.
    bad = new ArrayList<>(lines);
    String other = TestObjectives.SPACE.format(TestObjectives.SPACE.enumerate().findFirst().orElseThrow());
    OptimizerLog.Ask first = (OptimizerLog.Ask) EventJson.parseLine(lines.get(0));
    String otherArch = other.equals(first.proposals().get(0))
        ? TestObjectives.SPACE.format(TestObjectives.SPACE.enumerate().skip(1).findFirst().orElseThrow()) : other;
    bad.set(0, EventJson.toLine(new OptimizerLog.Ask(1, List.of(otherArch))));
    bad.set(1, bad.get(1).replace(first.proposals().get(0), otherArch));
    Files.write(events, bad);
    e = assertThrows(DataFormatException.class, () -> TestObjectives.run(settings, new ArrayList<>()));
    assertTrue(e.getMessage().contains("cannot be replayed with method 'random' and seed 7"), e.getMessage());

    Files.write(events, lines);
    assertEquals(3, TestObjectives.run(settings, new ArrayList<>()).evaluations());
    assertEquals(3, new HashSet<>(TestObjectives.invocations(marks).keySet()).size());
  }
}
