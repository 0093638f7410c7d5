package org.nasbowl.core.space.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.testsupport.TestPaths;

class Nb101EnumeratorTest {
  private final Nb101Space space = new Nb101Space();

  @Test
  void enumerationStartsWithTheSmallestCellsInGeneratorOrder() {
    List<Nb101Enumerator.Cell> first = Nb101Enumerator.stream().limit(7).collect(Collectors.toList());
    // V = 2: input -> output. V = 3: matrix bits 5 (0->1->2) then 7 (plus 0->2), labels conv3x3, conv1x1, maxpool.
    List<String> expected = List.of(
        "043721b9c7fe8c5fad811d47d83132ec 0100|input;output",
        "b49ac8c578b4561d79ac7087988f1c61 010001000|input;conv3x3-bn-relu;output",
        "d1269d9156ddc027c40473008192958a 010001000|input;conv1x1-bn-relu;output",
        "53cee42601ad14d661bb6878031d6acb 010001000|input;maxpool3x3;output",
        "d32d0b26d534203b48d866facd98cc3e 011001000|input;conv3x3-bn-relu;output",
        "09fc2d10bdd6225e167a6f81a22a3f06 011001000|input;conv1x1-bn-relu;output",
        "6f6257bc3b12d87b8736e81cd4b7ed8b 011001000|input;maxpool3x3;output");
    assertEquals(expected, first.stream().map(c -> c.hash() + " " + space.format(c.spec())).toList());
  }

  @Test
  void cellsUpToFourVerticesComeFirst() {
    // The data has 1 + 6 + 84 cells of 2, 3 and 4 vertices.
    Nb101Enumerator e = new Nb101Enumerator();
    for (int i = 0; i < 91; i++) {
      Nb101Enumerator.Cell c = e.next();
      assertTrue(c.spec().numVertices() <= 4);
      assertTrue(c.spec().isPruned());
      assertEquals(c.hash(), c.spec().hash());
    }
    assertEquals(91, e.uniqueCellsFound());
    assertEquals(5, e.next().spec().numVertices());
  }

  /**
   * The full official enumeration: 1,293,208 labelled graphs, 423,624 unique hashes, exactly the hashes of the
   * dataset with the same pruned adjacency and vertex order. 25 s: in the reproduction tier
   * ({@code mvn verify -Preproduce}), not the default run.
   */
  @Test
  @Tag("reproduce")
  void enumerationReproducesTheWholeDataset() throws IOException {
    Path file = TestPaths.requireData("nb101_108ep_run0.csv.gz");
    Map<String, String> expected = new HashMap<>(600_000);
    try (BufferedReader r = TestPaths.open(file)) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",", 5);
        expected.put(f[0], f[2] + "|" + f[3]);
      }
    }
    assertEquals(423_624, expected.size());
    Nb101Enumerator e = new Nb101Enumerator();
    Nb101Hash hasher = new Nb101Hash();
    int n = 0;
    while (e.hasNext()) {
      Nb101Enumerator.Cell c = e.next();
      String want = expected.remove(c.hash());
      assertNotNull(want, "enumerated hash not in the dataset (or enumerated twice): " + c.hash());
      assertEquals(want, space.format(c.spec()), c.hash());
      if (n % 97 == 0) assertEquals(c.hash(), hasher.hash(c.spec()));
      n++;
    }
    assertEquals(423_624, n);
    assertTrue(expected.isEmpty(), expected.size() + " dataset hashes never enumerated");
    assertEquals(Nb101Enumerator.LABELLED_GRAPHS, e.labelledGraphsVisited());
    assertEquals(Nb101Enumerator.UNIQUE_CELLS, e.uniqueCellsFound());
  }
}
