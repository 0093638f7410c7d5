package org.nasbowl.experiments.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.space.nb101.Nb101Space;
import org.nasbowl.core.space.nb101.Nb101Spec;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.data.DataFormatException;

class Nb101BenchmarkTest {
  private final Nb101Space space = new Nb101Space();
  private static final String ROW0 = "00005c142e6f48ac74fdcf73e3439874,7,0100110001000000010010000010000001000000010000000,"
      + "input;conv3x3-bn-relu;maxpool3x3;conv3x3-bn-relu;conv3x3-bn-relu;conv1x1-bn-relu;output";

  @Test
  void completeSpaceHasTheDocumentedOptimum() {
    Path dir = TestPaths.requireData(Nb101Benchmark.RUN0_FILE).getParent();
    Nb101Benchmark b = Nb101Benchmark.run0(dir);
    assertEquals(423_624, b.size());
    assertEquals(0.9466145634651184, b.bestRegretMetric(), 1e-12);
    Nb101Spec first = space.parse("0100110001000000010010000010000001000000010000000|input;conv3x3-bn-relu;"
        + "maxpool3x3;conv3x3-bn-relu;conv3x3-bn-relu;conv1x1-bn-relu;output");
    assertEquals(0.9211738705635071, b.query(first, new SplittableRandom(0)).validationAccuracy(), 1e-12);
    // Any valid cell of the space can be queried.
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 1000; i++) b.query(b.space().sample(r), r);
  }

  @Test
  void subsetIsARestrictedSpaceWithValidationRegret() {
    Path dir = TestPaths.requireData(Nb101Benchmark.SUBSET_FILE).getParent();
    Nb101Benchmark b = Nb101Benchmark.subset20k(dir);
    assertEquals(20_001, b.size());
    assertTrue(b.regretMetric().contains("validation"));
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 200; i++) {
      Nb101Spec s = b.space().sample(r);
      Evaluation e = b.query(s, r);
      assertTrue(e.testAccuracy().isEmpty());
      assertTrue(e.trainingSeconds().isPresent() && e.parameters().isPresent());
      Nb101Spec child = b.space().mutate(s, r);
      assertNotEquals(space.key(s), space.key(child));
      b.query(child, r);
    }
    Nb101Spec outside = space.sample(new SplittableRandom(1));
    int misses = 0;
    SplittableRandom r2 = new SplittableRandom(2);
    for (int i = 0; i < 50; i++) {
      try {
        b.query(space.sample(r2), r2);
      } catch (ArchitectureNotInBenchmarkException e) {
        misses++;
        assertTrue(e.getMessage().contains("nb101-20k"));
      }
    }
    assertTrue(misses > 30, "most random cells are outside the 4.7% sample: " + misses + " " + outside);
  }

  private static Path table(Path dir, String... rows) throws IOException {
    String header = "module_hash,num_vertices,adjacency,operations,trainable_parameters,val_acc_4ep,val_acc_12ep,"
        + "val_acc_36ep,val_acc_108ep,training_time_108ep";
    Files.writeString(dir.resolve(Nb101Benchmark.SUBSET_FILE), header + "\n" + String.join("\n", rows) + "\n");
    return dir;
  }

  @Test
  void smallTableLoads(@TempDir Path dir) throws IOException {
    Nb101Benchmark b = Nb101Benchmark.subset20k(table(dir, ROW0 + ",8555530,0.36,0.42,0.90,0.93,1768.9"));
    assertEquals(0.93, b.bestValidationAccuracy(), 1e-12);
    assertEquals(1, b.size());
  }

  private static String error(Path dir, String... rows) throws IOException {
    table(dir, rows);
    DataFormatException e = assertThrows(DataFormatException.class, () -> Nb101Benchmark.subset20k(dir));
    return e.getMessage();
  }

  @Test
  void badRowsAreNamed(@TempDir Path dir) throws IOException {
    String ok = ROW0 + ",8555530,0.36,0.42,0.90,0.93,1768.9";
    String wrongHash = error(dir, ok.replace("00005c14", "ffff5c14"));
    assertTrue(wrongHash.contains("line 2") && wrongHash.contains("'module_hash'") && wrongHash.contains("does not match"),
        wrongHash);
    String dup = error(dir, ok, ok);
    assertTrue(dup.contains("line 3") && dup.contains("duplicate module hash") && dup.contains("first on line 2"), dup);
    String cyclic = error(dir, ok.replace(",0100110001", ",0100110101"));
    assertTrue(cyclic.contains("line 2") && cyclic.contains("'adjacency/operations'"), cyclic);
    String nan = error(dir, ROW0 + ",8555530,0.36,0.42,0.90,NaN,1768.9");
    assertTrue(nan.contains("line 2") && nan.contains("'val_acc_108ep'"), nan);
    String pct = error(dir, ROW0 + ",8555530,0.36,0.42,0.90,93.1,1768.9");
    assertTrue(pct.contains("outside [0.0, 1.0]"), pct);
  }
}
