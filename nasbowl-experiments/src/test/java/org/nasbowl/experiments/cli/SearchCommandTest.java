package org.nasbowl.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SearchCommandTest {
  private static String[] run(int expectedExit, String... args) {
    return Cli.run(expectedExit, args);
  }

  @Test
  void searchOnTheSyntheticBenchmarkReportsTheBestArchitecture() {
    String out = run(0, "search", "--benchmark", "synthetic", "--budget", "60", "--seed", "3")[0];
    assertTrue(out.contains("best architecture (query"), out);
    assertTrue(out.matches("(?s).*regret 0\\.\\d{4} \\(optimum 0\\.9050\\).*"), out);
    assertTrue(out.contains("60 queries in"), out);
    assertEquals(out.replaceAll("in [0-9.]+ s \\([0-9.]+ s", ""),
        run(0, "search", "--benchmark", "synthetic", "--budget", "60", "--seed", "3")[0]
            .replaceAll("in [0-9.]+ s \\([0-9.]+ s", ""), "same seed, same report");
  }

  @Test
  void acquisitionAndSelectionAreSelectable() {
    String ucb = run(0, "search", "--budget", "40", "--acquisition", "UCB", "--selection", "GREEDY")[0];
    String ts = run(0, "search", "--budget", "40", "--acquisition", "TS")[0];
    assertTrue(ucb.contains("best architecture") && ts.contains("best architecture"));
    assertTrue(!ucb.replaceAll("in [0-9.]+ s.*", "").equals(ts.replaceAll("in [0-9.]+ s.*", "")),
        "different acquisitions search differently");
    run(2, "search", "--acquisition", "XYZ");
  }

  @Test
  void unknownMethodOrBenchmarkIsAUsageError() {
    assertTrue(run(2, "search", "--method", "magic")[1].contains("unknown method 'magic'"));
    assertTrue(run(2, "search", "--benchmark", "nb999")[1].contains("unknown benchmark 'nb999'"));
  }
}
