package org.nasbowl.core.space.nb101;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.space.InvalidArchitectureException;

class Nb101SpecTest {
  static final String IN = Nb101Spec.INPUT;
  static final String OUT = Nb101Spec.OUTPUT;
  static final String C3 = Nb101Spec.CONV3X3;
  static final String C1 = Nb101Spec.CONV1X1;
  static final String MP = Nb101Spec.MAXPOOL3X3;

  /** The official best cell at 108 epochs (nb101_best_by_test_acc_per_budget.json). */
  static final int[][] BEST_MATRIX = {
      {0, 1, 1, 0, 0, 1, 1},
      {0, 0, 0, 0, 0, 1, 0},
      {0, 0, 0, 1, 0, 0, 0},
      {0, 0, 0, 0, 1, 0, 0},
      {0, 0, 0, 0, 0, 1, 0},
      {0, 0, 0, 0, 0, 0, 1},
      {0, 0, 0, 0, 0, 0, 0}};
  static final List<String> BEST_OPS = List.of(IN, C1, C3, MP, C3, C3, OUT);

  private static String problemOf(int[][] m, List<String> ops) {
    InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class, () -> Nb101Spec.of(m, ops));
    return e.getMessage();
  }

  private static void assertMessage(String message, String... parts) {
    for (String p : parts) assertTrue(message.contains(p), "message '" + message + "' lacks '" + p + "'");
  }

  @Test
  void validSpecExposesItsParts() {
    Nb101Spec s = Nb101Spec.of(BEST_MATRIX, BEST_OPS);
    assertEquals(7, s.numVertices());
    assertEquals(9, s.edgeCount());
    assertEquals(BEST_OPS, s.ops());
    assertTrue(s.hasEdge(0, 6));
    assertFalse(s.hasEdge(6, 0));
    assertFalse(s.hasEdge(1, 2));
    assertArrayEquals(BEST_MATRIX, s.adjacencyInts());
    assertEquals("0110011000001000010000000100000001000000010000000", s.adjacencyBits());
    assertTrue(s.isPruned());
  }

  @Test
  void specIsImmutableAgainstItsInputs() {
    int[][] m = {{0, 1}, {0, 0}};
    boolean[][] b = {{false, true}, {false, false}};
    List<String> ops = new ArrayList<>(List.of(IN, OUT));
    Nb101Spec s = new Nb101Spec(b, ops);
    b[0][1] = false;
    ops.set(0, "changed");
    assertTrue(s.hasEdge(0, 1));
    assertEquals(IN, s.op(0));
    s.adjacency()[0][1] = false;
    assertTrue(s.hasEdge(0, 1));
    assertEquals(Nb101Spec.of(m, List.of(IN, OUT)), s);
  }

  @Test
  void equalityIsByValue() {
    Nb101Spec a = Nb101Spec.of(BEST_MATRIX, BEST_OPS);
    Nb101Spec b = Nb101Spec.of(BEST_MATRIX, new ArrayList<>(BEST_OPS));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    List<String> otherOps = new ArrayList<>(BEST_OPS);
    otherOps.set(1, C3);
    assertNotEquals(a, Nb101Spec.of(BEST_MATRIX, otherOps));
    int[][] otherMatrix = copy(BEST_MATRIX);
    otherMatrix[0][6] = 0;
    assertNotEquals(a, Nb101Spec.of(otherMatrix, BEST_OPS));
  }

  // ---- validation: every error path names the problem ----

  @Test
  void rejectsNonSquareMatrix() {
    String msg = problemOf(new int[][] {{0, 1, 0}, {0, 0}, {0, 0, 0}}, List.of(IN, C3, OUT));
    assertMessage(msg, "not square", "row 1 has 2 entries", "3 rows");
  }

  @Test
  void rejectsOpsOfWrongLength() {
    String msg = problemOf(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, OUT));
    assertMessage(msg, "ops list has 2 entries", "3x3");
  }

  @Test
  void rejectsMoreThanSevenVertices() {
    int n = 8;
    int[][] m = new int[n][n];
    for (int i = 0; i + 1 < n; i++) m[i][i + 1] = 1;
    List<String> ops = new ArrayList<>();
    ops.add(IN);
    for (int i = 1; i < n - 1; i++) ops.add(C3);
    ops.add(OUT);
    assertMessage(problemOf(m, ops), "too many vertices: 8", "max 7");
  }

  @Test
  void rejectsFewerThanTwoVertices() {
    assertMessage(problemOf(new int[][] {{0}}, List.of(IN)), "at least the input and output", "1 vertex");
  }

  @Test
  void rejectsMoreThanNineEdgesInThePrunedCell() {
    // 0->1..5, 1..5->6 is 10 edges, all on input->output paths.
    int[][] m = new int[7][7];
    for (int v = 1; v <= 5; v++) {
      m[0][v] = 1;
      m[v][6] = 1;
    }
    assertMessage(problemOf(m, List.of(IN, C3, C3, C3, C3, C3, OUT)), "too many edges: 10", "max 9");
  }

  @Test
  void edgesOnPrunedVerticesDoNotCountAsInTheOfficialApi() {
    // Vertex 1 has no input but 5 out-edges; the rest is 0->2..5->6 (8 edges). 13 edges unpruned, 8 pruned.
    int[][] m = new int[7][7];
    for (int v = 2; v <= 5; v++) {
      m[0][v] = 1;
      m[v][6] = 1;
      m[1][v] = 1;
    }
    m[1][6] = 1;
    Nb101Spec s = Nb101Spec.of(m, List.of(IN, C3, C1, MP, C3, C1, OUT));
    assertEquals(13, s.edgeCount());
    assertEquals(8, s.prune().edgeCount());
    assertEquals(6, s.prune().numVertices());
    m[0][1] = 1; // now vertex 1 is on input->output paths: all 14 edges survive pruning
    assertMessage(problemOf(m, List.of(IN, C3, C1, MP, C3, C1, OUT)), "too many edges: 14", "pruned cell");
  }

  @Test
  void rejectsSelfLoop() {
    assertMessage(problemOf(new int[][] {{0, 1, 0}, {0, 1, 1}, {0, 0, 0}}, List.of(IN, C3, OUT)),
        "not upper triangular", "self loop on vertex 1");
  }

  @Test
  void rejectsBackwardEdgeAndCycle() {
    // 0->1->2->3 plus 2->1: a cycle between 1 and 2.
    String msg = problemOf(new int[][] {{0, 1, 0, 0}, {0, 0, 1, 0}, {0, 1, 0, 1}, {0, 0, 0, 0}},
        List.of(IN, C3, C1, OUT));
    assertMessage(msg, "not upper triangular", "edge 2->1", "cycles are not allowed");
  }

  @Test
  void rejectsUnknownOpNamingItAndItsVertex() {
    String msg = problemOf(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, "conv5x5", OUT));
    assertMessage(msg, "unknown op 'conv5x5'", "vertex 1", C3, C1, MP);
  }

  @Test
  void rejectsInputOrOutputInTheInterior() {
    assertMessage(problemOf(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, OUT, OUT)),
        "unknown op 'output' at vertex 1");
  }

  @Test
  void rejectsWrongFirstOp() {
    assertMessage(problemOf(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(C3, C3, OUT)),
        "first op (vertex 0) must be 'input'", "got 'conv3x3-bn-relu'");
  }

  @Test
  void rejectsWrongLastOp() {
    assertMessage(problemOf(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, C3, MP)),
        "last op (vertex 2) must be 'output'", "got 'maxpool3x3'");
  }

  @Test
  void rejectsInputNotConnectedToOutput() {
    // 0->1, 2->3: two islands (official test_prune_disconnected model2).
    String msg = problemOf(new int[][] {{0, 1, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}},
        List.of(IN, C3, C1, OUT));
    assertMessage(msg, "input is not connected to output", "vertex 0 to vertex 3");
    assertMessage(problemOf(new int[][] {{0, 0}, {0, 0}}, List.of(IN, OUT)), "input is not connected to output");
  }

  @Test
  void rejectsNonBinaryEntries() {
    assertMessage(problemOf(new int[][] {{0, 2}, {0, 0}}, List.of(IN, OUT)), "entry (0, 1) is 2");
  }

  @Test
  void rejectsNulls() {
    assertThrows(InvalidArchitectureException.class, () -> new Nb101Spec(null, List.of(IN, OUT)));
    List<String> withNull = new ArrayList<>(List.of(IN, OUT));
    withNull.set(1, null);
    assertMessage(problemOf(new int[][] {{0, 1}, {0, 0}}, withNull), "op of vertex 1 is null");
  }

  // ---- pruning, the cases of the official model_spec_test.py with real op names ----

  @Test
  void pruneIsNoOpOnFullDags() {
    Nb101Spec a = Nb101Spec.of(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, C3, OUT));
    Nb101Spec b = Nb101Spec.of(new int[][] {{0, 1, 1}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, C3, OUT));
    Nb101Spec c = Nb101Spec.of(new int[][] {{0, 1, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}},
        List.of(IN, C3, C1, OUT));
    for (Nb101Spec s : List.of(a, b, c)) {
      assertTrue(s.isPruned());
      assertSame(s, s.prune());
    }
  }

  @Test
  void pruneRemovesIslands() {
    Nb101Spec s1 = Nb101Spec.of(new int[][] {{0, 1, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}, {0, 0, 0, 0}},
        List.of(IN, C1, MP, OUT));
    assertFalse(s1.isPruned());
    assertEquals(Nb101Spec.of(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, C1, OUT)), s1.prune());

    Nb101Spec s2 = Nb101Spec.of(new int[][] {
        {0, 1, 0, 0, 0}, {0, 0, 0, 0, 1}, {0, 0, 0, 1, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}},
        List.of(IN, C1, C3, MP, OUT));
    assertEquals(Nb101Spec.of(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, C1, OUT)), s2.prune());
  }

  @Test
  void pruneRemovesDanglingVertices() {
    // Vertex 1 reachable from input but not reaching output.
    Nb101Spec s1 = Nb101Spec.of(new int[][] {{0, 1, 1, 0}, {0, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 0, 0}},
        List.of(IN, C1, MP, OUT));
    assertEquals(Nb101Spec.of(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, MP, OUT)), s1.prune());
    // Vertex 1 reaching output but not reachable from input.
    Nb101Spec s2 = Nb101Spec.of(new int[][] {{0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, 0, 1}, {0, 0, 0, 0}},
        List.of(IN, C1, MP, OUT));
    assertEquals(Nb101Spec.of(new int[][] {{0, 1, 0}, {0, 0, 1}, {0, 0, 0}}, List.of(IN, MP, OUT)), s2.prune());
  }

  @Test
  void pruneKeepsRemainingVerticesInOrderAndTheirEdges() {
    // 7 vertices: 2 and 4 are dangling (2 has no input, 4 leads nowhere); 0->1->3->5->6, 0->3, 1->5, 2->3, 3->4.
    int[][] m = new int[7][7];
    m[0][1] = m[1][3] = m[3][5] = m[5][6] = m[0][3] = m[1][5] = m[2][3] = m[3][4] = 1;
    Nb101Spec s = Nb101Spec.of(m, List.of(IN, C1, MP, C3, C1, MP, OUT));
    Nb101Spec p = s.prune();
    assertEquals(List.of(IN, C1, C3, MP, OUT), p.ops());
    assertArrayEquals(new int[][] {
        {0, 1, 1, 0, 0},
        {0, 0, 1, 1, 0},
        {0, 0, 0, 1, 0},
        {0, 0, 0, 0, 1},
        {0, 0, 0, 0, 0}}, p.adjacencyInts());
    assertTrue(p.isPruned());
    assertSame(p, p.prune());
    assertEquals(s.hash(), p.hash());
  }

  static int[][] copy(int[][] m) {
    int[][] c = new int[m.length][];
    for (int i = 0; i < m.length; i++) c[i] = m[i].clone();
    return c;
  }
}
