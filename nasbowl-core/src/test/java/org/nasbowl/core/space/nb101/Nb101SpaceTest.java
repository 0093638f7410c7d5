package org.nasbowl.core.space.nb101;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.InvalidArchitectureException;

class Nb101SpaceTest {
  private final Nb101Space space = new Nb101Space();
  private static final String BEST = "0110011000001000010000000100000001000000010000000|"
      + "input;conv1x1-bn-relu;conv3x3-bn-relu;maxpool3x3;conv3x3-bn-relu;conv3x3-bn-relu;output";

  @Test
  void nameAndSize() {
    assertEquals("nb101", space.name());
    assertEquals(423_624L, space.size().getAsLong());
  }

  @Test
  void parseFormatRoundTripOfTheBestCell() {
    Nb101Spec s = space.parse(BEST);
    assertEquals(Nb101Spec.of(Nb101SpecTest.BEST_MATRIX, Nb101SpecTest.BEST_OPS), s);
    assertEquals(BEST, space.format(s));
    assertEquals(s, space.parse("  " + BEST + "\n"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '!', value = {
      "0100 input;output!exactly one '|', found 0",
      "0100|input|output!exactly one '|', found 2",
      "01x0|input;output!adjacency part '01x0' has 'x' at position 2",
      "010|input;output!adjacency part '010' has 3 bits, which is not V*V",
      "|input;output!adjacency part '' has 0 bits",
      "0100|input;;output!ops part 'input;;output' has an empty op at position 1",
      "011001000|input;output!ops part 'input;output' lists 2 ops but the adjacency part is 3x3",
      "011001000|input;conv5x5;output!unknown op 'conv5x5' at vertex 1",
      "011001000|conv3x3-bn-relu;conv3x3-bn-relu;output!first op (vertex 0) must be 'input'",
      "011001000|input;conv3x3-bn-relu;maxpool3x3!last op (vertex 2) must be 'output'",
      "011101000|input;conv3x3-bn-relu;output!not upper triangular: edge 1->0",
      "010011000|input;conv3x3-bn-relu;output!self loop on vertex 1",
      "010000000|input;conv3x3-bn-relu;output!input is not connected to output",
  })
  void parseErrorsNameTheWrongPart(String notation, String expected) {
    InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class, () -> space.parse(notation));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void parseRejectsNullAndTooLargeCells() {
    assertThrows(InvalidArchitectureException.class, () -> space.parse(null));
    String eight = "0".repeat(64) + "|input;" + "conv3x3-bn-relu;".repeat(6) + "output";
    InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class, () -> space.parse(eight));
    assertTrue(e.getMessage().contains("too many vertices: 8"), e.getMessage());
  }

  @Test
  void encodeGivesThePrunedCellWithOpLabels() {
    LabelledDag g = space.encode(space.parse(BEST)).get(0);
    assertEquals(1, space.encode(space.parse(BEST)).size());
    assertEquals(Nb101SpecTest.BEST_OPS, g.labels());
    assertEquals(9, g.edgeCount());
    assertTrue(g.hasEdge(0, 6));
    assertTrue(g.hasEdge(1, 5));

    // A dangling vertex (3: fed by 1, feeding nothing) is not in the encoding.
    Nb101Spec unpruned = space.parse("0100000" + "0011000" + "0000001" + "0000000" + "0000000" + "0000000"
        + "0000000" + "|input;conv3x3-bn-relu;conv1x1-bn-relu;maxpool3x3;conv3x3-bn-relu;maxpool3x3;output");
    assertFalse(unpruned.isPruned());
    LabelledDag pg = space.encode(unpruned).get(0);
    assertEquals(List.of("input", "conv3x3-bn-relu", "conv1x1-bn-relu", "output"), pg.labels());
    assertEquals(3, pg.edgeCount());
    assertEquals(space.encode(unpruned.prune()), space.encode(unpruned));
  }

  @Test
  void keyIsTheModuleHash() {
    assertEquals("02e5a0247bbdcf2860b7e96f74961594", space.key(space.parse(BEST)));
  }

  // ---- sampling ----

  @Test
  void sampleIsDeterministicForASeed() {
    List<Nb101Spec> a = new ArrayList<>();
    List<Nb101Spec> b = new ArrayList<>();
    SplittableRandom r1 = new SplittableRandom(123);
    SplittableRandom r2 = new SplittableRandom(123);
    for (int i = 0; i < 500; i++) {
      a.add(space.sample(r1));
      b.add(space.sample(r2));
    }
    assertEquals(a, b);
    SplittableRandom r3 = new SplittableRandom(124);
    List<Nb101Spec> c = new ArrayList<>();
    for (int i = 0; i < 500; i++) c.add(space.sample(r3));
    assertNotEquals(a, c);
  }

  @Test
  void samplesAreValidUnprunedSevenVertexSpecsAndRoundTrip() {
    SplittableRandom rng = new SplittableRandom(1);
    Set<String> keys = new HashSet<>();
    int[] opCount = new int[3];
    int unpruned = 0;
    int n = 5000;
    for (int i = 0; i < n; i++) {
      Nb101Spec s = space.sample(rng);
      assertEquals(7, s.numVertices());
      assertNull(Nb101Spec.problem(s.adjacency(), s.ops()), () -> space.format(s));
      assertTrue(s.prune().edgeCount() <= 9);
      assertEquals(s, space.parse(space.format(s)));
      if (!s.isPruned()) unpruned++;
      for (int v = 1; v < 6; v++) opCount[Nb101Spec.INTERIOR_OPS.indexOf(s.op(v))]++;
      keys.add(space.key(s));
    }
    // Uniform interior ops: each of the 3 ops on about a third of the 25,000 slots.
    for (int c : opCount) assertEquals(1.0 / 3, c / (5.0 * n), 0.02);
    assertTrue(keys.size() > 1000, "distinct keys " + keys.size());
    // random_spec keeps the unpruned matrix; with p = 0.5 edges many samples carry dangling vertices.
    assertTrue(unpruned > n / 10, "unpruned samples " + unpruned);
  }

  /**
   * random_spec is uniform over valid 7x7 specs, not over cells: the pruned vertex count follows the exact
   * distribution over the 1,538,083 valid upper-triangular 7x7 matrices (counted exhaustively over all 2^21):
   * 149,607 prune to 2 vertices, 310,754 to 3, 422,740 to 4, 466,334 to 5, 183,855 to 6 and 4,793 to 7.
   */
  @Test
  void sampledCellSizesFollowTheOfficialRandomSpecDistribution() {
    double[] exact = {149_607, 310_754, 422_740, 466_334, 183_855, 4_793};
    double total = 1_538_083;
    SplittableRandom rng = new SplittableRandom(8);
    int n = 20_000;
    int[] count = new int[6];
    for (int i = 0; i < n; i++) count[space.sample(rng).prune().numVertices() - 2]++;
    for (int k = 0; k < 6; k++) {
      // Binomial standard deviation is at most 0.0036 here; 0.015 is more than 4 of them.
      assertEquals(exact[k] / total, count[k] / (double) n, 0.015, "cells of " + (k + 2) + " vertices");
    }
  }

  // ---- mutation ----

  @Test
  void mutateIsDeterministicForASeed() {
    Nb101Spec parent = space.parse(BEST);
    SplittableRandom r1 = new SplittableRandom(5);
    SplittableRandom r2 = new SplittableRandom(5);
    for (int i = 0; i < 500; i++) assertEquals(space.mutate(parent, r1), space.mutate(parent, r2));
  }

  @Test
  void everyChildIsValidAndADifferentArchitecture() {
    SplittableRandom rng = new SplittableRandom(99);
    Nb101Spec parent = space.sample(rng);
    Set<String> childKeys = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      Nb101Spec child = space.mutate(parent, rng);
      assertNull(Nb101Spec.problem(child.adjacency(), child.ops()), () -> space.format(child));
      assertNotEquals(space.key(parent), space.key(child), () -> space.format(child));
      assertNotEquals(parent, child);
      assertEquals(child, space.parse(space.format(child)));
      if (i % 10 == 0) childKeys.add(space.key(child));
      // A random walk, so the parents vary too.
      parent = i % 3 == 0 ? child : parent;
    }
    assertTrue(childKeys.size() > 200, "mutation explores: " + childKeys.size() + " distinct keys of 500");
  }

