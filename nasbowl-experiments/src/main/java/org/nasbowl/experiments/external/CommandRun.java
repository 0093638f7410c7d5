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
 * One run of an objective command, shared by the run-directory driver ({@link ExternalObjectiveDriver}) and the
 * study workers: {@code /bin/sh -c <line>} in a working directory with extra environment variables, stdin from
 * {@code /dev/null}, stdout and stderr to files (unlinked first: a process left over from a killed driver keeps
 * writing to the old file), a timeout that kills the command with all its descendants, and the outcome read by
 * {@link ObjectiveOutput}.
 */
public final class CommandRun {
  private CommandRun() {}

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
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", line)
        .directory(workDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
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
    if (stopping.getAsBoolean()) {
      throw new InterruptedException("the evaluation was stopped because the JVM is shutting down");
    }
    double secs = seconds(t0);
    return Map.entry(ObjectiveOutput.interpret(finished ? p.exitValue() : null, timeout, stdout, stderr), secs);
  }

  /** Kills every process in the set with its descendants. */
  public static void kill(Set<Process> running) {
    for (Process p : Set.copyOf(running)) ProcessTrees.kill(p);
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
