package org.nasbowl.core.space.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nasbowl.core.space.darts.DartsExamples.cell;
import static org.nasbowl.core.space.darts.DartsOp.MAX_POOL_3X3;
import static org.nasbowl.core.space.darts.DartsOp.SEP_CONV_3X3;
import static org.nasbowl.core.space.darts.DartsOp.SEP_CONV_5X5;
import static org.nasbowl.core.space.darts.DartsOp.SKIP_CONNECT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.graph.GraphIsomorphism;
import org.nasbowl.core.graph.LabelledDag;

class DartsCellEncoderTest {
  private static final String K2 = DartsCellEncoder.INPUT_K2;
  private static final String K1 = DartsCellEncoder.INPUT_K1;
  private static final String ADD = DartsCellEncoder.ADD;
  private static final String OUT = DartsCellEncoder.OUTPUT;
  private final DartsSpace space = new DartsSpace();

  private static LabelledDag graph(List<String> labels, int[][] edges) {
    List<int[]> e = new ArrayList<>();
    Collections.addAll(e, edges);
    return new LabelledDag(labels, e);
  }

  @Test
  void labelsAreTheDocumentedStrings() {
    assertEquals("c_{k-2}", K2);
    assertEquals("c_{k-1}", K1);
    assertEquals("add", ADD);
    assertEquals("output", OUT);
  }

  @Test
  void cellWithoutSkipsKeepsAllFifteenNodesInTheDocumentedOrder() {
    // node 2 <- (0, 1), node 3 <- (0, 2), node 4 <- (1, 3), node 5 <- (2, 4)
    DartsCell c = cell(SEP_CONV_3X3, 0, MAX_POOL_3X3, 1, SEP_CONV_5X5, 0, SEP_CONV_3X3, 2,
        MAX_POOL_3X3, 1, SEP_CONV_3X3, 3, SEP_CONV_5X5, 2, SEP_CONV_5X5, 4);
    LabelledDag expected = graph(
        List.of(K2, K1, "sep_conv_3x3", "max_pool_3x3", ADD, "sep_conv_5x5", "sep_conv_3x3", ADD,
            "max_pool_3x3", "sep_conv_3x3", ADD, "sep_conv_5x5", "sep_conv_5x5", ADD, OUT),
        new int[][] {
          {0, 2}, {1, 3}, {2, 4}, {3, 4},
          {0, 5}, {4, 6}, {5, 7}, {6, 7},
          {1, 8}, {7, 9}, {8, 10}, {9, 10},
          {4, 11}, {10, 12}, {11, 13}, {12, 13},
          {4, 14}, {7, 14}, {10, 14}, {13, 14}});
    LabelledDag g = DartsCellEncoder.encode(c);
    assertEquals(15, g.size());
    assertEquals(20, g.edgeCount());
    assertEquals(expected, g);
  }

  @Test
  void skipConnectIsBypassed() {
    DartsCell c = cell(SKIP_CONNECT, 0, SEP_CONV_3X3, 1, SEP_CONV_3X3, 0, SEP_CONV_3X3, 1,
        SEP_CONV_3X3, 0, SEP_CONV_3X3, 1, SEP_CONV_3X3, 0, SEP_CONV_3X3, 1);
    LabelledDag g = DartsCellEncoder.encode(c);
    assertEquals(14, g.size());
    assertEquals(19, g.edgeCount());
    assertFalse(g.labels().contains("skip_connect"));
    // c_{k-2} (node 0) now feeds the first add node (old id 4, new id 3) directly
    assertEquals(ADD, g.label(3));
    assertTrue(g.hasEdge(0, 3));
    assertTrue(g.hasEdge(1, 2));
    assertTrue(g.hasEdge(2, 3));
  }

  @Test
  void allSkipCellIsInputsAddsAndOutput() {
    DartsCell c = cell(SKIP_CONNECT, 0, SKIP_CONNECT, 1, SKIP_CONNECT, 1, SKIP_CONNECT, 2,
        SKIP_CONNECT, 0, SKIP_CONNECT, 3, SKIP_CONNECT, 2, SKIP_CONNECT, 4);
    LabelledDag expected = graph(List.of(K2, K1, ADD, ADD, ADD, ADD, OUT), new int[][] {
      {0, 2}, {1, 2}, {1, 3}, {2, 3}, {0, 4}, {3, 4}, {2, 5}, {4, 5},
      {2, 6}, {3, 6}, {4, 6}, {5, 6}});
    assertEquals(expected, DartsCellEncoder.encode(c));
  }

