package org.nasbowl.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the nasbowl command line in-process for tests: checks the exit code, returns {stdout, stderr}. */
final class Cli {
  private Cli() {}

  static String[] run(int expectedExit, String... args) {
    CommandLine cl = NasbowlCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertEquals(expectedExit, cl.execute(args), out + "\n" + err);
    return new String[] {out.toString(), err.toString()};
  }
}
