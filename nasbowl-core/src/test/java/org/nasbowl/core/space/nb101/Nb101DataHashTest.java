package org.nasbowl.core.space.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.testsupport.TestPaths;

/** The module hash reproduced from adjacency + operations on every row of the real NAS-Bench-101 tables. */
class Nb101DataHashTest {
  private final Nb101Space space = new Nb101Space();

  /** Checks every row (hash, num_vertices, adjacency, operations in columns 0..3); returns the hashes in order. */
  private Set<String> checkAllRows(Path file, int expectedRows) throws IOException {
    Nb101Hash hasher = new Nb101Hash();
    Set<String> hashes = new HashSet<>();
    try (BufferedReader r = TestPaths.open(file)) {
      String header = r.readLine();
      assertTrue(header.startsWith("module_hash,num_vertices,adjacency,operations"), header);
      String line;
      String previous = "";
      int rows = 0;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",", 5);
        Nb101Spec spec = space.parse(f[2] + "|" + f[3]);
        assertEquals(Integer.parseInt(f[1]), spec.numVertices(), line);
        assertTrue(spec.isPruned(), line);
        assertEquals(f[0], hasher.hash(spec), line);
        assertTrue(previous.compareTo(f[0]) < 0, "rows sorted by hash, unique: " + line);
        previous = f[0];
        hashes.add(f[0]);
        rows++;
      }
      assertEquals(expectedRows, rows);
    }
    return hashes;
  }

  @Test
  void allHashesOfTheSubset20kAreReproduced() throws IOException {
    Path file = TestPaths.requireData("nb101_subset20k_1run.csv");
    assertEquals(20_001, checkAllRows(file, 20_001).size());
  }

  @Test
  void allHashesOfTheWholeSpaceAreReproducedAndSamplesAndMutantsAreInIt() throws IOException {
    Path file = TestPaths.requireData("nb101_108ep_run0.csv.gz");
    Set<String> hashes = checkAllRows(file, 423_624);
    assertEquals(423_624, hashes.size());
    // Every sampled cell and every mutant is a NAS-Bench-101 cell (its key is in the table).
    SplittableRandom rng = new SplittableRandom(2021);
    Nb101Spec parent = space.sample(rng);
    for (int i = 0; i < 3000; i++) {
      Nb101Spec s = space.sample(rng);
      assertTrue(hashes.contains(space.key(s)), space.format(s));
      Nb101Spec child = space.mutate(i % 2 == 0 ? s : parent, rng);
      assertTrue(hashes.contains(space.key(child)), space.format(child));
      parent = child;
    }
  }
}
