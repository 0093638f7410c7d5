package org.nasbowl.experiments.external;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the driver in its own JVM so that a test can kill it with SIGKILL. Arguments: run directory, working
 * directory, command, parallel, budget, seed, timeout in milliseconds (0: none).
 */
public final class DriverProcessMain {
  private DriverProcessMain() {}

  public static void main(String[] args) throws Exception {
    long timeoutMs = Long.parseLong(args[6]);
    ExternalObjectiveDriver.Settings s = new ExternalObjectiveDriver.Settings("random", Long.parseLong(args[5]),
        args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
        timeoutMs == 0 ? null : Duration.ofMillis(timeoutMs), Path.of(args[0]), Path.of(args[1]));
    new ExternalObjectiveDriver<>(TestObjectives.SPACE, TestObjectives.RANDOM, s, line -> { }).run();
  }
}
