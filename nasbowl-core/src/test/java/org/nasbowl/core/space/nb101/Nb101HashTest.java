package org.nasbowl.core.space.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nasbowl.core.graph.GraphIsomorphism;

class Nb101HashTest {
  private final Nb101Space space = new Nb101Space();

  /** Official hashes: the best cells per budget (nb101_best_by_test_acc_per_budget.json) and rows of the data. */
  @ParameterizedTest
  @CsvSource(delimiter = ',', value = {
      // best at 108 epochs
      "02e5a0247bbdcf2860b7e96f74961594,0110011000001000010000000100000001000000010000000|"
          + "input;conv1x1-bn-relu;conv3x3-bn-relu;maxpool3x3;conv3x3-bn-relu;conv3x3-bn-relu;output",
      // best at 4 epochs
      "88ad61b1c2713e61502b6badc4d3e08a,0111000001000000000010000110000001000000010000000|"
          + "input;maxpool3x3;conv1x1-bn-relu;maxpool3x3;conv1x1-bn-relu;conv3x3-bn-relu;output",
      // best at 12 epochs
      "ac0d9ae5bf102768bb95acccf45cde99,0111010000000100000010000100000001000000010000000|"
          + "input;conv3x3-bn-relu;conv1x1-bn-relu;conv3x3-bn-relu;conv3x3-bn-relu;conv3x3-bn-relu;output",
      // best at 36 epochs (6 vertices)
      "5ead2cb78674e2f6bdccb87133067e6a,010111001100000100000010000001000000|"
          + "input;conv3x3-bn-relu;maxpool3x3;conv3x3-bn-relu;conv1x1-bn-relu;output",
      // the smallest cells of nb101_108ep_run0.csv.gz
      "043721b9c7fe8c5fad811d47d83132ec,0100|input;output",
      "09fc2d10bdd6225e167a6f81a22a3f06,011001000|input;conv1x1-bn-relu;output",
      "d1269d9156ddc027c40473008192958a,010001000|input;conv1x1-bn-relu;output",
      "53cee42601ad14d661bb6878031d6acb,010001000|input;maxpool3x3;output",
      "d32d0b26d534203b48d866facd98cc3e,011001000|input;conv3x3-bn-relu;output",
      // the first rows of the data files
      "00005c142e6f48ac74fdcf73e3439874,0100110001000000010010000010000001000000010000000|"
          + "input;conv3x3-bn-relu;maxpool3x3;conv3x3-bn-relu;conv3x3-bn-relu;conv1x1-bn-relu;output",
      "0000718c96730a92ea6d5242f8ce77e2,0100000001000000010000000111000001000000010000000|"
          + "input;conv1x1-bn-relu;conv1x1-bn-relu;conv3x3-bn-relu;conv1x1-bn-relu;conv3x3-bn-relu;output",
  })
  void officialHashes(String expected, String notation) {
    Nb101Spec spec = space.parse(notation);
    assertEquals(expected, spec.hash());
    assertEquals(expected, Nb101Hash.of(spec));
    assertEquals(expected, space.key(spec));
  }

  @Test
  void bestCellFromTheJsonMatrix() {
    Nb101Spec best = Nb101Spec.of(Nb101SpecTest.BEST_MATRIX, Nb101SpecTest.BEST_OPS);
    assertEquals("02e5a0247bbdcf2860b7e96f74961594", best.hash());
  }

