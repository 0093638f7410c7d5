package org.nasbowl.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.study.Databases;
import org.nasbowl.experiments.study.Objectives;
import org.nasbowl.experiments.study.WorkerProcesses;

/**
 * Your own NAS, end to end, with the worked example's real PyTorch training script (examples/pytorch-nb201,
 * python3-torch and python3-sklearn from Debian): a search of 12 evaluations, 2 at once, interrupted with SIGINT
 * and resumed, then extended by 4; motifs, explain (an evaluated and an unevaluated architecture), predict and
 * plots on the run directory. Then the same commands on a study's export folder and on the study in its database.
 */
class OwnNasEndToEndTest {
  @TempDir Path tmp;

  private static final Pattern RESULT_LINE = Pattern.compile("^(\\d+),(\\S+?),(ok|failed),([^,]*),.*,(\\d+)$",
      Pattern.MULTILINE);

  /** A Python 3 with torch and scikit-learn: Debian's, else the one on PATH. */
  static String python() throws Exception {
    for (String py : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(py, "-c", "import torch, sklearn").redirectErrorStream(true).start();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) return py;
      } catch (IOException notThere) {
        // try the next
      }
    }
    throw new AssertionError("no python3 with torch and scikit-learn: apt-get install python3-torch python3-sklearn "
        + "(.ci/run installs them)");
  }

  @Test
  void searchInterruptResumeExtendAndReadTheRun() throws Exception {
    String command = python() + " '" + TestPaths.root().resolve("examples/pytorch-nb201/train.py") + "' --arch {arch}";
    Path run = tmp.resolve("run1");
    String[] search = {"search", "--space", "nb201", "--objective-cmd", command, "--parallel", "2", "--budget", "12",
        "--seed", "3", "--out", run.toString(), "--workdir", tmp.toString()};
    // Interrupted (SIGINT, as Ctrl-C) once 5 evaluations are in: one line on how to resume.
    WorkerProcesses.Worker first = WorkerProcesses.cli(tmp, Map.of(), search);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (results(run).size() < 5) {
      assertTrue(first.process().isAlive(), first.output());
      assertTrue(System.nanoTime() < deadline, "no progress: " + first.output());
      Thread.sleep(100);
    }
    new ProcessBuilder("kill", "-INT", Long.toString(first.process().pid())).start().waitFor();
    assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), first.output());
    String said = first.output();
    assertEquals(1, said.lines().filter(l -> l.startsWith("interrupted:")).count(), said);
    assertTrue(said.contains("run the same command again to resume"), said);
    int kept = results(run).size();
    // Resumed with the same command: the run completes, nothing evaluated twice.
    String[] resumed = Cli.run(0, search);
    assertTrue(resumed[1].contains("resuming the run in"), resumed[1]);
    List<String[]> done = results(run);
    assertEquals(12, done.size());
    assertTrue(kept >= 5 && kept <= 12);
    assertEquals(12, new HashSet<>(done.stream().map(r -> r[1] + "#" + r[4]).toList()).size(),
        "no (architecture, seed) twice");
    // Extended to 16: exactly 4 more, none repeated, the first 12 unchanged.
    String[] extend = search.clone();
    extend[8] = "16";
    String[] extended = Cli.run(0, extend);
    assertTrue(extended[1].contains("changed: budget 12 -> 16"), extended[1]);
    List<String[]> more = results(run);
    assertEquals(16, more.size());
    for (int i = 0; i < 12; i++) assertEquals(String.join(",", done.get(i)), String.join(",", more.get(i)));
    assertEquals(16, new HashSet<>(more.stream().map(r -> r[1] + "#" + r[4]).toList()).size(),
        "the extension repeats nothing");
    assertTrue(Files.readString(run.resolve("events.jsonl")).contains("\"type\":\"config\""), "recorded in the log");
    // The run's summary names the model's recommendation, an evaluated architecture.
    var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("summary.json").toFile());
    String recommended = summary.path("recommended").path("architecture").asText();
    assertTrue(more.stream().anyMatch(r -> r[1].equals(recommended)), summary.toString());
    assertEquals("model", summary.path("recommended").path("by").asText(), summary.toString());
    // A smaller budget than what was done is one line.
    String[] smaller = search.clone();
    smaller[8] = "10";
    assertTrue(Cli.run(2, smaller)[1].contains("--budget 10 is smaller than the 16 evaluations"));

    readTheRun(run.toString(), List.of("--from", run.toString()), more, tmp.resolve("read-run"));
  }

  /** The same reading commands on a study export folder and on the study in its database. */
  @Test
  void theSameCommandsReadAStudyExportAndAStudy() throws Exception {
    String url = Databases.fresh(Databases.Kind.SQLITE, tmp);
    Cli.run(0, "study", "create", "--storage", url, "--name", "own", "--space", "nb201", "--budget", "24");
    String command = Objectives.synthetic(tmp, 0, 30);
    List<WorkerProcesses.Worker> workers = List.of(
        WorkerProcesses.start(tmp, url, "own", command), WorkerProcesses.start(tmp, url, "own", command));
    for (WorkerProcesses.Worker w : workers) {
      assertTrue(w.process().waitFor(3, TimeUnit.MINUTES), w.output());
      assertEquals(0, w.process().exitValue(), w.output());
    }
    Path export = tmp.resolve("export");
    Cli.run(0, "study", "export", "--storage", url, "--study", "own", "--out", export.toString());
    List<String[]> rows = results(export);
    assertEquals(24, rows.size());
    readTheRun("study export " + export, List.of("--from", export.toString()), rows, tmp.resolve("read-export"));
    readTheRun("study 'own'", List.of("--study", "own", "--storage", url), rows, tmp.resolve("read-study"));
    // The study's budget can be extended, and workers then go on.
    assertTrue(Cli.run(0, "study", "set", "--storage", url, "--study", "own", "--budget", "26")[0]
        .contains("budget 24 -> 26"));
    assertTrue(Cli.run(2, "study", "set", "--storage", url, "--study", "own", "--budget", "20")[1]
        .contains("is below the 24 trials"));
  }

  private void readTheRun(String what, List<String> from, List<String[]> rows, Path out) throws Exception {
    Set<String> evaluated = new HashSet<>(rows.stream().map(r -> r[1]).toList());
    String[] best = rows.stream().filter(r -> r[2].equals("ok"))
        .max((a, b) -> Double.compare(Double.parseDouble(a[3]), Double.parseDouble(b[3]))).orElseThrow();
    // motifs: it says what it read, and no motif is in both the good and the bad column.
    String[] motifs = Cli.run(0, args(List.of("motifs", "--out", out.resolve("motifs").toString()), from));
    assertTrue(motifs[0].startsWith("read " + rows.size() + " evaluations"), what + ": " + motifs[0]);
    List<String> good = section(motifs[0], "good (");
    List<String> bad = section(motifs[0], "bad (");
    assertFalse(good.isEmpty() && bad.isEmpty(), motifs[0]);
    for (String g : good) assertFalse(bad.contains(g), what + ": " + g + " is both good and bad\n" + motifs[0]);
    // explain: an evaluated architecture (observed) and one the run never evaluated (predicted).
    String[] ex1 = Cli.run(0, args(List.of("explain", "--arch", best[1], "--out", out.resolve("ex1").toString()), from));
    assertTrue(ex1[0].contains("validation accuracy: observed"), ex1[0]);
    String unevaluated = "|nor_conv_3x3~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|avg_pool_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|";
    if (evaluated.contains(unevaluated)) unevaluated = "|skip_connect~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|avg_pool_3x3~0|nor_conv_1x1~1|skip_connect~2|";
    String[] ex2 = Cli.run(0, args(List.of("explain", "--arch", unevaluated, "--out", out.resolve("ex2").toString()), from));
    assertTrue(ex2[0].contains("not evaluated: predicted validation accuracy"), ex2[0]);
    // predict: an evaluated architecture's mean is within 2 predicted sd of its observed value (the mean of its
    // replicates when it has some: the model pools them)...
    String[] p1 = Cli.run(0, args(List.of("predict", "--arch", best[1], "--out", out.resolve("p1.csv").toString()), from));
    Matcher m = Pattern.compile("predicted valid_acc ([0-9.]+) \\+- ([0-9.]+)").matcher(p1[0]);
    assertTrue(m.find(), p1[0]);
    double mean = Double.parseDouble(m.group(1));
    double sd = Double.parseDouble(m.group(2));
    double observed = rows.stream().filter(r -> r[1].equals(best[1]) && r[2].equals("ok"))
        .mapToDouble(r -> Double.parseDouble(r[3])).average().orElseThrow();
    assertTrue(Math.abs(mean - observed) <= 2 * sd, what + ": predicted " + mean + " +- " + sd + ", observed " + observed);
    // ... and --top lists only architectures the run has not evaluated.
    String[] p2 = Cli.run(0, args(List.of("predict", "--top", "5", "--out", out.resolve("p2.csv").toString()), from));
    List<String> top = Files.readAllLines(out.resolve("p2.csv")).stream().skip(1).map(l -> l.split(",")[1]).toList();
    assertEquals(5, top.size(), p2[0]);
    for (String t : top) assertFalse(evaluated.contains(t), what + ": --top lists the evaluated " + t);
    // plots: the run's figures.
    Path plots = out.resolve("plots");
    String[] pl = Cli.run(0, args(List.of("plots", "--out", plots.toString()), runOption(from)));
    for (String f : List.of("run_progress", "run_timeline", "best_architecture", "motif_gallery")) {
      assertTrue(Files.size(plots.resolve(f + ".png")) > 1000 && Files.size(plots.resolve(f + ".svg")) > 1000,
          what + ": " + f + "\n" + pl[0]);
    }
    assertTrue(Files.readString(plots.resolve("run_progress.svg")).contains("validation accuracy"));
  }

  /** plots takes --run where the other commands take --from. */
  private static List<String> runOption(List<String> from) {
    List<String> out = new ArrayList<>(from);
    if (out.get(0).equals("--from")) out.set(0, "--run");
    return out;
  }

  private static String[] args(List<String> head, List<String> from) {
    List<String> a = new ArrayList<>(head);
    a.addAll(from);
    return a.toArray(String[]::new);
  }

  /** The motif labels listed under a heading of motifs' output. */
  private static List<String> section(String out, String heading) {
    List<String> got = new ArrayList<>();
    boolean in = false;
    for (String l : out.lines().toList()) {
      if (l.startsWith(heading)) {
        in = true;
        continue;
      }
      if (in && !l.startsWith("  ")) break;
      if (in) got.add(l.strip().split("\\s+")[1]);
    }
    return got;
  }

  /** The rows of a results.csv (id, architecture, status, valid_acc, replicate). */
  static List<String[]> results(Path dir) throws IOException {
    Path f = dir.resolve("results.csv");
    if (!Files.exists(f)) return List.of();
    List<String[]> out = new ArrayList<>();
    Matcher m = RESULT_LINE.matcher(Files.readString(f));
    while (m.find()) out.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)});
    return out;
  }
}
