package org.nasbowl.experiments.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.darts.DartsGenotype;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.data.DataFormatException;
import org.nasbowl.experiments.nas.BenchmarkRun;
import org.nasbowl.experiments.nas.Methods;
import org.nasbowl.experiments.nas.QueryRecord;

/** The DARTS benchmarks: the shared tables when present, and small tables written here. */
class DartsBenchmarkTest {
  @TempDir Path tmp;

  private final DartsSpace space = new DartsSpace();

  @Test
  void everyRowOfBothTablesParsesAndEncodes() {
    Path dir = TestPaths.requireData(DartsBenchmark.DARTS214_FILE).getParent();
    TestPaths.requireData(DartsBenchmark.NB301_FILE);
    DartsBenchmark d = DartsBenchmark.darts214(dir);
    DartsBenchmark n = DartsBenchmark.nb301(dir);
    DartsBenchmark low = DartsBenchmark.darts214LowFidelity(dir);
    assertEquals(214, d.size());
    assertEquals(1218, n.size());
    assertEquals(0.9741, d.bestRegretMetric(), 1e-9);
    assertEquals(d.bestRegretMetric(), low.bestRegretMetric(), 0);
    assertTrue(low.bestValidationAccuracy() < d.bestValidationAccuracy(), "50 epochs are worse than 600");
    for (DartsBenchmark b : List.of(d, n)) {
      SplittableRandom rng = new SplittableRandom(0);
      b.architectures().forEach(g -> {
        List<LabelledDag> cells = b.space().encode(g);
        assertEquals(2, cells.size());
        for (LabelledDag c : cells) assertTrue(c.size() >= 7 && c.size() <= 15, "cell of " + c.size() + " nodes");
        assertEquals(g, space.parse(space.format(g)));
        double v = b.query(g, rng).validationAccuracy();
        assertTrue(v > 0.9 && v < 0.98, "accuracy " + v);
      });
    }
    // The first row of darts214_cifar10.csv, as data/README.md shows it.
    DartsGenotype first = d.architectures().findFirst().orElseThrow();
    assertEquals(0.9702, d.query(first, new SplittableRandom(0)).validationAccuracy(), 1e-9);
  }

  /** A table of {@code n} random genotypes in the darts214 format, accuracy 0.9 + (row mod 50) / 1000. */
  private Path table(int n) throws Exception {
    StringBuilder sb = new StringBuilder("idx,genotype,test_acc,test_acc_ep50\n");
    SplittableRandom rng = new SplittableRandom(42);
    Set<String> keys = new HashSet<>();
    int row = 0;
    while (row < n) {
      DartsGenotype g = space.sample(rng);
      if (!keys.add(space.key(g))) continue;
      sb.append(row).append(",\"").append(space.format(g)).append("\",").append(0.9 + (row % 50) / 1000.0)
          .append(',').append(0.8).append('\n');
      row++;
    }
    Files.writeString(tmp.resolve(DartsBenchmark.DARTS214_FILE), sb.toString());
    return tmp;
  }

  @ParameterizedTest
  @ValueSource(strings = {"nasbowl-m", "nasbowl-x", "bananas-m", "evolution", "local", "gp-path", "random"})
  void aTableSpaceNeverProposesAGenotypeOutsideItsTable(String method) throws Exception {
    DartsBenchmark b = DartsBenchmark.darts214(table(120));
    Set<String> table = new HashSet<>();
    b.architectures().forEach(g -> table.add(space.key(g)));
    List<QueryRecord> qs = BenchmarkRun.run(b, Methods.factory(method, true, false), 3,
        BenchmarkRun.Schedule.defaults(40), null);
    assertEquals(40, qs.size());
    Set<String> seen = new HashSet<>();
    for (QueryRecord q : qs) {
      assertTrue(table.contains(q.key()), method + " proposed " + q.architecture() + ", not in the table");
      assertTrue(seen.add(q.key()), "proposed twice");
    }
  }

  @Test
  void mutationMovesToTheNearestTableGenotypes() throws Exception {
    DartsBenchmark b = DartsBenchmark.darts214(table(150));
    List<DartsGenotype> all = b.architectures().toList();
    DartsGenotype parent = all.get(7);
    List<DartsGenotype> near = b.space().neighbours(parent, new SplittableRandom(0));
    assertEquals(SparseTableSpace.NEIGHBOURS, near.size());
    int farthestNear = near.stream().mapToInt(g -> DartsBenchmark.distance(parent, g)).max().orElseThrow();
    Set<String> nearKeys = new HashSet<>();
    for (DartsGenotype g : near) nearKeys.add(space.key(g));
    assertFalse(nearKeys.contains(space.key(parent)));
    for (DartsGenotype g : all) {
      if (g == parent || nearKeys.contains(space.key(g))) continue;
      assertTrue(DartsBenchmark.distance(parent, g) >= farthestNear, "a closer genotype was left out");
    }
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < 100; i++) assertTrue(nearKeys.contains(space.key(b.space().mutate(parent, rng))));
    // Hand-checked distance: one edge's op changed is distance 1; the same genotype is 0.
    DartsGenotype child = space.parse(space.format(parent).replaceFirst("'[a-z_0-9]+', ", "'dil_conv_5x5', "));
    int d = DartsBenchmark.distance(parent, child);
    assertTrue(d <= 1, "one op changed: distance " + d);
    assertEquals(0, DartsBenchmark.distance(parent, parent));
  }

  @Test
  void aMalformedGenotypeNamesFileLineAndField() throws Exception {
    table(10);
    Path f = tmp.resolve(DartsBenchmark.DARTS214_FILE);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(f));
    lines.set(4, lines.get(4).replace("normal=[(", "normal=[('conv_9x9', 0), ("));
    Files.write(f, lines);
    DataFormatException e = assertThrows(DataFormatException.class, () -> DartsBenchmark.darts214(tmp));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("line 5")
        && e.getMessage().contains("genotype"), e.getMessage());
  }
}
