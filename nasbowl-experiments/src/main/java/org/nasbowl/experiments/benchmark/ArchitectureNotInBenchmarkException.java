package org.nasbowl.experiments.benchmark;

/** A tabular benchmark was asked about an architecture it has no result for. */
public class ArchitectureNotInBenchmarkException extends IllegalArgumentException {
  public ArchitectureNotInBenchmarkException(String benchmark, String architecture) {
    super("benchmark " + benchmark + " has no result for architecture " + architecture);
  }
}
