package org.nasbowl.experiments.benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.nasbowl.core.space.InvalidArchitectureException;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.experiments.data.CsvTable;
import org.nasbowl.experiments.data.DataDirectory;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * NAS-Bench-201 (Dong and Yang, ICLR 2020) on one task, from the project's CSV tables (accuracies in percent,
 * mean over training seeds; stored here as fractions). The objective is the validation accuracy at the chosen
 * epoch budget (200, or 12 for the low-fidelity variant); regret is measured on the 200-epoch test accuracy.
 */
public final class Nb201Benchmark implements Benchmark<Nb201Cell> {
  public static final String TABLE_200 = "nb201_200ep.csv";
  public static final String TABLE_12 = "nb201_12ep.csv";

  private static final String ARCH = "arch_string";
  private static final String INDEX = "arch_index";

  private final String id;
  private final Nb201Task task;
  private final int epochs;
  private final Nb201Space space = new Nb201Space();
  private final double[] valid = new double[Nb201Space.SIZE];
  private final double[] test = new double[Nb201Space.SIZE];
  private final int[] officialIndex = new int[Nb201Space.SIZE];
  private double bestValid;
  private double bestTest;

  private Nb201Benchmark(String id, Nb201Task task, int epochs) {
    this.id = id;
    this.task = task;
    this.epochs = epochs;
    Arrays.fill(officialIndex, -1);
  }

  /**
   * Loads a task from the data directory.
   *
   * @param epochs 200 (the full schedule) or 12 (low fidelity: validation from {@link #TABLE_12})
   */
  public static Nb201Benchmark load(Path dataDir, Nb201Task task, int epochs) {
    if (epochs != 200 && epochs != 12) throw new IllegalArgumentException("epochs must be 200 or 12, got " + epochs);
    String id = "nb201-" + task.idSuffix + (epochs == 12 ? "-12ep" : "");
    Nb201Benchmark b = new Nb201Benchmark(id, task, epochs);
    b.readColumn(DataDirectory.table(dataDir, TABLE_200), task.testColumn, b.test, true);
    b.readColumn(DataDirectory.table(dataDir, epochs == 200 ? TABLE_200 : TABLE_12), task.validColumn, b.valid, epochs == 200);
    b.bestValid = Arrays.stream(b.valid).max().orElseThrow();
    b.bestTest = Arrays.stream(b.test).max().orElseThrow();
    return b;
  }

  private void readColumn(Path file, String column, double[] into, boolean recordIndex) {
    int[] firstLine = new int[Nb201Space.SIZE];
    boolean[] indexSeen = new boolean[Nb201Space.SIZE];
    CsvTable.read(file, List.of(INDEX, ARCH, column), row -> {
      Nb201Cell cell;
      try {
        cell = space.parse(row.text(ARCH));
      } catch (InvalidArchitectureException e) {
        throw row.error(ARCH, e.getMessage());
      }
      int k = cell.ordinal();
      if (firstLine[k] != 0) {
        throw row.error(ARCH, "duplicate architecture " + cell.archString() + " (first on line " + firstLine[k] + ")");
      }
      firstLine[k] = (int) row.line();
      into[k] = row.number(column, 0, 100) / 100.0;
      long index = row.integer(INDEX);
      if (index < 0 || index >= Nb201Space.SIZE) throw row.error(INDEX, "index " + index + " outside 0..15624");
      if (recordIndex) {
        if (indexSeen[(int) index]) throw row.error(INDEX, "duplicate index " + index);
        indexSeen[(int) index] = true;
        officialIndex[k] = (int) index;
      } else if (officialIndex[k] != index) {
        throw row.error(INDEX, "architecture " + cell.archString() + " has index " + index + " here but "
            + officialIndex[k] + " in " + TABLE_200);
      }
    });
    long missing = Arrays.stream(firstLine).filter(l -> l == 0).count();
    if (missing > 0) {
      throw new DataFormatException(file, "line", 0, ARCH,
          "the table covers " + (Nb201Space.SIZE - missing) + " of the 15,625 NAS-Bench-201 cells");
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String description() {
    return "NAS-Bench-201 " + task.officialName + ": objective = validation accuracy after " + epochs
        + " epochs (mean over seeds), regret on the 200-epoch test accuracy; 15,625 cells.";
  }

  @Override
  public SearchSpace<Nb201Cell> space() {
    return space;
  }

  @Override
  public Evaluation query(Nb201Cell cell, RandomGenerator rng) {
    int k = cell.ordinal();
    return new Evaluation(valid[k], OptionalDouble.of(test[k]), OptionalDouble.empty(), OptionalDouble.empty());
  }

  /** The official NAS-Bench-201 index of a cell. */
  public int officialIndex(Nb201Cell cell) {
    return officialIndex[cell.ordinal()];
  }

  @Override
  public double bestValidationAccuracy() {
    return bestValid;
  }

  @Override
  public double bestRegretMetric() {
    return bestTest;
  }

  @Override
  public String regretMetric() {
    return "test accuracy (200 epochs)";
  }

  @Override
  public boolean deterministic() {
    return true;
  }

  @Override
  public long size() {
    return Nb201Space.SIZE;
  }

  /** Cells in official index order. */
  @Override
  public Stream<Nb201Cell> architectures() {
    Nb201Cell[] byIndex = new Nb201Cell[Nb201Space.SIZE];
    IntStream.range(0, Nb201Space.SIZE).forEach(k -> byIndex[officialIndex[k]] = Nb201Cell.fromOrdinal(k));
    return Arrays.stream(byIndex);
  }
}
