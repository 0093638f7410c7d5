package org.nasbowl.experiments.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.nasbowl.experiments.data.importer.Nb101TfrecordImporter;
import org.nasbowl.experiments.data.importer.ThrottledProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code import-nb101}: converts the official NAS-Bench-101 TFRecord file into the project's CSV table. */
@Command(name = "import-nb101", mixinStandardHelpOptions = true,
    description = {"Import the official NAS-Bench-101 file (nasbench_only108.tfrecord) into a CSV table with one row "
        + "per cell: architecture, parameters, final validation/test accuracy of each 108-epoch run and their means.",
        "Exit codes: 0 success, 1 I/O error, 2 malformed input."})
public final class ImportNb101Command extends ImportCommand {
  @Option(names = "--tfrecord", required = true, paramLabel = "FILE",
      description = "the NAS-Bench-101 TFRecord file (nasbench_only108.tfrecord or nasbench_full.tfrecord)")
  Path tfrecord;

  @Override
  String unit() {
    return "records";
  }

  @Override
  String run(ThrottledProgress progress) throws IOException {
    Nb101TfrecordImporter.Summary s = Nb101TfrecordImporter.importFile(tfrecord, out, progress);
    return String.format(Locale.ROOT, "%d records (%d at %d epochs) -> %d cells written to %s in %.1f s",
        s.records(), s.records108(), Nb101TfrecordImporter.EPOCHS, s.cells(), out, progress.elapsedSeconds());
  }
}
