package org.nasbowl.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import org.nasbowl.experiments.data.DataFormatException;
import org.nasbowl.experiments.data.importer.ThrottledProgress;
import picocli.CommandLine.Model.CommandSpec;

/** Shared shape of the import commands: progress to stderr, a summary line, exit codes 0 / 1 (I/O) / 2 (data). */
final class ImportRun {
  private ImportRun() {}

  /** Runs an import and returns the summary line (without the command name). */
  @FunctionalInterface
  interface Body {
    String run(ThrottledProgress progress) throws IOException;
  }

  static int execute(CommandSpec spec, String unit, Body body) {
    String name = spec.name();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    ThrottledProgress progress = new ThrottledProgress(name, unit, err, 2000);
    try {
      out.println(name + ": " + body.run(progress));
      out.flush();
      return 0;
    } catch (DataFormatException e) {
      err.println(name + ": malformed input: " + e.getMessage());
      err.flush();
      return 2;
    } catch (NoSuchFileException e) {
      err.println(name + ": file not found: " + e.getFile());
      err.flush();
      return 1;
    } catch (IOException e) {
      err.println(name + ": I/O error: " + e);
      err.flush();
      return 1;
    }
  }
}
