package org.nasbowl.experiments.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.nasbowl.experiments.data.DataFormatException;
import org.nasbowl.experiments.data.importer.NatsImporter;
import org.nasbowl.experiments.data.importer.Nb201Tables;
import org.nasbowl.experiments.data.importer.Nb101TfrecordImporter;
import org.nasbowl.experiments.data.importer.ThrottledProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nasbowl data ...}: importers from the official benchmark formats. Each streams its input, reports progress
 * on stderr, prints a summary line, and writes {@code --out} atomically; exit codes 0 (success), 1 (I/O error, e.g.
 * a missing input) and 2 (malformed input; the message names the file, record and field).
 */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = "Import benchmark data from the official formats into the project's tables.")
public final class DataCommand implements Runnable {
  private static final String OUT_HELP = "the CSV file to write (replaced atomically; nothing is written on error)";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "import-nb101", mixinStandardHelpOptions = true,
      description = {"Import the official NAS-Bench-101 file (nasbench_only108.tfrecord) into a CSV table with one "
          + "row per cell: architecture, parameters, final validation/test accuracy of each 108-epoch run and their "
          + "means.", "Exit codes: 0 success, 1 I/O error, 2 malformed input."})
  int importNb101(
      @Option(names = "--tfrecord", required = true, paramLabel = "FILE",
          description = "the NAS-Bench-101 TFRecord file (nasbench_only108.tfrecord or nasbench_full.tfrecord)")
      Path tfrecord,
      @Option(names = "--out", required = true, paramLabel = "FILE", description = OUT_HELP) Path out) {
    return execute("import-nb101", "records", progress -> {
      Nb101TfrecordImporter.Summary s = Nb101TfrecordImporter.importFile(tfrecord, out, progress);
      return String.format(Locale.ROOT, "%d records (%d at %d epochs) -> %d cells written to %s in %.1f s",
          s.records(), s.records108(), Nb101TfrecordImporter.EPOCHS, s.cells(), out, progress.elapsedSeconds());
    });
  }

  @Command(name = "import-nats", mixinStandardHelpOptions = true,
      description = {"Import a NATS-Bench topology 'simple' directory (NATS-tss-v1_0-3ffb9-simple/) into a CSV table "
          + "with one row per (architecture, schedule 12/200 epochs, dataset, seed) holding the final-epoch "
          + "accuracies, training time, parameters and FLOPs.", "Exit codes: 0 success, 1 I/O error, 2 malformed input."})
  int importNats(
      @Option(names = "--dir", required = true, paramLabel = "DIR",
          description = "the directory holding meta.pickle.pbz2 and {index:06d}.pickle.pbz2 files") Path dir,
      @Option(names = "--out", required = true, paramLabel = "FILE", description = OUT_HELP) Path out) {
    return execute("import-nats", "files", progress -> {
      NatsImporter.Summary s = NatsImporter.importDirectory(dir, out, progress);
      return String.format(Locale.ROOT, "%d architectures -> %d rows written to %s in %.1f s",
          s.architectures(), s.rows(), out, progress.elapsedSeconds());
    });
  }

  @Command(name = "nb201-tables", mixinStandardHelpOptions = true,
      description = {"Build the NAS-Bench-201 benchmark tables nb201_200ep.csv and nb201_12ep.csv (used by the "
          + "nb201-* benchmarks) from the per-seed table that import-nats writes: each accuracy is the mean over "
          + "the seeds present.",
          "Example: ./nasbowl data import-nats --dir NATS-tss-v1_0-3ffb9-simple --out data/nats_tss_seeds.csv && "
              + "./nasbowl data nb201-tables --from data/nats_tss_seeds.csv --out-dir data",
          "Exit codes: 0 success, 1 I/O error, 2 malformed or incomplete input."})
  int nb201Tables(
      @Option(names = "--from", required = true, paramLabel = "FILE",
          description = "the per-seed table written by import-nats") Path from,
      @Option(names = "--out-dir", required = true, paramLabel = "DIR",
          description = "the data directory to write the two tables into (each replaced atomically; nothing is "
              + "written on error)") Path outDir,
      @Option(names = "--partial", description = "write the tables even if they hold fewer than all 15,625 "
          + "architectures (the benchmarks refuse such tables; for inspection and tests)") boolean partial) {
    return execute("nb201-tables", "rows", progress -> {
      Nb201Tables.Summary s = Nb201Tables.build(from, outDir, partial);
      return String.format(Locale.ROOT, "%d per-seed rows -> %d architectures written to %s and %s in %.1f s",
          s.rows(), s.cells(), outDir.resolve("nb201_200ep.csv"), outDir.resolve("nb201_12ep.csv"),
          progress.elapsedSeconds());
    });
  }

  /** An import's work: runs it and returns the summary line (without the command name). */
  @FunctionalInterface
  private interface Import {
    String run(ThrottledProgress progress) throws IOException;
  }

  /** The importers' shared body: progress, summary line, and the exit code of each outcome. */
  private int execute(String name, String unit, Import body) {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    ThrottledProgress progress = new ThrottledProgress(name, unit, err, 2000);
    try {
      stdout.println(name + ": " + body.run(progress));
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
