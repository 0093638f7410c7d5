package org.nasbowl.experiments.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.space.nb101.Nb101Spec;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.data.DataFormatException;
import org.nasbowl.experiments.data.importer.NatsImporter;
import org.nasbowl.experiments.data.importer.Nb101TfrecordImporter;
import org.nasbowl.experiments.data.importer.Nb201Tables;

/** The per-seed benchmark variants: each query is one training seed's value, regret on the mean over seeds. */
class SeedDrawBenchmarksTest {

  /** Seed s of cell k on dataset d: distinct values whose mean is known. */
  private static double value(int k, int d, int s) {
    return 30 + (k % 997) * 0.04 + d + (s == 0 ? -0.5 - (k % 7) * 0.1 : 0.5 + (k % 7) * 0.1);
  }

  /** A per-seed table in import-nats's format: every cell, both schedules, every dataset, two seeds. */
  private static Path seedsTable(Path dir) throws IOException {
    Path f = dir.resolve(Nb201SeedsBenchmark.SEEDS_FILE);
    try (BufferedWriter w = Files.newBufferedWriter(f)) {
      w.write(NatsImporter.HEADER + "\n");
      for (int k = 0; k < Nb201Space.SIZE; k++) {
        String arch = Nb201Cell.fromOrdinal(k).archString();
        for (String hp : List.of("12", "200")) {
          for (int d = 0; d < NatsImporter.DATASETS.size(); d++) {
            for (int s = 0; s < 2; s++) {
              double v = value(k, d, s);
              w.write(String.format(Locale.ROOT, "%d,%s,%s,%s,%d,%.4f,%.4f,%.4f,,,%n", k, arch, hp,
                  NatsImporter.DATASETS.get(d), 777 + s, v + 10, v, v - 1));
            }
          }
        }
      }
    }
    Nb201Tables.build(f, dir, false);
    return f;
  }

  @Test
  void nb201SeedsDrawsOneSeedPerQueryAndMeasuresRegretOnTheMean(@TempDir Path dir) throws IOException {
    Path seeds = seedsTable(dir);
    Benchmark<?> opened = BenchmarkCatalog.open("nb201-cifar100-seeds", dir);
    assertTrue(BenchmarkCatalog.require("nb201-cifar100-seeds").missing(dir).isEmpty());
    Nb201SeedsBenchmark b = (Nb201SeedsBenchmark) opened;
    assertFalse(b.deterministic());
    int d = NatsImporter.DATASETS.indexOf("cifar100");
    SplittableRandom rng = new SplittableRandom(5);
    for (int k : new int[] {0, 1234, Nb201Space.SIZE - 1}) {
      Nb201Cell cell = Nb201Cell.fromOrdinal(k);
      double lo = value(k, d, 0) / 100;
      double hi = value(k, d, 1) / 100;
      Set<Double> seen = new HashSet<>();
      for (int i = 0; i < 40; i++) seen.add(b.query(cell, rng).validationAccuracy());
      assertEquals(2, seen.size(), "both seeds are drawn, nothing else: " + seen);
      assertTrue(seen.stream().allMatch(v -> Math.abs(v - lo) < 1e-9 || Math.abs(v - hi) < 1e-9), seen.toString());
      assertEquals((lo + hi) / 2, b.noiseless(cell).validationAccuracy(), 1e-9);
      assertEquals((value(k, d, 0) + value(k, d, 1)) / 2 / 100 - 0.01, b.noiseless(cell).testAccuracy().orElseThrow(),
          1e-9);
      assertTrue(Arrays.stream(b.seeds(cell)).allMatch(v -> Math.abs(v - lo) < 1e-9 || Math.abs(v - hi) < 1e-9));
    }
    // The same draws for the same seed.
    Nb201Cell c = Nb201Cell.fromOrdinal(42);
    SplittableRandom r1 = new SplittableRandom(9);
    SplittableRandom r2 = new SplittableRandom(9);
    for (int i = 0; i < 10; i++) assertEquals(b.query(c, r1).validationAccuracy(), b.query(c, r2).validationAccuracy());

    // A table built from another per-seed file is refused, naming the cell and the fix.
    List<String> lines = Files.readAllLines(seeds);
    String first = lines.stream().filter(l -> l.contains(",200,cifar100,777,")).findFirst().orElseThrow();
    lines.set(lines.indexOf(first), first.replaceFirst(",200,cifar100,777,([0-9.]+),([0-9.]+),", ",200,cifar100,777,$1,1.0,"));
    Files.write(seeds, lines);
    DataFormatException e = assertThrows(DataFormatException.class, () -> Nb201SeedsBenchmark.load(dir,
        Nb201Task.CIFAR100));
    assertTrue(e.getMessage().contains(Nb201Cell.fromOrdinal(Integer.parseInt(first.split(",")[0])).archString())
        && e.getMessage().contains("nb201-tables"), e.getMessage());
  }

  @Test
  void nb101SeedsDrawsOneOfTheThreeRuns(@TempDir Path dir) throws IOException {
    Nb101TfrecordImporter.importFile(TestPaths.formatSample("nb101_fixture_best108_3runs.tfrecord"),
        dir.resolve(Nb101Benchmark.OFFICIAL_FILE), org.nasbowl.experiments.data.importer.ImportProgress.NONE);
    Nb101Benchmark mean = (Nb101Benchmark) BenchmarkCatalog.open("nb101", dir);
    Nb101Benchmark seeds = (Nb101Benchmark) BenchmarkCatalog.open("nb101-seeds", dir);
    assertEquals("nb101-seeds", seeds.id());
    assertFalse(seeds.deterministic());
    Nb101Spec cell = mean.architectures().findFirst().orElseThrow();
    double m = mean.query(cell, null).validationAccuracy();
    Set<Double> seen = new HashSet<>();
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 60; i++) seen.add(seeds.query(cell, rng).validationAccuracy());
    assertTrue(seen.size() >= 2 && seen.size() <= 3, seen.toString());
    assertEquals(m, seeds.noiseless(cell).validationAccuracy(), 1e-12);
    double min = seen.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = seen.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertTrue(min <= m && m <= max, min + " <= " + m + " <= " + max);
  }
}
