package org.nasbowl.experiments.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nasbowl} command line. Exit codes: 0 success, 1 failure, 2 bad input or usage. */
@Command(name = "nasbowl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "NAS-BOWL: neural architecture search by Bayesian optimisation with Weisfeiler-Lehman graph "
        + "kernels (Ru, Wan, Dong, Osborne, ICLR 2021), a Java reproduction suite.",
    subcommands = {SearchCommand.class, StudyCommand.class, WorkerCommand.class, EvaluateCommand.class, MotifsCommand.class, ExperimentCommand.class, BenchmarksCommand.class, DataCommand.class, TransferCommand.class, PlotsCommand.class, ReproduceCommand.class, ExplainCommand.class,
        CommandLine.HelpCommand.class})
public final class NasbowlCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new NasbowlCli());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
      cmd.getErr().flush();
      return ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
          || ex instanceof org.nasbowl.experiments.data.DataFormatException ? 2 : 1;
    });
    return cl;
  }
}
