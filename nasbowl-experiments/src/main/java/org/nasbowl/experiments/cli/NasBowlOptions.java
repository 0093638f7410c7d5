package org.nasbowl.experiments.cli;

import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.space.SearchSpace;
import picocli.CommandLine.Option;

/** NAS-BOWL's acquisition and batch selection, shared by {@code search} and {@code study create}. */
public final class NasBowlOptions {
  @Option(names = "--acquisition", defaultValue = "UCB",
      description = "NAS-BOWL's acquisition: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, chosen by the ablation; EI is the original's)")
  NasBowlConfig.Acquisition acquisition;

  @Option(names = "--selection", defaultValue = "KRIGING_BELIEVER",
      description = "NAS-BOWL's batch selection: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; GREEDY is the original's)")
  NasBowlConfig.Batch selection;

  /** An --arch option's architecture, or an error naming the option and the space. */
  static <A> A parseArch(SearchSpace<A> space, String arch) {
    try {
      return space.parse(arch);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--arch '" + arch + "' is not a " + space.name() + " architecture: "
          + e.getMessage(), e);
    }
  }
}
