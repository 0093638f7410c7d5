package org.nasbowl.experiments.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.space.InvalidArchitectureException;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.experiments.data.CsvTable;
import org.nasbowl.experiments.data.DataDirectory;
import org.nasbowl.experiments.data.DataFormatException;
import org.nasbowl.experiments.data.importer.Nb201Tables;

/**
 * NAS-Bench-201 with real training noise: every query returns the 200-epoch validation accuracy of one training
 * seed, drawn from the run's generator, from the per-seed table {@code import-nats} writes ({@value #SEEDS_FILE}).
 * The noiseless value (what regret is measured on) is the mean over the seeds, which must be what the 200-epoch
 * table holds, so that table has to be built from the same per-seed file ({@code data nb201-tables}); a mismatch
 * is an error naming the cell.
 */
public final class Nb201SeedsBenchmark implements Benchmark<Nb201Cell> {
  public static final String SEEDS_FILE = "nats_tss_seeds.csv";

  private final String id;
  private final Nb201Benchmark means;
  private final double[][] seeds = new double[Nb201Space.SIZE][];

  private Nb201SeedsBenchmark(String id, Nb201Benchmark means) {
    this.id = id;
    this.means = means;
  }

  public static Nb201SeedsBenchmark load(Path dataDir, Nb201Task task) {
    Nb201Benchmark means = Nb201Benchmark.load(dataDir, task, 200);
    Nb201SeedsBenchmark b = new Nb201SeedsBenchmark("nb201-" + task.idSuffix + "-seeds", means);
    String[] source = Nb201Tables.source200(task.validColumn);
    Path file = DataDirectory.table(dataDir, SEEDS_FILE);
    List<List<Double>> values = new ArrayList<>();
    for (int k = 0; k < Nb201Space.SIZE; k++) values.add(new ArrayList<>(3));
    Nb201Space space = new Nb201Space();
    CsvTable.read(file, List.of("arch_string", "hp", "dataset", source[1]), row -> {
      if (!row.text("hp").equals("200") || !row.text("dataset").equals(source[0])) return;
      if (row.raw(source[1]).isEmpty()) return;
      Nb201Cell cell;
      try {
        cell = space.parse(row.text("arch_string"));
      } catch (InvalidArchitectureException e) {
        throw row.error("arch_string", e.getMessage());
      }
      values.get(cell.ordinal()).add(row.number(source[1], 0, 100) / 100.0);
    });
    for (int k = 0; k < Nb201Space.SIZE; k++) {
      Nb201Cell cell = Nb201Cell.fromOrdinal(k);
      List<Double> v = values.get(k);
      if (v.isEmpty()) {
        throw new DataFormatException(file, "line", 0, source[1], "no 200-epoch " + source[0] + " " + source[1]
            + " for " + cell.archString());
      }
      b.seeds[k] = v.stream().mapToDouble(Double::doubleValue).toArray();
      double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double table = means.query(cell, null).validationAccuracy();
      if (Math.abs(mean - table) > 1e-8) {
        throw new DataFormatException(file, "line", 0, source[1], String.format(java.util.Locale.ROOT,
            "the seeds of %s average %.6f%% but %s holds %.6f%%: build the tables from this file with `nasbowl "
                + "data nb201-tables --from %s`", cell.archString(), 100 * mean, Nb201Benchmark.TABLE_200,
            100 * table, file));
      }
    }
    return b;
  }

  /** The per-seed validation accuracies of a cell. */
  public double[] seeds(Nb201Cell cell) {
    return seeds[cell.ordinal()].clone();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return means.description().replace("(mean over seeds)", "of one training seed drawn per query")
        + " Regret on the means over seeds.";
  }

  @Override
  public SearchSpace<Nb201Cell> space() {
    return means.space();
  }

  @Override
  public Evaluation query(Nb201Cell cell, RandomGenerator rng) {
    double[] s = seeds[cell.ordinal()];
    Evaluation mean = means.query(cell, rng);
    return new Evaluation(s[rng.nextInt(s.length)], mean.testAccuracy(), OptionalDouble.empty(),
        OptionalDouble.empty());
  }

  @Override
  public Evaluation noiseless(Nb201Cell cell) {
    return means.query(cell, null);
  }

  @Override
  public double bestValidationAccuracy() {
    return means.bestValidationAccuracy();
  }

  @Override
  public double bestRegretMetric() {
    return means.bestRegretMetric();
  }

  @Override
  public String regretMetric() {
    return means.regretMetric();
  }

  @Override
  public boolean deterministic() {
    return false;
  }

  @Override
  public long size() {
    return means.size();
  }

  @Override
  public Stream<Nb201Cell> architectures() {
    return means.architectures();
  }
}
