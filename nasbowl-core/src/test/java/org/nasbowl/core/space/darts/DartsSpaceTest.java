package org.nasbowl.core.space.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.space.InvalidArchitectureException;

class DartsSpaceTest {
  private final DartsSpace space = new DartsSpace();

  @Test
  void nameIsDartsAndSpaceIsNotEnumerable() {
    assertEquals("darts", space.name());
    assertTrue(space.size().isEmpty());
    assertThrows(UnsupportedOperationException.class, space::enumerate);
  }

  @Test
  void keyOfDartsV2() {
    assertEquals("normal=sep_conv_3x3~0+sep_conv_3x3~1|sep_conv_3x3~0+sep_conv_3x3~1|skip_connect~0+sep_conv_3x3~1"
        + "|skip_connect~0+dil_conv_3x3~2;reduce=max_pool_3x3~0+max_pool_3x3~1|max_pool_3x3~1+skip_connect~2"
        + "|max_pool_3x3~0+skip_connect~2|max_pool_3x3~1+skip_connect~2",
        space.key(space.parse(DartsExamples.DARTS_V2)));
  }

  @Test
  void keyIgnoresTheOrderOfTheTwoEdgesOfANodeOnly() {
    SplittableRandom rng = new SplittableRandom(3L);
    for (int i = 0; i < 1000; i++) {
      DartsGenotype g = space.sample(rng);
      DartsGenotype s = g;
      for (int k = 0; k < 4; k++) s = DartsExamples.swap(s, rng.nextInt(2), 2 + rng.nextInt(4));
      assertEquals(space.key(g), space.key(s));
      assertEquals(g.canonical(), s.canonical());
      DartsGenotype other = space.sample(rng);
      assertEquals(g.canonical().equals(other.canonical()), space.key(g).equals(space.key(other)));
    }
    // the same edges on different nodes, or the cells exchanged, are different architectures
    DartsGenotype v2 = space.parse(DartsExamples.DARTS_V2);
    assertNotEquals(space.key(v2), space.key(new DartsGenotype(v2.reduce(), v2.normal())));
  }

  @Test
  void canonicalSortsEachNodeByInput() {
    DartsGenotype v1 = space.parse(DartsExamples.DARTS_V1);
    DartsCell c = v1.canonical().normal();
    assertEquals(new DartsEdge(DartsOp.SEP_CONV_3X3, 0), c.edge(2, 0));
    assertEquals(new DartsEdge(DartsOp.SEP_CONV_3X3, 1), c.edge(2, 1));
    assertEquals(new DartsEdge(DartsOp.SKIP_CONNECT, 2), c.edge(5, 1));
  }

