package org.nasbowl.experiments.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;

/**
 * A real objective command for the study tests: a shell script that sleeps a random time, looks the
 * architecture's synthetic-benchmark validation accuracy up in a table written by the test (all 15,625 NB201
 * cells), appends "notation TAB value" to {@code printed.tsv} and prints the value. Fast enough that tests can run
 * hundreds of evaluations, and a separate process like a training script.
 */
public final class Objectives {
  private Objectives() {}

  /** Writes the table and script into {@code dir}; returns the command template. */
  public static String synthetic(Path dir, int minMs, int maxMs) {
    try {
      Path table = dir.resolve("synthetic.tsv");
      if (!Files.exists(table)) {
        SyntheticBenchmark b = new SyntheticBenchmark(0);
        StringBuilder sb = new StringBuilder();
        SplittableRandom rng = new SplittableRandom(0);
        b.architectures().forEach(a -> sb.append(b.space().format(a)).append('\t')
            .append(b.query(a, rng).validationAccuracy()).append('\n'));
        Files.writeString(table, sb.toString());
      }
      Path script = dir.resolve("objective.sh");
      Files.writeString(script, String.join("\n",
          "arch=\"$1\"",
          pidLine(dir),
          "r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')",
          "sleep $(awk -v r=\"$r\" 'BEGIN { printf \"%.3f\", (" + minMs + " + r % " + (maxMs - minMs + 1) + ") / 1000 }')",
          "v=$(awk -F '\\t' -v a=\"$arch\" '$1 == a { print $2; exit }' '" + table + "')",
          "[ -n \"$v\" ] || { echo \"unknown architecture $arch\" >&2; exit 4; }",
          "printf '%s\\t%s\\t%s\\n' \"$arch\" \"$v\" \"${NASBOWL_SEED:-0}\" >> '" + dir.resolve("printed.tsv") + "'",
          "echo \"training $arch\"",
          "echo \"$v\"",
          ""));
      return "sh '" + script + "' {arch}";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The shell line that records the objective's pid and its worker's pid (from {@code NASBOWL_WORKER},
   * host-PID-suffix) in {@code pids.tsv}, so that a test can check that no evaluation outlives its worker.
   */
  static String pidLine(Path dir) {
    return "w=\"${NASBOWL_WORKER%-*}\"; printf '%s\\t%s\\n' \"$$\" \"${w##*-}\" >> '" + dir.resolve("pids.tsv") + "'";
  }

  /** An objective that records its pid, then sleeps (a long training run to be interrupted); never prints a result. */
  static String sleeper(Path dir, int seconds) {
    try {
      Path script = dir.resolve("sleeper.sh");
      Files.writeString(script, String.join("\n", pidLine(dir), "sleep " + seconds, "echo 0.5", ""));
      return "sh '" + script + "' {arch}";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The recorded (objective pid, worker pid) pairs. */
  static List<long[]> pids(Path dir) throws IOException {
    Path f = dir.resolve("pids.tsv");
    if (!Files.exists(f)) return List.of();
    List<long[]> out = new java.util.ArrayList<>();
    for (String l : Files.readAllLines(f)) {
      String[] p = l.split("\t");
      if (p.length == 2 && !p[0].isEmpty() && !p[1].isEmpty()) out.add(new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])});
    }
    return out;
  }

  /** Recorded objective processes still running (checked by pid and command line, not just by pid). */
  static List<Long> alive(Path dir) throws IOException {
    List<Long> out = new java.util.ArrayList<>();
    for (long[] p : pids(dir)) {
      Path cmdline = Path.of("/proc", Long.toString(p[0]), "cmdline");
      if (!Files.exists(cmdline)) continue;
      try {
        String c = Files.readString(cmdline).replace('\0', ' ');
        String stat = Files.readString(Path.of("/proc", Long.toString(p[0]), "stat"));
        boolean zombie = stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        if (!zombie && (c.contains("objective.sh") || c.contains("sleeper.sh"))) out.add(p[0]);
      } catch (IOException gone) {
        // exited meanwhile
      }
    }
    return out;
  }

  /** What the objective printed: notation to value (every line; a notation printed twice must agree). */
  static Map<String, Double> printed(Path dir) throws IOException {
    Map<String, Double> out = new HashMap<>();
    Path f = dir.resolve("printed.tsv");
    if (!Files.exists(f)) return out;
    for (String l : Files.readAllLines(f)) {
      if (l.isEmpty()) continue;
      String[] p = l.split("\t");
      Double old = out.put(p[0], Double.parseDouble(p[1]));
      if (old != null && old != Double.parseDouble(p[1])) throw new AssertionError("two values printed for " + p[0]);
    }
    return out;
  }

  /** The distinct (architecture, training seed) evaluations printed: replicates are distinct, repeats are not. */
  static Set<String> evaluations(Path dir) throws IOException {
    Set<String> out = new java.util.HashSet<>();
    for (String l : lines(dir)) {
      String[] p = l.split("\t");
      out.add(p[0] + "\t" + (p.length > 2 ? p[2] : "0"));
    }
    return out;
  }

  static List<String> lines(Path dir) throws IOException {
    Path f = dir.resolve("printed.tsv");
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }

}
