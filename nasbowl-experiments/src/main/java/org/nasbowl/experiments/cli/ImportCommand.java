package org.nasbowl.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nasbowl.experiments.data.DataFormatException;
import org.nasbowl.experiments.data.importer.ThrottledProgress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the import commands share: the {@code --out} file, progress to stderr, a summary line on stdout, and exit
 * codes 0 (success), 1 (I/O error, e.g. the input is missing) and 2 (malformed input; the message names the file
 * and field). Subclasses add their input option and run the importer, which writes {@code --out} atomically.
 */
abstract class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "the CSV file to write (replaced atomically; nothing is written on error)")
  Path out;

  /** What the progress counts ("records", "files"). */
  abstract String unit();

  /** Runs the import and returns the summary line (without the command name). */
  abstract String run(ThrottledProgress progress) throws IOException;

  @Override
  public final Integer call() {
    String name = spec.name();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    ThrottledProgress progress = new ThrottledProgress(name, unit(), err, 2000);
    try {
      stdout.println(name + ": " + run(progress));
      stdout.flush();
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
