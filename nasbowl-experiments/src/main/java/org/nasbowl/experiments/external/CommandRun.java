package org.nasbowl.experiments.external;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.nasbowl.core.bo.Observation;

/**
 * One run of an objective command (its environment without {@code PGPASSWORD} and {@code NASBOWL_STORAGE}), shared by the run-directory driver ({@link ExternalObjectiveDriver}) and the
 * study workers: {@code /bin/sh -c <line>} in a working directory with extra environment variables, stdin from
 * {@code /dev/null}, stdout and stderr to files (unlinked first: a process left over from a killed driver keeps
 * writing to the old file), a timeout that kills the command with all its descendants, and the outcome read by
 * {@link ObjectiveOutput}.
 *
 * <p>The command runs under a small supervisor shell ({@link #SUPERVISOR}) that puts it in a session of its own
 * ({@code setsid}) and kills that session's processes when the JVM that started it dies, even by {@code kill -9}:
 * a training run never outlives its worker and keeps a GPU. Where {@code setsid} is missing the command runs
 * unsupervised, as a plain {@code /bin/sh -c}.
 *
 * <p>An evaluation that ends by a termination signal (exit code 129, 130 or 143: SIGHUP, SIGINT, SIGTERM) while
 * the JVM is not yet stopping waits up to {@link #SIGNAL_GRACE_MS} for the JVM's own shutdown: a Slurm
 * {@code scancel} signals the job's every process at once, and the objective usually dies before the JVM's
 * shutdown hook runs. A cancelled job gives its trial back; it does not record a failure.
 */
public final class CommandRun {
  private CommandRun() {}

  /** How long a signalled evaluation waits for the JVM's own shutdown before it counts as a failure. */
  static final long SIGNAL_GRACE_MS = 2_000;

  /**
   * The supervisor: {@code $1} is the JVM's pid, {@code $2} the command line. It starts the command in a new
   * session, forwards SIGTERM, SIGINT and SIGHUP to it, and a watchdog checks every second whether the
   * supervisor still has the JVM as parent (its parent pid changes when the JVM dies, zombie or not); if not, the
   * session is killed. The command's exit status is the supervisor's.
   */
  static final String SUPERVISOR = String.join("\n",
      "parent_alive() {",
      "  if [ -r /proc/$$/status ]; then",
      "    while read -r k v; do",
      "      if [ \"$k\" = \"PPid:\" ]; then [ \"$v\" = \"$1\" ]; return; fi",
      "    done < /proc/$$/status",
      "    return 1",
      "  fi",
      "  kill -0 \"$1\" 2>/dev/null",
      "}",
      "setsid /bin/sh -c \"$2\" &",
      "child=$!",
      "trap 'kill -TERM -\"$child\" 2>/dev/null' TERM INT HUP",
      "( while parent_alive \"$1\" && kill -0 \"$child\" 2>/dev/null; do sleep 1; done",
      "  parent_alive \"$1\" || kill -KILL -\"$child\" 2>/dev/null ) </dev/null >/dev/null 2>&1 &",
      "watch=$!",
      "while :; do",
      "  wait \"$child\"; rc=$?",
      "  kill -0 \"$child\" 2>/dev/null || break",
      "done",
      "kill \"$watch\" 2>/dev/null",
      "exit $rc");

  private static final boolean SETSID = java.util.stream.Stream.of("/usr/bin/setsid", "/bin/setsid")
      .anyMatch(f -> Files.isExecutable(Path.of(f)));

  /** The argument vector that runs {@code line}: supervised where {@code setsid} exists. */
  static java.util.List<String> argv(String line) {
    if (!SETSID) return java.util.List.of("/bin/sh", "-c", line);
    return java.util.List.of("/bin/sh", "-c", SUPERVISOR, "nasbowl-supervisor",
        Long.toString(ProcessHandle.current().pid()), line);
  }

  /**
   * Runs the command and interprets its output.
   *
   * @param running the process is in this set while it runs, so that another thread can kill it
   *     ({@link #kill})
   * @param stopping checked after the process ends: when true the run was cut short by a shutdown and is not a
   *     result, so an {@link InterruptedException} is thrown instead
   * @return the observation and the wall time in seconds
   */
  public static Map.Entry<Observation, Double> run(String line, Path workDir, Map<String, String> environment,
      Path stdout, Path stderr, Duration timeout, Set<Process> running, BooleanSupplier stopping)
      throws IOException, InterruptedException {
    Files.deleteIfExists(stdout);
    Files.deleteIfExists(stderr);
    ProcessBuilder pb = new ProcessBuilder(argv(line))
        .directory(workDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    // The study storage's credentials are the worker's, not the training script's.
    pb.environment().remove("PGPASSWORD");
    pb.environment().remove("NASBOWL_STORAGE");
    pb.environment().putAll(environment);
    long t0 = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return Map.entry(Observation.failed("could not start /bin/sh: " + e.getMessage()), seconds(t0));
    }
    running.add(p);
    boolean finished;
    try {
      if (stopping.getAsBoolean()) ProcessTrees.kill(p); // started while a shutdown hook ran
      if (timeout == null) {
        p.waitFor();
        finished = true;
      } else {
        finished = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
      if (!finished) {
        ProcessTrees.kill(p);
        p.waitFor();
      }
    } catch (InterruptedException e) {
      ProcessTrees.kill(p);
      throw e;
    } finally {
      running.remove(p);
    }
    if (finished && signalled(p.exitValue())) awaitStopping(stopping);
    if (stopping.getAsBoolean()) {
      throw new InterruptedException("the evaluation was stopped because the JVM is shutting down");
    }
    double secs = seconds(t0);
    return Map.entry(ObjectiveOutput.interpret(finished ? p.exitValue() : null, timeout, stdout, stderr), secs);
  }

  /** Exit codes of a shell whose command died of SIGHUP, SIGINT or SIGTERM. */
  static boolean signalled(int exit) {
    return exit == 129 || exit == 130 || exit == 143;
  }

  private static void awaitStopping(BooleanSupplier stopping) throws InterruptedException {
    long deadline = System.nanoTime() + SIGNAL_GRACE_MS * 1_000_000L;
    while (!stopping.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
  }

  /** Kills every process in the set with its descendants. */
  public static void kill(Set<Process> running) {
    for (Process p : Set.copyOf(running)) ProcessTrees.kill(p);
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
