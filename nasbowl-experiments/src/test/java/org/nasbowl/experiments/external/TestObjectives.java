package org.nasbowl.experiments.external;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.nasbowl.core.bo.Optimizer;
import org.nasbowl.core.bo.OptimizerFactory;
import org.nasbowl.core.bo.RandomSearch;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.nb201.Nb201Space;

/** Shell-script objectives and helpers shared by the driver tests. */
final class TestObjectives {
  private TestObjectives() {}

  static final Nb201Space SPACE = new Nb201Space();

  static final OptimizerFactory RANDOM = new OptimizerFactory() {
    @Override
    public <A> Optimizer<A> create(SearchSpace<A> s, long seed) {
      return new RandomSearch<>(s, seed);
    }
  };

  /**
   * A deterministic objective: {@code sh obj.sh ARCH MARKS SLEEP}. Appends ARCH to MARKS/invocations when it
   * starts, sleeps, prints a few log lines and then the accuracy (cksum of ARCH mod 1000) / 1000, and appends
   * "start_ns end_ns" to MARKS/intervals. Exits 3 if NASBOWL_ARCH differs from its argument.
   */
  static final String OBJECTIVE = String.join("\n",
      "arch=\"$1\"; marks=\"$2\"; pause=\"${3:-0}\"",
      "printf '%s\\n' \"$arch\" >> \"$marks/invocations\"",
      "[ \"$NASBOWL_ARCH\" = \"$arch\" ] || { echo \"NASBOWL_ARCH mismatch\" >&2; exit 3; }",
      "start=$(date +%s%N)",
      "h=$(printf %s \"$arch\" | cksum | cut -d' ' -f1)",
      "echo \"epoch 1 loss 0.7\"",
      "echo \"some warning\" >&2",
      "sleep \"$pause\"",
      "end=$(date +%s%N)",
      "echo \"$start $end\" >> \"$marks/intervals\"",
      "echo \"\"",
      "printf '0.%03d\\n\\n' $((h % 1000))",
      "");

  /** Writes the objective and returns the command template running it with the given pause. */
  static String objectiveCommand(Path dir, Path marks, String pause) throws IOException {
    Files.createDirectories(marks);
    Path script = dir.resolve("obj.sh");
    if (!Files.exists(script)) Files.writeString(script, OBJECTIVE, StandardCharsets.UTF_8);
    return "sh '" + script + "' {arch} '" + marks + "' " + pause;
  }

  static ExternalObjectiveDriver.Settings settings(String command, int parallel, int budget, Duration timeout,
      Path runDir, Path workDir) {
    return new ExternalObjectiveDriver.Settings("random", 7, command, parallel, budget, timeout, runDir, workDir);
  }

  static RunSummary run(ExternalObjectiveDriver.Settings s, List<String> progress)
      throws IOException, InterruptedException {
    return new ExternalObjectiveDriver<>(SPACE, RANDOM, s, progress::add).run();
  }

  /** How often each architecture's objective was started, from MARKS/invocations. */
  static Map<String, Integer> invocations(Path marks) throws IOException {
    Map<String, Integer> count = new TreeMap<>();
    Path f = marks.resolve("invocations");
    if (!Files.exists(f)) return count;
    for (String l : Files.readAllLines(f)) {
      if (!l.isEmpty()) count.merge(l, 1, Integer::sum);
    }
    return count;
  }

  static List<CSVRecord> readCsv(Path file) throws IOException {
    try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(Files.newBufferedReader(file))) {
      return new ArrayList<>(parser.getRecords());
    }
  }

  /** True while the process exists and is not a zombie. */
  static boolean running(long pid) {
    return ProcessHandle.of(pid).map(ProcessTrees::running).orElse(false);
  }

  static void awaitGone(List<ProcessHandle> processes, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    for (ProcessHandle h : processes) {
      while (ProcessTrees.running(h) && System.nanoTime() < deadline) Thread.sleep(20);
    }
  }
}
