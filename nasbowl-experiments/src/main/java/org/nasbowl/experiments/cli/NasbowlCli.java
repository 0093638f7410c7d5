package org.nasbowl.experiments.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.nasbowl.experiments.study.Secrets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nasbowl} command line. Exit codes: 0 success, 1 failure, 2 bad input or usage. */
@Command(name = "nasbowl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "NAS-BOWL: neural architecture search by Bayesian optimisation with Weisfeiler-Lehman graph "
        + "kernels (Ru, Wan, Dong, Osborne, ICLR 2021), a Java reproduction suite.",
    subcommands = {SearchCommand.class, StudyCommand.class, WorkerCommand.class, EvaluateCommand.class, MotifsCommand.class, PredictCommand.class, DashboardCommand.class, ExperimentCommand.class, BenchmarksCommand.class, DataCommand.class, TransferCommand.class, PlotsCommand.class, ReproduceCommand.class, ExplainCommand.class,
        CommandLine.HelpCommand.class})
public final class NasbowlCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new NasbowlCli());
    // Bad input is one line naming the option and the value, never the whole usage; passwords never appear.
    cl.setParameterExceptionHandler((ex, args) -> {
      Secrets.registerFrom(args);
      CommandLine cmd = ex.getCommandLine();
      String name = cmd.getCommandSpec().qualifiedName();
      cmd.getErr().println(name + ": " + Secrets.scrub(ex.getMessage()) + " (see '" + name + " --help')");
      cmd.getErr().flush();
      return 2;
    });
    cl.setExecutionStrategy(parsed -> {
      Secrets.registerFrom(parsed.originalArgs().toArray(String[]::new));
      return new CommandLine.RunLast().execute(parsed);
    });
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + Secrets.scrub(describe(t)));
      cmd.getErr().flush();
      return t instanceof IllegalArgumentException || t instanceof IllegalStateException
          || t instanceof org.nasbowl.experiments.data.DataFormatException || t instanceof FileSystemException ? 2 : 1;
    });
    return cl;
  }

  /**
   * The message of a failure. A file-system error (an --out path that is a file, a missing or unreadable
   * file) carries only the path as its message; this adds what is wrong with it.
   */
  static String describe(Throwable t) {
    if (t instanceof FileSystemException f) {
      String why = f.getReason();
      if (why == null) {
        if (f instanceof FileAlreadyExistsException) {
          boolean file = f.getFile() != null && Files.isRegularFile(Path.of(f.getFile()));
          why = file ? "is a file, not a directory" : "already exists";
        } else if (f instanceof NoSuchFileException) {
          why = "no such file or directory";
        } else if (f instanceof AccessDeniedException) {
          why = "permission denied";
        } else if (f instanceof NotDirectoryException) {
          why = "not a directory";
        } else if (f instanceof DirectoryNotEmptyException) {
          why = "directory not empty";
        } else {
          why = f.getClass().getSimpleName();
        }
      }
      return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + why;
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }
}