  @Test
  void sampleIsDeterministicGivenTheSeed() {
    SplittableRandom a = new SplittableRandom(42L);
    SplittableRandom b = new SplittableRandom(42L);
    SplittableRandom c = new SplittableRandom(43L);
    List<DartsGenotype> fromA = new ArrayList<>();
    List<DartsGenotype> fromC = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      DartsGenotype g = space.sample(a);
      fromA.add(g);
      assertEquals(g, space.sample(b));
      fromC.add(space.sample(c));
    }
    assertNotEquals(fromA, fromC);
  }

  @Test
  void samplesAreValidAndCoverEveryOpAndInputUniformly() {
    SplittableRandom rng = new SplittableRandom(5L);
    int draws = 3000;
    int[] opCount = new int[DartsOp.all().size()];
    // [cell][node][input] occurrences, and pairs of inputs for node 5
    int[][][] inputCount = new int[2][6][6];
    int[][][] opAtPair = new int[2][8][DartsOp.all().size()];
    int[][] node5Pairs = new int[5][5];
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < draws; i++) {
      DartsGenotype g = space.sample(rng);
      keys.add(space.key(g));
      assertEquals(g, space.parse(space.format(g)));
      for (int c = 0; c < 2; c++) {
        DartsCell cell = g.cell(c);
        for (int p = 0; p < 8; p++) {
          DartsEdge e = cell.edges().get(p);
          opCount[e.op().ordinal()]++;
          opAtPair[c][p][e.op().ordinal()]++;
          inputCount[c][DartsCell.nodeOfPair(p)][e.input()]++;
        }
        for (int n = 2; n <= 5; n++) assertTrue(cell.edge(n, 0).input() < cell.edge(n, 1).input());
        node5Pairs[cell.edge(5, 0).input()][cell.edge(5, 1).input()]++;
      }
    }
    assertEquals(draws, keys.size());
    double edgesDrawn = draws * 16.0;
    for (int count : opCount) assertEquals(1.0 / 7, count / edgesDrawn, 0.01);
    for (int c = 0; c < 2; c++) {
      for (int p = 0; p < 8; p++) for (int count : opAtPair[c][p]) assertTrue(count > 0);
      for (int n = 2; n <= 5; n++) {
        for (int in = 0; in < 6; in++) {
          if (in < n) {
            // each input is one of the node's two distinct inputs with probability 2/n
            assertEquals(2.0 / n, inputCount[c][n][in] / (double) draws, 0.04);
          } else {
            assertEquals(0, inputCount[c][n][in]);
          }
        }
      }
    }
    for (int a = 0; a < 5; a++) {
      for (int b = a + 1; b < 5; b++) assertEquals(0.1, node5Pairs[a][b] / (2.0 * draws), 0.025);
    }
  }

  @Test
  void mutateIsDeterministicGivenTheSeed() {
    DartsGenotype parent = space.parse(DartsExamples.DARTS_V2);
    SplittableRandom a = new SplittableRandom(9L);
    SplittableRandom b = new SplittableRandom(9L);
    for (int i = 0; i < 100; i++) assertEquals(space.mutate(parent, a), space.mutate(parent, b));
  }

  @Test
  void mutantsDifferByExactlyOneEdgeAndNeverShareTheParentsKey() {
    SplittableRandom rng = new SplittableRandom(17L);
    int opChanges = 0;
    int inputChanges = 0;
    boolean[][] touched = new boolean[2][8];
    for (int i = 0; i < 5000; i++) {
      DartsGenotype parent = space.sample(rng);
      if (rng.nextBoolean()) parent = DartsExamples.swap(parent, rng.nextInt(2), 2 + rng.nextInt(4));
      DartsGenotype child = space.mutate(parent, rng);
      assertNotEquals(space.key(parent), space.key(child));
      assertEquals(child, space.parse(space.format(child)));
      int diffs = 0;
      for (int c = 0; c < 2; c++) {
        for (int p = 0; p < 8; p++) {
          DartsEdge before = parent.cell(c).edges().get(p);
          DartsEdge after = child.cell(c).edges().get(p);
          if (before.equals(after)) continue;
          diffs++;
          touched[c][p] = true;
          if (before.op() != after.op()) opChanges++;
          if (before.input() != after.input()) inputChanges++;
          assertTrue(before.op() == after.op() || before.input() == after.input(), "one field changes");
        }
      }
      assertEquals(1, diffs);
    }
    for (boolean[] cell : touched) for (boolean t : cell) assertTrue(t);
    // op and input mutations are both frequent (an op is redrawn from 7, an input from 2..5 choices)
    assertTrue(opChanges > 1500, "op changes " + opChanges);
    assertTrue(inputChanges > 1500, "input changes " + inputChanges);
  }

  @Test
  void cellValidationRejectsBadCells() {
    List<DartsEdge> seven = new ArrayList<>(space.parse(DartsExamples.DARTS_V2).normal().edges());
    seven.remove(7);
    InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class, () -> new DartsCell(seven));
    assertEquals("cell: expected 8 (op, input) pairs (2 per intermediate node), got 7", e.getMessage());
    DartsCell v2 = space.parse(DartsExamples.DARTS_V2).normal();
    e = assertThrows(InvalidArchitectureException.class,
        () -> v2.withEdge(3, new DartsEdge(DartsOp.SEP_CONV_3X3, 0)));
    assertEquals("cell, node 3: both edges take input 0; the two inputs of a node must be distinct nodes",
        e.getMessage());
    e = assertThrows(InvalidArchitectureException.class,
        () -> v2.withEdge(4, new DartsEdge(DartsOp.SEP_CONV_3X3, 4)));
    assertEquals("cell, node 4, edge 0 (pair 4): input index 4 out of range 0..3 (0 = c_{k-2}, 1 = c_{k-1}, "
        + "2..3 = earlier intermediate nodes)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DartsEdge(DartsOp.SEP_CONV_3X3, -1));
    assertThrows(IllegalArgumentException.class, () -> DartsCell.pairIndex(6, 0));
  }
}
