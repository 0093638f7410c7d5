package org.nasbowl.experiments.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;

/**
 * A real objective command for the study tests: a shell script that sleeps a random time, looks the
 * architecture's synthetic-benchmark validation accuracy up in a table written by the test (all 15,625 NB201
 * cells), appends "notation TAB value" to {@code printed.tsv} and prints the value. Fast enough that tests can run
 * hundreds of evaluations, and a separate process like a training script.
 */
final class Objectives {
  private Objectives() {}

  /** Writes the table and script into {@code dir}; returns the command template. */
  static String synthetic(Path dir, int minMs, int maxMs) {
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
          "r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')",
          "sleep $(awk -v r=\"$r\" 'BEGIN { printf \"%.3f\", (" + minMs + " + r % " + (maxMs - minMs + 1) + ") / 1000 }')",
          "v=$(awk -F '\\t' -v a=\"$arch\" '$1 == a { print $2; exit }' '" + table + "')",
          "[ -n \"$v\" ] || { echo \"unknown architecture $arch\" >&2; exit 4; }",
          "printf '%s\\t%s\\n' \"$arch\" \"$v\" >> '" + dir.resolve("printed.tsv") + "'",
          "echo \"training $arch\"",
          "echo \"$v\"",
          ""));
      return "sh '" + script + "' {arch}";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  static List<String> lines(Path dir) throws IOException {
    Path f = dir.resolve("printed.tsv");
    return Files.exists(f) ? Files.readAllLines(f) : List.of();
  }

}
