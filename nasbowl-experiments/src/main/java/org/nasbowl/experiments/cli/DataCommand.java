package org.nasbowl.experiments.cli;

import picocli.CommandLine.Command;

/** {@code nasbowl data ...}: importers from the official benchmark formats. */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Import benchmark data from the official formats into the project's tables.",
    subcommands = {ImportNb101Command.class, ImportNatsCommand.class})
public final class DataCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
