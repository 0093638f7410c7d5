package org.nasbowl.experiments.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.bo.Observation;

class FailureStreakTest {
  @TempDir Path tmp;

  @Test
  void onlyFailuresInARowCount() {
    FailureStreak s = new FailureStreak(3);
    Observation ok = Observation.of(0.5);
    Observation bad = Observation.failed("exit code 1");
    for (Observation o : List.of(bad, bad, ok, bad, bad, ok, bad, bad)) s.record(o, "x");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.record(bad, "evals/9.err"));
    assertTrue(e.getMessage().contains("the last 3 evaluations failed, the last with 'exit code 1' (its output: "
        + "evals/9.err)"), e.getMessage());
    FailureStreak never = new FailureStreak(0);
    for (int i = 0; i < 100; i++) never.record(bad, "x");
    assertThrows(IllegalArgumentException.class, () -> new FailureStreak(-1));
  }

  @Test
  void aBrokenCommandStopsTheRunAfterTheLimitAndTheRunResumes() throws Exception {
    Path runDir = tmp.resolve("run");
    ExternalObjectiveDriver.Settings s = new ExternalObjectiveDriver.Settings("random", 7, "exit 3", 1, 40, null,
        runDir, tmp, 4);
    List<String> progress = new ArrayList<>();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestObjectives.run(s, progress));
    assertTrue(e.getMessage().contains("the last 4 evaluations failed, the last with 'exit code 3"), e.getMessage());
    assertTrue(e.getMessage().contains(runDir.resolve("evals").resolve("4.err").toString()), e.getMessage());
    // Four results kept, not forty: the budget is not spent on a command that cannot work.
    assertEquals(4, TestObjectives.readCsv(runDir.resolve(ExternalObjectiveDriver.RESULTS)).size());
    // The same command again resumes with a fresh allowance and keeps the first four.
    assertThrows(IllegalStateException.class, () -> TestObjectives.run(s, progress));
    assertEquals(8, TestObjectives.readCsv(runDir.resolve(ExternalObjectiveDriver.RESULTS)).size());
    assertTrue(Files.exists(runDir.resolve(ExternalObjectiveDriver.EVENTS)));
  }
}
