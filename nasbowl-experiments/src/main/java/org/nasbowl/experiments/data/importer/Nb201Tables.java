package org.nasbowl.experiments.data.importer;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.experiments.data.CsvTable;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * The NAS-Bench-201 benchmark tables ({@code nb201_200ep.csv}, {@code nb201_12ep.csv}; schemas in data/README.md)
 * from the per-seed table that {@link NatsImporter} writes: every accuracy is the mean over the seeds present for
 * its architecture, schedule and dataset, as NATS-Bench's {@code get_more_info} averages trials. The NATS-Bench
 * release holds partly other trials than NAS-Bench-201 v1.1 for CIFAR-100 and ImageNet16-120 (data/README.md), so
 * tables built from it differ from the project's reference tables for those cells.
 */
public final class Nb201Tables {
  /** Header of the 200-epoch table. */
  public static final String HEADER_200 = "arch_index,arch_string,cifar10_valid_train_acc,cifar10_valid_acc,"
      + "cifar10_valid_test_acc,cifar100_train_acc,cifar100_valid_acc,cifar100_test_acc,imagenet16_train_acc,"
      + "imagenet16_valid_acc,imagenet16_test_acc,cifar10_trainval_test_acc_nats";

  /** Header of the 12-epoch table. */
  public static final String HEADER_12 = "arch_index,arch_string,cifar10_valid_acc,cifar10_trainval_test_acc,"
      + "cifar100_valid_acc,cifar100_test_acc,imagenet16_valid_acc,imagenet16_test_acc";

  /** The (dataset, metric) means of each table's columns after arch_index and arch_string, in header order. */
  private static final String[][] COLUMNS_200 = {{"cifar10-valid", "train_acc"}, {"cifar10-valid", "valid_acc"},
      {"cifar10-valid", "test_acc"}, {"cifar100", "train_acc"}, {"cifar100", "valid_acc"}, {"cifar100", "test_acc"},
      {"ImageNet16-120", "train_acc"}, {"ImageNet16-120", "valid_acc"}, {"ImageNet16-120", "test_acc"},
      {"cifar10", "test_acc"}};
  private static final String[][] COLUMNS_12 = {{"cifar10-valid", "valid_acc"}, {"cifar10", "test_acc"},
      {"cifar100", "valid_acc"}, {"cifar100", "test_acc"}, {"ImageNet16-120", "valid_acc"},
      {"ImageNet16-120", "test_acc"}};
  private static final List<String> METRICS = List.of("train_acc", "valid_acc", "test_acc");

  private Nb201Tables() {}

  /**
   * The NATS-Bench dataset and metric a column of the 200-epoch table averages, e.g. {@code cifar100_valid_acc} ->
   * {@code {"cifar100", "valid_acc"}}.
   */
  public static String[] source200(String column) {
    String[] names = HEADER_200.split(",");
    for (int i = 2; i < names.length; i++) if (names[i].equals(column)) return COLUMNS_200[i - 2].clone();
    throw new IllegalArgumentException("no column " + column + " in " + HEADER_200);
  }

  /**
   * What was written.
   *
   * @param cells architectures in each table
   * @param rows per-seed rows read
   */
  public record Summary(int cells, long rows) {}

  /** Sums and counts of one architecture's accuracies by schedule, dataset and metric. */
  private static final class Cell {
    final String arch;
    final Map<String, double[]> sums = new TreeMap<>(); // key hp/dataset/metric -> {sum, count}

    Cell(String arch) {
      this.arch = arch;
    }

    double mean(Path file, int index, String hp, String dataset, String metric) {
      double[] s = sums.get(hp + "/" + dataset + "/" + metric);
      if (s == null || s[1] == 0) {
        throw new DataFormatException(file, "line", 0, metric, "architecture " + index + " has no " + hp + "-epoch "
            + dataset + " " + metric + " in any seed; the NAS-Bench-201 tables need it for every architecture");
      }
      return s[0] / s[1];
    }
  }

  /**
   * Reads {@code seedsCsv} (the {@link NatsImporter#HEADER} table) and writes {@code nb201_200ep.csv} and
   * {@code nb201_12ep.csv} into {@code outDir}, each replaced atomically; nothing is written when the input is
   * malformed or, unless {@code partial}, covers fewer than {@value Nb201Space#SIZE} architectures.
   */
  public static Summary build(Path seedsCsv, Path outDir, boolean partial) throws IOException {
    TreeMap<Integer, Cell> cells = new TreeMap<>();
    long[] rows = {0};
    List<String> required = new ArrayList<>(List.of("arch_index", "arch_string", "hp", "dataset"));
    required.addAll(METRICS);
    CsvTable.read(seedsCsv, required, row -> {
      long index = row.integer("arch_index");
      if (index < 0 || index >= Nb201Space.SIZE) throw row.error("arch_index", "index " + index + " outside 0..15624");
      String arch = row.text("arch_string");
      Cell c = cells.computeIfAbsent((int) index, k -> new Cell(arch));
      if (!c.arch.equals(arch)) {
        throw row.error("arch_string", "architecture " + index + " was " + c.arch + " on an earlier line");
      }
      String hp = row.text("hp");
      if (!hp.equals("12") && !hp.equals("200")) throw row.error("hp", "expected 12 or 200, not '" + hp + "'");
      String dataset = row.text("dataset");
      if (!NatsImporter.DATASETS.contains(dataset)) {
        throw row.error("dataset", "expected one of " + NatsImporter.DATASETS + ", not '" + dataset + "'");
      }
      for (String m : METRICS) {
        if (row.raw(m).isEmpty()) continue;
        double v = row.number(m, 0, 100);
        double[] s = c.sums.computeIfAbsent(hp + "/" + dataset + "/" + m, k -> new double[2]);
        s[0] += v;
        s[1]++;
      }
      rows[0]++;
    });
    if (!partial && cells.size() < Nb201Space.SIZE) {
      throw new DataFormatException(seedsCsv, "file", 0, null, "covers " + cells.size() + " of the " + Nb201Space.SIZE
          + " NAS-Bench-201 architectures; the benchmarks need all of them (--partial writes the tables anyway)");
    }
    // Both tables are computed before either is written, so a missing value leaves neither behind.
    String t200 = table(seedsCsv, cells, "200", HEADER_200, COLUMNS_200);
    String t12 = table(seedsCsv, cells, "12", HEADER_12, COLUMNS_12);
    AtomicFiles.writeString(outDir.resolve("nb201_200ep.csv"), t200);
    AtomicFiles.writeString(outDir.resolve("nb201_12ep.csv"), t12);
    return new Summary(cells.size(), rows[0]);
  }

  private static String table(Path file, TreeMap<Integer, Cell> cells, String hp, String header, String[][] columns) {
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (Map.Entry<Integer, Cell> e : cells.entrySet()) {
      sb.append(e.getKey()).append(',').append(e.getValue().arch);
      for (String[] c : columns) sb.append(',').append(format(e.getValue().mean(file, e.getKey(), hp, c[0], c[1])));
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Ten decimals at most, trailing zeros dropped (as the reference tables: 81.52, 88.9186666585). */
  static String format(double percent) {
    BigDecimal d = new BigDecimal(percent).setScale(10, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
