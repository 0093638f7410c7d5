package org.nasbowl.experiments.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.space.InvalidArchitectureException;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.darts.DartsCell;
import org.nasbowl.core.space.darts.DartsEdge;
import org.nasbowl.core.space.darts.DartsGenotype;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.experiments.data.CsvTable;
import org.nasbowl.experiments.data.DataDirectory;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * The DARTS space on data (see data/README.md), each a {@link SparseTableSpace} over its table:
 * <ul>
 *   <li>{@code darts214}: 214 random genotypes really trained on CIFAR-10 with the DARTS protocol (600 epochs;
 *       Yang, Esperanca, Carlucci, ICLR 2020). No validation split exists, so the final test accuracy is both
 *       the objective and the metric.
 *   <li>{@code darts214-50ep}: the same genotypes at low fidelity: the objective is the test accuracy after 50
 *       epochs, regret is measured on the final (600-epoch) test accuracy.
 *   <li>{@code nb301-1218}: 1,218 random genotypes labelled by the NAS-Bench-301 v1.0 surrogate's predicted
 *       validation accuracy: a surrogate benchmark's answers, objective and metric alike.
 * </ul>
 * Reading checks every genotype (a malformed row is an error naming the file, line and column) and rejects
 * genotypes listed twice.
 */
public final class DartsBenchmark implements Benchmark<DartsGenotype> {
  public static final String DARTS214_FILE = "darts214_cifar10.csv";
  public static final String NB301_FILE = "nb301_surrogate_1218.csv";
  static final String GENOTYPE = "genotype";
  public static final int LOW_FIDELITY_EPOCHS = 50;

  private final String id;
  private final String description;
  private final String regretMetric;
  private final SparseTableSpace<DartsGenotype> space;
  private final Map<String, Integer> rowOf = new HashMap<>();
  private final List<DartsGenotype> genotypes;
  private final double[] objective;
  private final double[] metric;
  private final double bestObjective;
  private final double bestMetric;

  private DartsBenchmark(String id, String description, String regretMetric, List<DartsGenotype> genotypes,
      double[] objective, double[] metric) {
    this.id = id;
    this.description = description;
    this.regretMetric = regretMetric;
    this.genotypes = genotypes;
    this.objective = objective;
    this.metric = metric;
    DartsSpace full = new DartsSpace();
    for (int i = 0; i < genotypes.size(); i++) rowOf.put(full.key(genotypes.get(i)), i);
    this.space = new SparseTableSpace<>(full, genotypes, DartsBenchmark::distance);
    this.bestObjective = max(objective);
    this.bestMetric = max(metric);
  }

  /** The 214 trained genotypes; objective and metric: final test accuracy. */
  public static DartsBenchmark darts214(Path dataDir) {
    Table t = Table.read(DataDirectory.table(dataDir, DARTS214_FILE), "test_acc", "test_acc");
    return new DartsBenchmark("darts214", "DARTS space, 214 random genotypes trained on CIFAR-10 for 600 epochs "
        + "(Yang et al., ICLR 2020): objective and metric are the final test accuracy (no validation split exists); "
        + "a restricted space of the table's genotypes.", "test accuracy (600 epochs; also the objective)",
        t.genotypes, t.objective, t.metric);
  }

  /** The 214 genotypes at low fidelity: 50-epoch test accuracy as objective, final test accuracy as metric. */
  public static DartsBenchmark darts214LowFidelity(Path dataDir) {
    Table t = Table.read(DataDirectory.table(dataDir, DARTS214_FILE), "test_acc_ep" + LOW_FIDELITY_EPOCHS, "test_acc");
    return new DartsBenchmark("darts214-" + LOW_FIDELITY_EPOCHS + "ep", "DARTS space, the 214 trained genotypes at "
        + "low fidelity: objective = test accuracy after " + LOW_FIDELITY_EPOCHS + " of 600 epochs, regret on the final "
        + "test accuracy.", "test accuracy (600 epochs)", t.genotypes, t.objective, t.metric);
  }

  /** The 1,218 NB301-labelled genotypes; objective and metric: the surrogate's validation accuracy. */
  public static DartsBenchmark nb301(Path dataDir) {
    Table t = Table.read(DataDirectory.table(dataDir, NB301_FILE), "val_acc", "val_acc");
    return new DartsBenchmark("nb301-1218", "DARTS space, 1,218 random genotypes labelled by the NAS-Bench-301 v1.0 "
        + "surrogate (NB301 surrogate, predicted CIFAR-10 validation accuracy; not trained): objective and metric; "
        + "a restricted space of the table's genotypes.", "NB301 surrogate validation accuracy", t.genotypes,
        t.objective, t.metric);
  }

  /**
   * Edit distance between genotypes: the number of the 32 (cell, edge) slots whose op or input differ, after
   * both are put in canonical form (the two edges of a node sorted). One DARTS mutation changes one slot.
   */
  static int distance(DartsGenotype a, DartsGenotype b) {
    DartsGenotype x = a.canonical();
    DartsGenotype y = b.canonical();
    int d = 0;
    for (int c = 0; c < 2; c++) {
      List<DartsEdge> ex = x.cell(c).edges();
      List<DartsEdge> ey = y.cell(c).edges();
      for (int p = 0; p < DartsCell.EDGES; p++) {
        if (!ex.get(p).equals(ey.get(p))) d++;
      }
    }
    return d;
  }

  private static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double d : v) m = Math.max(m, d);
    return m;
  }

  /** Genotypes and two columns of a table. */
  private static final class Table {
    final List<DartsGenotype> genotypes = new ArrayList<>();
    double[] objective;
    double[] metric;

    static Table read(Path file, String objectiveColumn, String metricColumn) {
      Table t = new Table();
      DartsSpace space = new DartsSpace();
      Map<String, Long> lineOf = new HashMap<>();
      List<Double> obj = new ArrayList<>();
      List<Double> met = new ArrayList<>();
      CsvTable.read(file, List.of(GENOTYPE, objectiveColumn, metricColumn), row -> {
        DartsGenotype g;
        try {
          g = space.parse(row.text(GENOTYPE));
        } catch (InvalidArchitectureException e) {
          throw row.error(GENOTYPE, e.getMessage());
        }
        Long first = lineOf.putIfAbsent(space.key(g), row.line());
        if (first != null) throw row.error(GENOTYPE, "genotype listed twice (first on line " + first + ")");
        t.genotypes.add(g);
        obj.add(row.number(objectiveColumn, 0, 1));
        met.add(row.number(metricColumn, 0, 1));
      });
      if (t.genotypes.size() < 2) throw new DataFormatException(file, "line", 0, null, "the table has fewer than 2 rows");
      t.objective = obj.stream().mapToDouble(Double::doubleValue).toArray();
      t.metric = met.stream().mapToDouble(Double::doubleValue).toArray();
      return t;
    }
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
  public SearchSpace<DartsGenotype> space() {
    return space;
  }

  @Override
  public Evaluation query(DartsGenotype architecture, RandomGenerator rng) {
    Integer row = rowOf.get(space.key(architecture));
    if (row == null) throw new ArchitectureNotInBenchmarkException(id, space.format(architecture));
    return new Evaluation(objective[row], OptionalDouble.of(metric[row]), OptionalDouble.empty(),
        OptionalDouble.empty());
  }

  @Override
  public double bestValidationAccuracy() {
    return bestObjective;
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
    return true;
  }

  @Override
  public long size() {
    return genotypes.size();
  }

  @Override
  public Stream<DartsGenotype> architectures() {
    return genotypes.stream();
  }
}
