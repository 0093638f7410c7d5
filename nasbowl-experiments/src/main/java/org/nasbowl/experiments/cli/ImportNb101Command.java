package org.nasbowl.experiments.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nasbowl.experiments.data.importer.Nb101TfrecordImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code import-nb101}: converts the official NAS-Bench-101 TFRecord file into the project's CSV table. Exit codes:
 * 0 success, 1 I/O error, 2 malformed input (the message names the file, record and field).
 */
@Command(name = "import-nb101", mixinStandardHelpOptions = true,
    description = {"Import the official NAS-Bench-101 file (nasbench_only108.tfrecord) into a CSV table with one row "
        + "per cell: architecture, parameters, final validation/test accuracy of each 108-epoch run and their means.",
        "Exit codes: 0 success, 1 I/O error, 2 malformed input."})
public final class ImportNb101Command implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--tfrecord", required = true, paramLabel = "FILE",
      description = "the NAS-Bench-101 TFRecord file (nasbench_only108.tfrecord or nasbench_full.tfrecord)")
  Path tfrecord;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "the CSV file to write (replaced atomically; nothing is written on error)")
  Path out;

  @Override
  public Integer call() {
    return ImportRun.execute(spec, "records", progress -> {
      Nb101TfrecordImporter.Summary s = Nb101TfrecordImporter.importFile(tfrecord, out, progress);
      return String.format(Locale.ROOT, "%d records (%d at %d epochs) -> %d cells written to %s in %.1f s",
          s.records(), s.records108(), Nb101TfrecordImporter.EPOCHS, s.cells(), out, progress.elapsedSeconds());
    });
  }
}
