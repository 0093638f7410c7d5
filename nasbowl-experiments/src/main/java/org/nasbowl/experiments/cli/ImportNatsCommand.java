package org.nasbowl.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.nasbowl.experiments.data.importer.NatsImporter;
import org.nasbowl.experiments.data.importer.ThrottledProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code import-nats}: converts a NATS-Bench topology "simple" directory into the project's long-format CSV table. */
@Command(name = "import-nats", mixinStandardHelpOptions = true,
    description = {"Import a NATS-Bench topology 'simple' directory (NATS-tss-v1_0-3ffb9-simple/) into a CSV table "
        + "with one row per (architecture, schedule 12/200 epochs, dataset, seed) holding the final-epoch "
        + "accuracies, training time, parameters and FLOPs.",
        "Exit codes: 0 success, 1 I/O error, 2 malformed input."})
public final class ImportNatsCommand extends ImportCommand {
  @Option(names = "--dir", required = true, paramLabel = "DIR",
      description = "the directory holding meta.pickle.pbz2 and {index:06d}.pickle.pbz2 files")
  Path dir;

  @Override
  String unit() {
    return "files";
  }

  @Override
  String run(ThrottledProgress progress) throws IOException {
    NatsImporter.Summary s = NatsImporter.importDirectory(dir, out, progress);
    return String.format(Locale.ROOT, "%d architectures -> %d rows written to %s in %.1f s",
        s.architectures(), s.rows(), out, progress.elapsedSeconds());
  }
}
