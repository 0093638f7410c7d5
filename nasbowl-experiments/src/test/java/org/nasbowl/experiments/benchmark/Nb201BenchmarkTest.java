package org.nasbowl.experiments.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.data.DataFormatException;

class Nb201BenchmarkTest {
  private static final double EPS = 1e-9;
  private final Nb201Space space = new Nb201Space();

  @Test
  void realTableHasTheDocumentedOptima() {
    Path dir = TestPaths.requireData(Nb201Benchmark.TABLE_200).getParent();
    Nb201Benchmark c10 = Nb201Benchmark.load(dir, Nb201Task.CIFAR10, 200);
    assertEquals(0.9152333333, c10.bestRegretMetric(), 1e-8);
    assertEquals(0.9160666665, c10.bestValidationAccuracy(), 1e-8);
    Nb201Cell best = c10.architectures().skip(1459).findFirst().orElseThrow();
    assertEquals(1459, c10.officialIndex(best));
    assertEquals(0.9152333333, c10.query(best, new SplittableRandom(0)).testAccuracy().getAsDouble(), 1e-8);
    assertEquals(0.7351333333, Nb201Benchmark.load(dir, Nb201Task.CIFAR100, 200).bestRegretMetric(), 1e-8);
    assertEquals(0.4731111110, Nb201Benchmark.load(dir, Nb201Task.IMAGENET16, 200).bestRegretMetric(), 1e-8);
    // Row 0 of the table, read by hand.
    Nb201Cell row0 = space.parse(
        "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|");
    Evaluation e = c10.query(row0, new SplittableRandom(0));
    assertEquals(0.819826666569, e.validationAccuracy(), EPS);
    assertEquals(0.8152, e.testAccuracy().getAsDouble(), EPS);
    assertEquals(0, c10.officialIndex(row0));
    assertEquals(15_625, c10.architectures().map(space::key).distinct().count());
  }

  @Test
  void lowFidelityVariantReadsTwelveEpochValidationAndFullTest() {
    Path dir = TestPaths.requireData(Nb201Benchmark.TABLE_12).getParent();
    TestPaths.requireData(Nb201Benchmark.TABLE_200);
    Nb201Benchmark low = Nb201Benchmark.load(dir, Nb201Task.CIFAR10, 12);
    Nb201Benchmark full = Nb201Benchmark.load(dir, Nb201Task.CIFAR10, 200);
    assertEquals("nb201-cifar10-12ep", low.id());
    Nb201Cell cell = low.architectures().findFirst().orElseThrow();
    SplittableRandom r = new SplittableRandom(0);
    assertEquals(full.query(cell, r).testAccuracy(), low.query(cell, r).testAccuracy());
    assertTrue(low.bestValidationAccuracy() < full.bestValidationAccuracy() - 0.05);
  }

  private static final String HEADER = "arch_index,arch_string,cifar10_valid_acc,cifar10_valid_test_acc";

  /** A complete, valid table with synthetic values; list index i is file line i + 1 and holds ordinal i - 1. */
  private static List<String> fullTable() {
    List<String> lines = new java.util.ArrayList<>();
    lines.add(HEADER);
    for (int k = 0; k < Nb201Space.SIZE; k++) {
      lines.add(k + "," + Nb201Cell.fromOrdinal(k).archString() + "," + (k % 100) + "," + ((k * 7) % 100));
    }
    return lines;
  }

  private static Path write(Path dir, List<String> lines) throws IOException {
    Files.writeString(dir.resolve(Nb201Benchmark.TABLE_200), lines.stream().collect(Collectors.joining("\n")) + "\n");
    return dir;
  }

  @Test
  void syntheticTableLoadsAndQueriesByArchitecture(@TempDir Path dir) throws IOException {
    Nb201Benchmark b = Nb201Benchmark.load(write(dir, fullTable()), Nb201Task.CIFAR10, 200);
    Nb201Cell c = Nb201Cell.fromOrdinal(1234);
    assertEquals(0.34, b.query(c, new SplittableRandom(1)).validationAccuracy(), EPS);
    assertEquals((1234 * 7 % 100) / 100.0, b.query(c, new SplittableRandom(1)).testAccuracy().getAsDouble(), EPS);
    assertEquals(0.99, b.bestValidationAccuracy(), EPS);
  }

  private static String badTableError(Path dir, java.util.function.UnaryOperator<List<String>> corrupt)
      throws IOException {
    write(dir, corrupt.apply(fullTable()));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> Nb201Benchmark.load(dir, Nb201Task.CIFAR10, 200));
    assertTrue(e.getMessage().startsWith(dir.resolve(Nb201Benchmark.TABLE_200).toString()), e.getMessage());
    return e.getMessage();
  }

  @Test
  void missingColumnIsNamed(@TempDir Path dir) throws IOException {
    String m = badTableError(dir, t -> {
      t.set(0, "arch_index,arch_string,cifar10_valid_acc,other");
      return t;
    });
    assertTrue(m.contains("line 1") && m.contains("cifar10_valid_test_acc"), m);
  }

  @Test
  void raggedRowIsNamed(@TempDir Path dir) throws IOException {
    String m = badTableError(dir, t -> {
      t.set(10, t.get(10) + ",5");
      return t;
    });
    assertTrue(m.contains("line 11") && m.contains("5 fields"), m);
  }

  @Test
  void nanAndNonNumericAccuraciesAreNamed(@TempDir Path dir) throws IOException {
    String nan = badTableError(dir, t -> {
      t.set(5, t.get(5).replaceAll(",[0-9]+,([0-9]+)$", ",NaN,$1"));
      return t;
    });
    assertTrue(nan.contains("line 6") && nan.contains("'cifar10_valid_acc'") && nan.contains("finite"), nan);
    String text = badTableError(dir, t -> {
      t.set(7, t.get(7).replaceAll(",([0-9]+)$", ",high"));
      return t;
    });
    assertTrue(text.contains("line 8") && text.contains("'cifar10_valid_test_acc'") && text.contains("'high'"), text);
    String range = badTableError(dir, t -> {
      t.set(8, t.get(8).replaceAll(",([0-9]+)$", ",101"));
      return t;
    });
    assertTrue(range.contains("line 9") && range.contains("outside"), range);
  }

  @Test
  void duplicateAndMalformedArchitecturesAreNamed(@TempDir Path dir) throws IOException {
    String dup = badTableError(dir, t -> {
      t.set(3, t.get(3).replaceFirst("^[0-9]+,[^,]+,", "2," + Nb201Cell.fromOrdinal(0).archString() + ","));
      return t;
    });
    assertTrue(dup.contains("line 4") && dup.contains("duplicate architecture") && dup.contains("first on line 2"),
        dup);
    String bad = badTableError(dir, t -> {
      t.set(4, t.get(4).replace("none~0", "conv9x9~0"));
      return t;
    });
    assertTrue(bad.contains("line 5") && bad.contains("'arch_string'") && bad.contains("conv9x9"), bad);
  }

  @Test
  void incompleteTableIsRejected(@TempDir Path dir) throws IOException {
    String m = badTableError(dir, t -> t.subList(0, 101));
    assertTrue(m.contains("covers 100 of the 15,625"), m);
  }
}
