package org.nasbowl.experiments.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.bo.OptimizerLog;

/** Resume after SIGKILL: the driver runs in a child JVM that is killed mid-run, then resumes in-process. */
class ExternalDriverResumeTest {
  @TempDir Path tmp;

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Starts the driver in a child JVM, waits for {@code tells} tells in its log and kills it (SIGKILL). */
  private List<ProcessHandle> runAndKill(ExternalObjectiveDriver.Settings s, int tells) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        DriverProcessMain.class.getName(), s.runDirectory().toString(), s.workingDirectory().toString(),
        s.command(), Integer.toString(s.parallel()), Integer.toString(s.budget()), Long.toString(s.seed()),
        Long.toString(s.timeout().toMillis()))
        .redirectOutput(tmp.resolve("child.out").toFile())
        .redirectError(tmp.resolve("child.err").toFile())
        .start();
    Path events = s.runDirectory().resolve(ExternalObjectiveDriver.EVENTS);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try {
      while (countTells(events) < tells) {
        if (!child.isAlive()) {
          throw new AssertionError("the driver process exited early with " + child.exitValue() + ": "
              + Files.readString(tmp.resolve("child.err")));
        }
        if (System.nanoTime() > deadline) throw new AssertionError("the driver process made no progress");
        Thread.sleep(10);
      }
      return child.descendants().toList();
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
  }

  private static long countTells(Path events) throws IOException {
    if (!Files.exists(events)) return 0;
    return Files.readAllLines(events).stream().filter(l -> l.contains("\"type\":\"tell\"") && l.endsWith("}"))
        .count();
  }

  /** Architectures asked but not told in a log: the evaluations in flight when the driver died. */
  private static Set<String> inFlight(Path runDir) throws IOException {
    Set<String> pending = new HashSet<>();
    for (EventLogFile.Line l : EventLogFile.read(runDir.resolve(ExternalObjectiveDriver.EVENTS), w -> { })
        .lines()) {
      if (l.event() instanceof OptimizerLog.Ask a) pending.addAll(a.proposals());
      if (l.event() instanceof OptimizerLog.Tell t) pending.remove(t.architecture());
    }
    return pending;
  }

  private static List<OptimizerLog.Event> events(Path runDir) throws IOException {
    return EventLogFile.read(runDir.resolve(ExternalObjectiveDriver.EVENTS), w -> { }).lines().stream()
        .map(EventLogFile.Line::event).toList();
  }

  @Test
  void resumeAfterKillMatchesAnUninterruptedRunAndEvaluatesNothingTwice() throws Exception {
    int budget = 10;
    Path marksRef = tmp.resolve("marks-ref");
    Path marks = tmp.resolve("marks");
    RunSummary reference = TestObjectives.run(TestObjectives.settings(
        TestObjectives.objectiveCommand(tmp, marksRef, "0"), 1, budget, TIMEOUT, tmp.resolve("ref"), tmp),
        new ArrayList<>());

    Path runDir = tmp.resolve("run");
    ExternalObjectiveDriver.Settings s = TestObjectives.settings(
        TestObjectives.objectiveCommand(tmp, marks, "0.2"), 1, budget, TIMEOUT, runDir, tmp);
    List<ProcessHandle> orphans = runAndKill(s, 4);
    Set<String> interrupted = inFlight(runDir);
    int toldBeforeKill = (int) events(runDir).stream().filter(e -> e instanceof OptimizerLog.Tell).count();
    assertTrue(toldBeforeKill >= 4 && toldBeforeKill < budget, "told before the kill: " + toldBeforeKill);

    List<String> progress = new ArrayList<>();
    RunSummary resumed = TestObjectives.run(s, progress);
    TestObjectives.awaitGone(orphans, Duration.ofSeconds(10));

    assertEquals(toldBeforeKill, resumed.resumed());
    assertEquals(interrupted.size(), resumed.rerun());
    assertTrue(progress.get(0).startsWith("resuming the run in "), progress.get(0));
    assertEquals(budget, resumed.evaluations());
    // Same proposals, same batches, same observations, in the same order as without the kill.
    assertEquals(events(tmp.resolve("ref")), events(runDir));
    assertEquals(reference.results().stream().map(r -> List.of(r.id(), r.architecture(), r.observation()))
        .toList(), resumed.results().stream().map(r -> List.of(r.id(), r.architecture(), r.observation()))
        .toList());
    checkRunOnce(runDir, marks, interrupted, budget);
  }

  @Test
  void resumeAfterKillWithParallelEvaluationsFinishesTheBudgetExactly() throws Exception {
    int budget = 12;
    Path marks = tmp.resolve("marks");
    Path runDir = tmp.resolve("run");
    ExternalObjectiveDriver.Settings s = TestObjectives.settings(
        TestObjectives.objectiveCommand(tmp, marks, "0.3"), 3, budget, TIMEOUT, runDir, tmp);
    List<ProcessHandle> orphans = runAndKill(s, 4);
    Set<String> interrupted = inFlight(runDir);
    assertTrue(!interrupted.isEmpty() && interrupted.size() <= 3, interrupted.toString());

    RunSummary resumed = TestObjectives.run(s, new ArrayList<>());
    TestObjectives.awaitGone(orphans, Duration.ofSeconds(10));
    assertEquals(budget, resumed.evaluations());
    assertEquals(interrupted.size(), resumed.rerun());
    checkRunOnce(runDir, marks, interrupted, budget);
  }

  /**
   * results.csv has the budget's evaluations, each architecture once with ids 1..budget, and the objective
   * ran once per architecture, except those in flight at the kill, which ran at most twice.
   */
  private static void checkRunOnce(Path runDir, Path marks, Set<String> interrupted, int budget)
      throws IOException {
    List<CSVRecord> rows = TestObjectives.readCsv(runDir.resolve(ExternalObjectiveDriver.RESULTS));
    assertEquals(budget, rows.size());
    Set<String> archs = new HashSet<>();
    Set<Integer> ids = new HashSet<>();
    for (CSVRecord r : rows) {
      archs.add(r.get("architecture"));
      ids.add(Integer.parseInt(r.get("id")));
      assertEquals("ok", r.get("status"), r.toString());
    }
    assertEquals(budget, archs.size());
    for (int i = 1; i <= budget; i++) assertTrue(ids.contains(i), "id " + i);
    Map<String, Integer> inv = TestObjectives.invocations(marks);
    assertEquals(archs, inv.keySet());
    for (Map.Entry<String, Integer> e : inv.entrySet()) {
      int max = interrupted.contains(e.getKey()) ? 2 : 1;
      assertTrue(e.getValue() >= 1 && e.getValue() <= max, e.getKey() + " ran " + e.getValue() + " times");
    }
  }
}