  @Test
  void unprunedSpecHashesAsItsPrunedCell() {
    // The 36-epoch best cell (6 vertices) with a dangling conv1x1 inserted before the output (fed by vertex 2,
    // feeding nothing) and an extra edge into it: pruning must remove it before hashing.
    int[][] m = new int[7][7];
    int[][] six = space.parse("010111001100000100000010000001000000|"
        + "input;conv3x3-bn-relu;maxpool3x3;conv3x3-bn-relu;conv1x1-bn-relu;output").adjacencyInts();
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) m[i][j] = six[i][j];
      m[i][6] = six[i][5];
    }
    m[2][5] = 1;
    m[0][5] = 1;
    Nb101Spec padded = Nb101Spec.of(m, List.of("input", "conv3x3-bn-relu", "maxpool3x3", "conv3x3-bn-relu",
        "conv1x1-bn-relu", "conv1x1-bn-relu", "output"));
    assertEquals(7, padded.numVertices());
    assertEquals(6, padded.prune().numVertices());
    assertEquals("5ead2cb78674e2f6bdccb87133067e6a", padded.hash());
  }

  @Test
  void changingOneOpOrOneEdgeChangesTheHash() {
    Nb101Spec best = Nb101Spec.of(Nb101SpecTest.BEST_MATRIX, Nb101SpecTest.BEST_OPS);
    List<String> ops = new ArrayList<>(Nb101SpecTest.BEST_OPS);
    ops.set(3, Nb101Spec.CONV1X1);
    assertNotEquals(best.hash(), Nb101Spec.of(Nb101SpecTest.BEST_MATRIX, ops).hash());
    int[][] m = Nb101SpecTest.copy(Nb101SpecTest.BEST_MATRIX);
    m[0][6] = 0;
    assertNotEquals(best.hash(), Nb101Spec.of(m, Nb101SpecTest.BEST_OPS).hash());
  }

  /** The hash_module cases of the official graph_util_test.py (raw matrices, integer labels). */
  @Test
  void officialHashModuleTestCases() {
    Nb101Hash h = new Nb101Hash();
    int[][] diamond = {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}};
    assertEquals(hm(h, diamond, -1, 1, 2, -2), hm(h, diamond, -1, 2, 1, -2));

    int[][] m1 = {{0, 1, 1, 0, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}};
    int[][] m2 = {{0, 1, 0, 1, 0}, {0, 0, 1, 0, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}};
    int[][] m3 = {{0, 1, 1, 0, 0}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}};
    String h1 = hm(h, m1, -1, 1, 2, 3, -2);
    assertEquals(h1, hm(h, m2, -1, 2, 3, 1, -2));
    assertEquals(h1, hm(h, m3, -1, 2, 1, 3, -2));
    assertNotEquals(h1, hm(h, m1, -1, 2, 3, 1, -2));
    assertNotEquals(h1, hm(h, m1, -1, 2, 1, 3, -2));

    int[][] r1 = {
        {0, 1, 0, 0, 0, 0, 0, 0}, {0, 0, 1, 1, 0, 0, 1, 0}, {0, 0, 0, 0, 1, 1, 0, 0}, {0, 0, 0, 0, 1, 1, 0, 0},
        {0, 0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 0, 0}};
    int[][] r2 = {
        {0, 1, 0, 0, 0, 0, 0, 0}, {0, 0, 1, 1, 0, 1, 0, 0}, {0, 0, 0, 0, 1, 0, 1, 0}, {0, 0, 0, 0, 1, 1, 0, 0},
        {0, 0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 0, 0}};
    assertNotEquals(hm(h, r1, -1, 1, 1, 1, 1, 1, 1, -2), hm(h, r2, -1, 1, 1, 1, 1, 1, 1, -2));

    int[][] chain = {{0, 1, 0, 0, 0}, {0, 0, 1, 0, 0}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 0, 0}};
    assertNotEquals(hm(h, chain, -1, 1, 0, 0, -2), hm(h, chain, -1, 0, 0, 1, -2));

    int[][] directed = {{0, 1, 0, 1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}};
    assertNotEquals(hm(h, directed, -1, 1, 0, -2), hm(h, directed, -1, 0, 1, -2));

    int[][] tricky = {
        {0, 1, 1, 1, 1, 0, 0}, {0, 0, 1, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 1, 0},
        {0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 0}};
    assertNotEquals(hm(h, tricky, -1, 1, 0, 0, 0, 0, -2), hm(h, tricky, -1, 0, 0, 0, 1, 0, -2));
  }

  private static String hm(Nb101Hash h, int[][] m, int... labels) {
    int[] out = new int[m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) if (m[i][j] != 0) out[i] |= 1 << j;
    }
    return h.hashModule(m.length, out, labels);
  }

  /** Isomorphic specs (interior vertices renumbered in another topological order) hash alike. */
  @Test
  void permutedInteriorVerticesGiveTheSameHash() {
    // Hand case: in the best cell vertex 1 (conv1x1 -> 5) is independent of the chain 2 -> 3 -> 4, so it may
    // come after 4. New order of old vertices: 0, 2, 3, 4, 1, 5, 6.
    int[][] m = new int[7][7];
    int[] newOf = {0, 4, 1, 2, 3, 5, 6};
    for (int i = 0; i < 7; i++) {
      for (int j = 0; j < 7; j++) {
        if (Nb101SpecTest.BEST_MATRIX[i][j] == 1) m[newOf[i]][newOf[j]] = 1;
      }
    }
    Nb101Spec permuted = Nb101Spec.of(m, List.of("input", "conv3x3-bn-relu", "maxpool3x3", "conv3x3-bn-relu",
        "conv1x1-bn-relu", "conv3x3-bn-relu", "output"));
    Nb101Spec best = Nb101Spec.of(Nb101SpecTest.BEST_MATRIX, Nb101SpecTest.BEST_OPS);
    assertNotEquals(best, permuted);
    assertEquals("02e5a0247bbdcf2860b7e96f74961594", permuted.hash());

    // Random cases: random topological renumbering of sampled cells.
    SplittableRandom rng = new SplittableRandom(7);
    int changed = 0;
    for (int t = 0; t < 2000; t++) {
      Nb101Spec s = space.sample(rng).prune();
      Nb101Spec p = randomTopologicalRenumbering(s, rng);
      if (!p.equals(s)) changed++;
      assertEquals(s.hash(), p.hash());
      assertTrue(GraphIsomorphism.isomorphic(space.encode(s).get(0), space.encode(p).get(0)));
    }
    // Sampled cells are mostly small (see Nb101SpaceTest), many with a single topological order.
    assertTrue(changed > 200, "too few renumberings differ from the original: " + changed);
  }

  /** The same cell with its vertices renumbered in a random topological order (input first, output last). */
  static Nb101Spec randomTopologicalRenumbering(Nb101Spec s, SplittableRandom rng) {
    int n = s.numVertices();
    int[] indeg = new int[n];
    for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) if (s.hasEdge(i, j)) indeg[j]++;
    int[] newOf = new int[n];
    boolean[] placed = new boolean[n];
    for (int k = 0; k < n; k++) {
      List<Integer> ready = new ArrayList<>();
      for (int v = 0; v < n; v++) if (!placed[v] && indeg[v] == 0) ready.add(v);
      int v = ready.get(rng.nextInt(ready.size()));
      placed[v] = true;
      newOf[v] = k;
      for (int j = 0; j < n; j++) if (s.hasEdge(v, j)) indeg[j]--;
    }
    boolean[][] m = new boolean[n][n];
    String[] ops = new String[n];
    for (int i = 0; i < n; i++) {
      ops[newOf[i]] = s.op(i);
      for (int j = 0; j < n; j++) if (s.hasEdge(i, j)) m[newOf[i]][newOf[j]] = true;
    }
    return new Nb101Spec(m, List.of(ops));
  }

  @Test
  void reusedInstanceGivesTheSameHashesAsFreshOnes() {
    Nb101Hash reused = new Nb101Hash();
    SplittableRandom rng = new SplittableRandom(11);
    List<Nb101Spec> specs = new ArrayList<>();
    specs.add(space.parse("0100|input;output"));
    for (int i = 0; i < 200; i++) specs.add(space.sample(rng));
    specs.add(space.parse("0100|input;output"));
    for (Nb101Spec s : specs) assertEquals(Nb101Hash.of(s), reused.hash(s));
    assertEquals("043721b9c7fe8c5fad811d47d83132ec", reused.hash(specs.get(specs.size() - 1)));
  }
}