  @Test
  void childrenAreNearTheirParent() {
    // mutate_spec flips each of the 21 entries with p 1/7 and changes each op with p 1/5 (about 4 edits),
    // far from a fresh sample (about 10.5 + 3.3 differences).
    SplittableRandom rng = new SplittableRandom(3);
    Nb101Spec parent = space.sample(rng);
    double total = 0;
    int n = 2000;
    for (int i = 0; i < n; i++) total += distance(parent, space.mutate(parent, rng));
    double mean = total / n;
    assertTrue(mean >= 1 && mean < 6, "mean edit distance " + mean);
  }

  private static int distance(Nb101Spec a, Nb101Spec b) {
    int d = 0;
    for (int i = 0; i < 7; i++) {
      if (!a.op(i).equals(b.op(i))) d++;
      for (int j = i + 1; j < 7; j++) if (a.hasEdge(i, j) != b.hasEdge(i, j)) d++;
    }
    return d;
  }

  @Test
  void prunedParentsWithFewVerticesAreMutatedToo() {
    SplittableRandom rng = new SplittableRandom(17);
    for (String notation : List.of("0100|input;output", "011001000|input;conv1x1-bn-relu;output",
        "010111001100000100000010000001000000|input;conv3x3-bn-relu;maxpool3x3;conv3x3-bn-relu;conv1x1-bn-relu;output")) {
      Nb101Spec parent = space.parse(notation);
      Set<String> keys = new HashSet<>();
      for (int i = 0; i < 300; i++) {
        Nb101Spec child = space.mutate(parent, rng);
        assertEquals(7, child.numVertices());
        assertNull(Nb101Spec.problem(child.adjacency(), child.ops()));
        assertNotEquals(parent.hash(), child.hash());
        keys.add(child.hash());
      }
      assertTrue(keys.size() > 5, notation + ": " + keys.size());
    }
  }
}
