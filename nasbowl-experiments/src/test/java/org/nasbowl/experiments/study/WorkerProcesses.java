package org.nasbowl.experiments.study;

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
import java.util.concurrent.TimeUnit;
import org.nasbowl.experiments.cli.NasbowlCli;

/** Worker processes for the study tests: real JVMs running {@code nasbowl worker}, each logging to a file. */
public final class WorkerProcesses {
  private WorkerProcesses() {}

  /** A started worker and its log. */
  public record Worker(Process process, Path log) {
    public String output() throws IOException {
      return Files.exists(log) ? Files.readString(log) : "";
    }
  }

  public static Worker start(Path dir, String url, String study, String command, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("worker", "--storage", url, "--study", study, "--objective-cmd",
        command, "--heartbeat", "1", "--workdir", dir.toString()));
    args.addAll(List.of(extra));
    return cli(dir, Map.of(), args.toArray(String[]::new));
  }

  /** Any nasbowl command as a JVM of its own, with extra environment variables, its output in a log file. */
  public static Worker cli(Path dir, Map<String, String> env, String... args) throws IOException {
    return cli(dir, env, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), args);
  }

  /** As {@link #cli(Path, Map, String...)} with these JVM options. */
  public static Worker cli(Path dir, Map<String, String> env, List<String> jvm, String... args) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString()));
    cmd.addAll(jvm);
    cmd.addAll(List.of("-Xshare:auto", "-cp", System.getProperty("java.class.path"), NasbowlCli.class.getName()));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "worker-", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new Worker(pb.start(), log);
  }

  /** Waits for every worker to exit and checks that each exited 0. */
  static void awaitAll(List<Worker> workers, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    for (Worker w : workers) {
      long left = deadline - System.nanoTime();
      if (!w.process().waitFor(Math.max(1, left), TimeUnit.NANOSECONDS)) {
        for (Worker x : workers) x.process().destroyForcibly();
        throw new AssertionError("a worker did not finish in " + limit + ":\n" + w.output());
      }
      assertEquals(0, w.process().exitValue(), w.output());
    }
  }

  /**
   * The invariants of a finished study: exactly {@code budget} COMPLETE trials, no (architecture, replicate) twice,
   * each architecture's replicates numbered 0, 1, ... without a gap, and every value the objective printed is the
   * stored result of its architecture (the synthetic objective gives an architecture the same value every time).
   */
  static void checkComplete(StudyStore store, Study s, Path dir) throws IOException {
    List<Trial> trials = store.trials(s);
    assertEquals(s.budget(), trials.size());
    assertTrue(trials.stream().allMatch(t -> Trial.COMPLETE.equals(t.state())), () -> trials.toString());
    Set<String> evaluations = new HashSet<>();
    Map<String, Integer> replicates = new java.util.HashMap<>();
    for (Trial t : trials) {
      evaluations.add(t.key() + "#" + t.replicate());
      replicates.merge(t.key(), 1, Integer::sum);
    }
    assertEquals(s.budget(), evaluations.size(), "distinct (architecture, replicate) pairs");
    for (Trial t : trials) {
      assertTrue(t.replicate() < replicates.get(t.key()), "replicates of " + t.notation() + " numbered without gaps");
    }
    Map<String, Double> printed = Objectives.printed(dir);
    Map<String, Double> stored = new java.util.HashMap<>();
    for (Trial t : trials) stored.put(t.notation(), t.valid());
    for (Map.Entry<String, Double> e : printed.entrySet()) {
      assertEquals(e.getValue(), stored.get(e.getKey()), "printed result of " + e.getKey() + " not in the database");
    }
    assertEquals(stored.keySet(), printed.keySet());
    // Every stored trial ran with its replicate as the training seed ({seed}, NASBOWL_SEED).
    Set<String> ran = Objectives.evaluations(dir);
    for (Trial t : trials) {
      assertTrue(ran.contains(t.notation() + "\t" + t.replicate()), t.notation() + " replicate " + t.replicate()
          + " never ran with NASBOWL_SEED=" + t.replicate());
    }
  }

  static long lines(String text, String containing) {
    return text.lines().filter(l -> l.contains(containing)).count();
  }
}
