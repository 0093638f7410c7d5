package org.nasbowl.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;
import org.nasbowl.experiments.interpret.MotifReport;

/** The motifs and explain commands: outputs, their consistency, and bad input. */
class InterpretCommandsTest {
  private static String[] run(int expectedExit, String... args) {
    return Cli.run(expectedExit, args);
  }

  static final String ARCH = "|nor_conv_1x1~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|avg_pool_3x3~1|nor_conv_3x3~2|";

  @Test
  void motifsWritesTheRankingAndPicturesOfBothEnds(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("m");
    run(0, "motifs", "--benchmark", "synthetic", "--budget", "60", "--top", "3", "--out", out.toString());
    List<MotifReport.Row> rows = MotifReport.readCsv(out.resolve("motifs.csv"));
    assertTrue(rows.size() >= 6);
    for (String f : List.of("motifs.png", "motifs.svg", "pictures/good-1.png", "pictures/good-3.svg", "pictures/bad-1.dot",
        "pictures/bad-3.png", "provenance.json")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    assertFalse(Files.exists(out.resolve("pictures/good-4.png")), "--top 3 draws three of each end");
    // The DOT of the best motif has one node per op of its label.
    String dot = Files.readString(out.resolve("pictures/good-1.dot"));
    String label = rows.get(0).motif();
    int ops = label.split("[(),]+").length;
    assertEquals(ops, Pattern.compile("(?m)^\\s*n\\d+ \\[").matcher(dot).results().count(), dot);
  }

  @Test
  void explainListsExactlyTheMotifsTheArchitectureContainsAndHighlightsThem(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("e");
    String text = run(0, "explain", "--benchmark", "synthetic", "--arch", ARCH, "--budget", "60", "--out",
        out.toString())[0];
    assertEquals(text, Files.readString(out.resolve("explain.txt")));
    double truth = SyntheticBenchmark.accuracy(new SyntheticBenchmark(0).space().parse(ARCH));
    Matcher m = Pattern.compile("observed ([0-9.]+) \\(percentile ([0-9.]+) of 15625 architectures\\), predicted ([0-9.]+) "
        + "\\+- ([0-9.]+)")
        .matcher(text);
    assertTrue(m.find(), text);
    assertEquals(truth, Double.parseDouble(m.group(1)), 1e-4);
    double predicted = Double.parseDouble(m.group(3));
    assertTrue(predicted > 0.3 && predicted < 1, "a prediction in accuracy units: " + predicted);
    // Every motif line names a motif the architecture contains, and no contained motif is missing.
    Path motifsDir = tmp.resolve("m");
    run(0, "motifs", "--benchmark", "synthetic", "--budget", "60", "--out", motifsDir.toString());
    List<MotifReport.Row> rows = MotifReport.readCsv(motifsDir.resolve("motifs.csv"));
    SyntheticBenchmark b = new SyntheticBenchmark(0);
    Nb201Cell cell = b.space().parse(ARCH);
    long contained = rows.stream().filter(r -> MotifReport.contains(b.space(), cell, r)).count();
    long listed = text.lines().filter(l -> l.matches("\\s+\\d+\\s+(good|bad|-)\\s+.*")).count();
    assertEquals(contained, listed, text);
    Matcher counts = Pattern.compile("(\\d+) good and (\\d+) bad motifs present").matcher(text);
    assertTrue(counts.find());
    String dot = Files.readString(out.resolve("explain.dot"));
    if (Integer.parseInt(counts.group(1)) > 0) assertTrue(dot.toUpperCase().contains("#1A9850"), dot);
    if (Integer.parseInt(counts.group(2)) > 0) assertTrue(dot.toUpperCase().contains("#D73027"), dot);
    for (String f : List.of("explain.png", "explain.svg", "provenance.json")) assertTrue(Files.size(out.resolve(f)) > 0);
  }

  @Test
  void badInputIsRefusedWithoutOutput(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("x");
    String err = run(2, "explain", "--benchmark", "synthetic", "--arch", "|conv~0|", "--out", out.toString())[1];
    assertTrue(err.contains("--arch '|conv~0|' is not a nb201 architecture"), err);
    err = run(2, "explain", "--arch", ARCH, "--from", tmp.resolve("nope.jsonl").toString(), "--out", out.toString())[1];
    assertTrue(err.contains("nope.jsonl: no such file or directory"), err);
    // Nothing to learn from is one clear error.
    err = run(2, "explain", "--arch", ARCH, "--out", out.toString())[1];
    assertTrue(err.contains("say what to learn from: --from RUN"), err);
    // A trace of the synthetic benchmark offered for another benchmark.
    Path nas = tmp.resolve("nas");
    run(0, "experiment", "nas", "--benchmarks", "synthetic", "--methods", "random", "--seeds", "0", "--budget", "20",
        "--out", nas.toString());
    Path trace = nas.resolve("traces/synthetic/random/seed-0.jsonl");
    err = run(2, "motifs", "--benchmark", "nb201-cifar10", "--from", trace.toString(), "--out", out.toString())[1];
    assertTrue(err.contains("is a run on synthetic, not on --benchmark nb201-cifar10"), err);
    err = run(2, "explain", "--arch", ARCH, "--fraction", "0.9", "--out", out.toString())[1];
    assertTrue(err.contains("--fraction"), err);
    assertFalse(Files.exists(out), "no output on bad input");
    // The same trace for its own benchmark works.
    run(0, "motifs", "--from", trace.toString(), "--min-occurrences", "3", "--out", tmp.resolve("ok").toString());
  }
}