  @Test
  void dartsV2ReductionCellMatchesHandDrawnGraph() {
    DartsGenotype v2 = space.parse(DartsExamples.DARTS_V2);
    // reduce: node 2 <- max(0), max(1); node 3 <- skip(2), max(1); node 4 <- max(0), skip(2);
    // node 5 <- skip(2), max(1)
    String m = "max_pool_3x3";
    LabelledDag expected = graph(
        List.of(K2, K1, m, m, ADD, m, ADD, m, ADD, m, ADD, OUT),
        new int[][] {
          {0, 2}, {1, 3}, {2, 4}, {3, 4},
          {4, 6}, {1, 5}, {5, 6},
          {0, 7}, {7, 8}, {4, 8},
          {4, 10}, {1, 9}, {9, 10},
          {4, 11}, {6, 11}, {8, 11}, {10, 11}});
    List<LabelledDag> enc = space.encode(v2);
    assertEquals(2, enc.size());
    assertEquals(12, enc.get(1).size());
    assertEquals(17, enc.get(1).edgeCount());
    assertTrue(GraphIsomorphism.isomorphic(expected, enc.get(1)));
    assertEquals(13, enc.get(0).size());
    assertEquals(18, enc.get(0).edgeCount());
  }

  @Test
  void encodingIsInvariantUnderSwappingTheEdgesOfANode() {
    SplittableRandom rng = new SplittableRandom(7L);
    for (int i = 0; i < 300; i++) {
      DartsGenotype g = space.sample(rng);
      int cellIndex = rng.nextInt(2);
      DartsGenotype swapped = DartsExamples.swap(g, cellIndex, 2 + rng.nextInt(4));
      List<LabelledDag> a = space.encode(g);
      List<LabelledDag> b = space.encode(swapped);
      for (int c = 0; c < 2; c++) assertTrue(GraphIsomorphism.isomorphic(a.get(c), b.get(c)));
    }
  }

  @Test
  void changingOneOpChangesTheEncoding() {
    DartsGenotype v2 = space.parse(DartsExamples.DARTS_V2);
    DartsCell normal = v2.normal().withEdge(7, new DartsEdge(DartsOp.DIL_CONV_5X5, 2));
    LabelledDag before = space.encode(v2).get(0);
    LabelledDag after = space.encode(v2.withCell(0, normal)).get(0);
    assertFalse(GraphIsomorphism.isomorphic(before, after));
  }

  @Test
  void randomCellsHaveFifteenMinusSkipsNodesAndNothingDangling() {
    Set<String> allowed = Set.of(K2, K1, ADD, OUT, "max_pool_3x3", "avg_pool_3x3", "sep_conv_3x3",
        "sep_conv_5x5", "dil_conv_3x3", "dil_conv_5x5");
    SplittableRandom rng = new SplittableRandom(11L);
    for (int i = 0; i < 500; i++) {
      DartsGenotype g = space.sample(rng);
      for (int c = 0; c < 2; c++) {
        DartsCell cell = g.cell(c);
        int skips = 0;
        for (DartsEdge e : cell.edges()) if (e.op() == SKIP_CONNECT) skips++;
        LabelledDag dag = space.encode(g).get(c);
        assertEquals(15 - skips, dag.size());
        assertEquals(20 - skips, dag.edgeCount());
        assertEquals(K2, dag.label(0));
        assertEquals(K1, dag.label(1));
        int out = dag.size() - 1;
        assertEquals(OUT, dag.label(out));
        for (int v = 0; v < dag.size(); v++) {
          assertTrue(allowed.contains(dag.label(v)), dag.label(v));
          if (v != out) assertTrue(dag.outDegree(v) > 0);
          if (v > 1) assertTrue(dag.inDegree(v) > 0);
          if (ADD.equals(dag.label(v))) assertEquals(2, dag.inDegree(v));
        }
        assertEquals(4, dag.inDegree(out));
      }
    }
  }
}
