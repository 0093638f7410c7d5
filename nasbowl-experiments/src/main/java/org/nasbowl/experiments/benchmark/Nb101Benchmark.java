package org.nasbowl.experiments.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.nasbowl.core.space.InvalidArchitectureException;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.nb101.Nb101Space;
import org.nasbowl.core.space.nb101.Nb101Spec;
import org.nasbowl.experiments.data.CsvTable;
import org.nasbowl.experiments.data.DataDirectory;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * NAS-Bench-101 (Ying et al., ICML 2019) from one of the project's tables, looked up by module hash.
 * Accuracies in the tables are fractions. Three variants:
 *
 * <ul>
 *   <li>{@code nb101-run0}: the complete space ({@value #RUN0_FILE}); objective and reported metric are the
 *       single-run (run 0) test accuracy at 108 epochs, regret relative to that column's optimum.
 *   <li>{@code nb101-20k}: the 20,001-cell sample ({@value #SUBSET_FILE}); objective = validation accuracy at 108
 *       epochs of one run; no test accuracy, so regret is on validation accuracy; a restricted space.
 *   <li>{@code nb101}: the official three runs imported from {@code nasbench_only108.tfrecord}
 *       ({@value #OFFICIAL_FILE}); objective = mean validation accuracy (or one run drawn per query when
 *       stochastic), regret on the mean test accuracy.
 * </ul>
 */
public final class Nb101Benchmark implements Benchmark<Nb101Spec> {
  public static final String RUN0_FILE = "nb101_108ep_run0.csv";
  public static final String SUBSET_FILE = "nb101_subset20k_1run.csv";
  public static final String OFFICIAL_FILE = "nb101_108ep_3runs.csv";

  private static final String HASH = "module_hash";
  private static final String ADJ = "adjacency";
  private static final String OPS = "operations";

  private final String id;
  private final String description;
  private final String regretMetric;
  private final SearchSpace<Nb101Spec> space;
  private final Map<String, Integer> rowOf;
  private final String[] notation;
  /** Per row and run: the validation accuracies (one column for single-run tables). */
  private final double[][] validRuns;
  private final double[] validMean;
  private final double[] test;
  private final double[] trainingSeconds;
  private final double[] parameters;
  private final boolean stochastic;
  private final double bestValid;
  private final double bestMetric;

  private Nb101Benchmark(String id, String description, String regretMetric, boolean restricted, Table t,
      boolean stochastic) {
    this.id = id;
    this.description = description;
    this.regretMetric = regretMetric;
    this.rowOf = t.rowOf;
    this.notation = t.notation.toArray(new String[0]);
    this.validRuns = t.validRuns.toArray(new double[0][]);
    this.validMean = t.validMean.stream().mapToDouble(Double::doubleValue).toArray();
    this.test = t.test.stream().mapToDouble(Double::doubleValue).toArray();
    this.trainingSeconds = t.trainingSeconds.stream().mapToDouble(Double::doubleValue).toArray();
    this.parameters = t.parameters.stream().mapToDouble(Double::doubleValue).toArray();
    this.stochastic = stochastic;
    Nb101Space full = new Nb101Space();
    this.space = restricted
        ? new TableRestrictedSpace<>(full, id, IntStream.range(0, notation.length).mapToObj(this::spec).toList())
        : full;
    this.bestValid = max(validMean);
    this.bestMetric = max(test.length > 0 && !Double.isNaN(test[0]) ? test : validMean);
  }

  private static double max(double[] a) {
    double m = Double.NEGATIVE_INFINITY;
    for (double d : a) m = Math.max(m, d);
    return m;
  }

  /** The complete space with the run-0 test accuracy as objective and metric. */
  public static Nb101Benchmark run0(Path dataDir) {
    Path file = DataDirectory.table(dataDir, RUN0_FILE);
    String col = "test_acc_108ep_run0";
    Table t = Table.read(file, List.of(col), col, null, null);
    if (t.notation.size() != 423_624) {
      throw new DataFormatException(file, "line", 0, HASH,
          "expected all 423,624 NAS-Bench-101 cells, found " + t.notation.size());
    }
    return new Nb101Benchmark("nb101-run0",
        "NAS-Bench-101, complete space (423,624 cells): objective and reported metric are the single-run (run 0) "
            + "test accuracy at 108 epochs; regret is relative to that column's optimum (no validation accuracy "
            + "or 3-run mean exists in public sources for the whole space).",
        "single-run test accuracy (run 0, 108 epochs)", false, t, false);
  }

  /** The 20,001-cell sample with one run's validation accuracy; a restricted space, validation regret. */
  public static Nb101Benchmark subset20k(Path dataDir) {
    Table t = Table.read(DataDirectory.table(dataDir, SUBSET_FILE), List.of("val_acc_108ep"), null, "training_time_108ep",
        "trainable_parameters");
    return new Nb101Benchmark("nb101-20k",
        "NAS-Bench-101, 20,001-cell sample (restricted space): objective = validation accuracy at 108 epochs "
            + "(one run); no test accuracy in this table, so regret is measured on validation accuracy.",
        "validation accuracy (no test accuracy in this table)", true, t, false);
  }

  /** The official table imported from the tfrecord, 3 runs per cell. */
  public static Nb101Benchmark official(Path dataDir, boolean stochastic) {
    Table t = Table.read(DataDirectory.table(dataDir, OFFICIAL_FILE), List.of("val_acc_run0", "val_acc_run1", "val_acc_run2"),
        "test_acc_mean", "training_time_mean", "trainable_parameters");
    return new Nb101Benchmark(stochastic ? "nb101-seeds" : "nb101",
        "NAS-Bench-101, official 108-epoch results (3 runs per cell): objective = "
            + (stochastic ? "validation accuracy of one run drawn per query" : "mean validation accuracy")
            + "; regret on the mean test accuracy.",
        "mean test accuracy (3 runs, 108 epochs)", false, t, stochastic);
  }

  /** Column-wise storage read from a table. */
  private static final class Table {
    final Map<String, Integer> rowOf = new HashMap<>();
    final Map<String, Long> lineOf = new HashMap<>();
    final List<String> notation = new ArrayList<>();
    final List<double[]> validRuns = new ArrayList<>();
    final List<Double> validMean = new ArrayList<>();
    final List<Double> test = new ArrayList<>();
    final List<Double> trainingSeconds = new ArrayList<>();
    final List<Double> parameters = new ArrayList<>();

    static Table read(Path file, List<String> validColumns, String testColumn, String timeColumn,
        String paramColumn) {
      Table t = new Table();
      Nb101Space space = new Nb101Space();
      List<String> required = new ArrayList<>(List.of(HASH, ADJ, OPS));
      required.addAll(validColumns);
      for (String c : new String[] {testColumn, timeColumn, paramColumn}) if (c != null) required.add(c);
      CsvTable.read(file, required, row -> {
        String hash = row.text(HASH);
        String text = row.text(ADJ) + "|" + row.text(OPS);
        Nb101Spec spec;
        try {
          spec = space.parse(text);
        } catch (InvalidArchitectureException e) {
          throw row.error(ADJ + "/" + OPS, e.getMessage());
        }
        // Lookups go by the hash computed from the spec, so a wrong hash column would silently lose the row.
        if (!spec.hash().equals(hash)) {
          throw row.error(HASH, "hash " + hash + " does not match the cell's module hash " + spec.hash());
        }
        Long first = t.lineOf.putIfAbsent(hash, row.line());
        if (first != null) throw row.error(HASH, "duplicate module hash " + hash + " (first on line " + first + ")");
        double[] runs = new double[validColumns.size()];
        double sum = 0;
        for (int k = 0; k < runs.length; k++) {
          runs[k] = row.number(validColumns.get(k), 0, 1);
          sum += runs[k];
        }
        t.rowOf.put(hash, t.notation.size());
        t.notation.add(text);
        t.validRuns.add(runs);
        t.validMean.add(sum / runs.length);
        t.test.add(testColumn == null ? Double.NaN : row.number(testColumn, 0, 1));
        t.trainingSeconds.add(timeColumn == null ? Double.NaN : row.number(timeColumn));
        t.parameters.add(paramColumn == null ? Double.NaN : row.number(paramColumn));
      });
      if (t.notation.isEmpty()) throw new DataFormatException(file, "line", 0, null, "the table has no rows");
      return t;
    }
  }

  private Nb101Spec spec(int row) {
    return new Nb101Space().parse(notation[row]);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public SearchSpace<Nb101Spec> space() {
    return space;
  }

  @Override
  public Evaluation query(Nb101Spec architecture, RandomGenerator rng) {
    String hash = architecture.hash();
    Integer row = rowOf.get(hash);
    if (row == null) throw new ArchitectureNotInBenchmarkException(id, space.format(architecture) + " (hash " + hash + ")");
    double[] runs = validRuns[row];
    double v = stochastic ? runs[rng.nextInt(runs.length)] : validMean[row];
    OptionalDouble t = Double.isNaN(test[row]) ? OptionalDouble.empty() : OptionalDouble.of(test[row]);
    return new Evaluation(v, t, optional(trainingSeconds[row]), optional(parameters[row]));
  }

  @Override
  public Evaluation noiseless(Nb101Spec architecture) {
    Integer row = rowOf.get(architecture.hash());
    if (row == null) return query(architecture, null);
    OptionalDouble t = Double.isNaN(test[row]) ? OptionalDouble.empty() : OptionalDouble.of(test[row]);
    return new Evaluation(validMean[row], t, optional(trainingSeconds[row]), optional(parameters[row]));
  }

  private static OptionalDouble optional(double d) {
    return Double.isNaN(d) ? OptionalDouble.empty() : OptionalDouble.of(d);
  }

  @Override
  public double bestValidationAccuracy() {
    return bestValid;
  }

  @Override
  public double bestRegretMetric() {
    return bestMetric;
  }

  @Override
  public String regretMetric() {
    return regretMetric;
  }

  @Override
  public boolean deterministic() {
    return !stochastic;
  }

  @Override
  public long size() {
    return notation.length;
  }

  /** Cells in table order (sorted by module hash in the shipped tables). */
  @Override
  public Stream<Nb101Spec> architectures() {
    Nb101Space full = new Nb101Space();
    return Stream.of(notation).map(full::parse);
  }
}
