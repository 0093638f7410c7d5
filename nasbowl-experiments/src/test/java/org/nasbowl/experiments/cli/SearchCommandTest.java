package org.nasbowl.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    assertFalse(out.contains("recommended by the model"), "deterministic: the best observation is the recommendation");
    assertEquals(out.replaceAll("in [0-9.]+ s \\([0-9.]+ s", ""),
        run(0, "search", "--benchmark", "synthetic", "--budget", "60", "--seed", "3")[0]
            .replaceAll("in [0-9.]+ s \\([0-9.]+ s", ""), "same seed, same report");
  }

  @Test
  void withoutABenchmarkTheSearchRunsOnNasBench201Cifar10FromTheShippedData() {
    String out = run(0, "search", "--budget", "20", "--seed", "1")[0];
    assertTrue(out.contains("nb201-cifar10"), out);
    // The test optimum of the shipped table (91.5233 at index 1459) is what the regret is measured from.
    assertTrue(out.contains("20 queries in"), out);
    assertTrue(out.matches("(?s).*\\(optimum 0\\.9152\\).*"), out);
  }

  @Test
  void acquisitionAndSelectionAreSelectable() {
    String ucb = run(0, "search", "--benchmark", "synthetic", "--budget", "40", "--acquisition", "UCB", "--selection", "GREEDY")[0];
    String ts = run(0, "search", "--benchmark", "synthetic", "--budget", "40", "--acquisition", "TS")[0];
    assertTrue(ucb.contains("best architecture") && ts.contains("best architecture"));
    assertTrue(!ucb.replaceAll("in [0-9.]+ s.*", "").equals(ts.replaceAll("in [0-9.]+ s.*", "")),
        "different acquisitions search differently");
    run(2, "search", "--acquisition", "XYZ");
  }

  @Test
  void unknownMethodOrBenchmarkIsAUsageError() {
    assertTrue(run(2, "search", "--method", "magic")[1].contains("unknown method 'magic'"));
    assertTrue(run(2, "search", "--benchmark", "nb999")[1].contains("unknown benchmark 'nb999'"));
    assertTrue(run(2, "search", "--budget", "0")[1].contains("--budget and --batch must be >= 1"));
  }

  @Test
  void optionsThatTheSearchWouldIgnoreAreRefused() {
    // Forgetting --objective-cmd must not silently run the synthetic benchmark instead.
    String[] r = run(2, "search", "--space", "nb101", "--budget", "3", "--out", "never-written");
    assertTrue(r[1].contains("--space was given but is not used here"), r[1]);
    assertEquals("", r[0], "nothing is searched");
    assertTrue(run(2, "search", "--benchmark", "synthetic", "--out", "x")[1].contains("--out was given"));
    assertTrue(run(2, "search", "--benchmark", "synthetic", "--objective-cmd", "true", "--out", "x")[1]
        .contains("--benchmark was given but is not used here"));
    assertTrue(run(2, "search", "--space", "nb201", "--objective-cmd", "true", "--noise", "1", "--out", "x")[1]
        .contains("--noise was given but is not used here"));
  }

  @Test
  void aNoisyFailingBenchmarkReportsTheRecommendationAndTheFailures() {
    String out = run(0, "search", "--benchmark", "synthetic", "--noise", "1", "--fail-if", "avg_pool_3x3", "--budget",
        "40", "--seed", "2")[0];
    assertTrue(out.contains("Modified: noise=1.0;fail-if=avg_pool_3x3"), out);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("validation accuracy ([0-9.]+) \\(noiseless ([0-9.]+)\\)")
        .matcher(out);
    assertTrue(m.find(), out);
    assertTrue(out.contains("recommended by the model: "), out);
    java.util.regex.Matcher f = java.util.regex.Pattern.compile("([0-9]+) of 40 queries failed").matcher(out);
    assertTrue(f.find() && Integer.parseInt(f.group(1)) > 0, out);
    // The same seed gives the same search, noise draws included.
    assertEquals(out.replaceAll("[0-9.]+ s", ""), run(0, "search", "--benchmark", "synthetic", "--noise", "1",
        "--fail-if", "avg_pool_3x3", "--budget", "40", "--seed", "2")[0].replaceAll("[0-9.]+ s", ""));
    assertTrue(run(2, "search", "--benchmark", "synthetic", "--fail-if", "conv9x9")[1].contains("conv9x9"));
  }

  @Test
  void aFileWhereADirectoryIsNeededIsNamedWithTheProblem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
      throws Exception {
    java.nio.file.Path file = java.nio.file.Files.writeString(tmp.resolve("f"), "hi");
    String err = run(2, "experiment", "nas", "--benchmarks", "synthetic", "--methods", "random", "--seeds", "0",
        "--budget", "20", "--out", file.toString())[1];
    assertTrue(err.contains(file + ": is a file, not a directory"), err);
  }

  @Test
  void experimentNasChecksItsInputBeforeWritingAnything(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
    java.nio.file.Path out = tmp.resolve("o");
    assertTrue(run(2, "experiment", "nas", "--benchmarks", "synthetic", "--seeds", "0", "--budget", "0", "--out",
        out.toString())[1].contains("--budget must be >= 10"));
    assertTrue(run(2, "experiment", "nas", "--benchmarks", "synthetic,nb999", "--seeds", "0", "--budget", "20",
        "--out", out.toString())[1].contains("unknown benchmark 'nb999'"));
    assertTrue(!java.nio.file.Files.exists(out), "no --out directory for a command that was refused");
  }
}
