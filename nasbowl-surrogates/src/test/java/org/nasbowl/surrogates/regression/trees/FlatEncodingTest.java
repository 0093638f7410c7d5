package org.nasbowl.surrogates.regression.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.darts.DartsGenotype;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.space.nb101.Nb101Spec;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

class FlatEncodingTest {

  /** Indices of the non-zero entries, and the check that every entry is 0 or 1. */
  private static TreeSet<Integer> ones(double[] v) {
    TreeSet<Integer> out = new TreeSet<>();
    for (int i = 0; i < v.length; i++) {
      assertTrue(v[i] == 0.0 || v[i] == 1.0, "entry " + i + " = " + v[i]);
      if (v[i] == 1.0) out.add(i);
    }
    return out;
  }

  @Test
  void dimensionsOfTheThreeSpaces() {
    // 8*7/2 + 8*5 + 40; 7*6/2 + 7*5 + 364; 2*(15*14/2 + 15*10) + 1036.
    assertEquals(108, FlatEncoding.nb201().dimension());
    assertEquals(420, FlatEncoding.nb101().dimension());
    assertEquals(1546, FlatEncoding.darts().dimension());
    assertEquals(255, FlatEncoding.darts().cellDimension());
  }

  @Test
  void adjacencyIndicesAreTheRowMajorUpperTriangle() {
    FlatEncoding e = FlatEncoding.nb201();
    // Row 0 holds (0,1)..(0,7) = 0..6, row 1 holds (1,2)..(1,7) = 7..12, row 2 starts at 13; last is (6,7) = 27.
    assertEquals(0, e.adjacencyIndex(0, 1));
    assertEquals(6, e.adjacencyIndex(0, 7));
    assertEquals(7, e.adjacencyIndex(1, 2));
    assertEquals(8, e.adjacencyIndex(1, 3));
    assertEquals(13, e.adjacencyIndex(2, 3));
    assertEquals(27, e.adjacencyIndex(6, 7));
    assertEquals("cell0:adj[1,3]", e.featureName(8));
    assertEquals("cell0:node1=nor_conv_3x3", e.featureName(28 + 5 + 2));
    assertEquals("path:input>nor_conv_3x3>output", e.featureName(68 + 2));
  }

  @Test
  void nb201SingleConvOnTheInputOutputEdge() {
    // Only edge 3 (cell node 0 -> 3) is a conv: graph input(0) -> conv3x3(1) -> output(2).
    Nb201Cell cell = Nb201Cell.of("none", "none", "none", "nor_conv_3x3", "none", "none");
    double[] v = FlatEncoding.nb201().encode(new Nb201Space(), cell);
    // adj(0,1) = 0, adj(1,2) = 7; labels at 28 + 5v + l: input l=0, nor_conv_3x3 l=2, output l=4;
    // path [nor_conv_3x3] = index 1 + 1 of the 40 path features, after 68 graph features.
    assertEquals(new TreeSet<>(List.of(0, 7, 28, 35, 42, 70)), ones(v));
  }

  @Test
  void nb201DisconnectedCellIsInputAndOutputOnly() {
    Nb201Cell cell = Nb201Cell.of("none", "none", "none", "none", "none", "none");
    double[] v = FlatEncoding.nb201().encode(new Nb201Space(), cell);
    // input at node 0 (28), output at node 1 (28 + 5 + 4 = 37); no edge, no path.
    assertEquals(new TreeSet<>(List.of(28, 37)), ones(v));
  }

  @Test
  void handBuiltDiamondGraph() {
    // input -> {conv1x1, avg_pool} -> output, nodes 0..3.
    LabelledDag g = new LabelledDag(List.of("input", "nor_conv_1x1", "avg_pool_3x3", "output"),
        List.of(new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 3}, new int[] {2, 3}));
    double[] v = FlatEncoding.nb201().encode(List.of(g));
    // adj (0,1)=0 (0,2)=1 (1,3)=8 (2,3)=13; labels 28+0, 28+5+1=34, 28+10+3=41, 28+15+4=47;
    // paths [conv1x1] = 1 + 0, [avg_pool] = 1 + 2, offset 68.
    assertEquals(new TreeSet<>(List.of(0, 1, 8, 13, 28, 34, 41, 47, 69, 71)), ones(v));
  }

  @Test
  void nb101HandCase() {
    // input -> conv3x3 -> output plus input -> output: 3 vertices.
    Nb101Spec spec = Nb101Spec.of(new int[][] {{0, 1, 1}, {0, 0, 1}, {0, 0, 0}},
        List.of(Nb101Spec.INPUT, Nb101Spec.CONV3X3, Nb101Spec.OUTPUT));
    double[] v = FlatEncoding.nb101().encode(new org.nasbowl.core.space.nb101.Nb101Space(), spec);
    // N = 7: adj (0,1)=0 (0,2)=1 (1,2)=6; labels at 21 + 5v + l: 21, 21+5+1=27, 21+10+4=35;
    // paths after 56: [] = 0 and [conv3x3] = 1.
    assertEquals(new TreeSet<>(List.of(0, 1, 6, 21, 27, 35, 56, 57)), ones(v));
  }

  @Test
  void dartsCellsFillTheirOwnBlocks() {
    DartsSpace space = new DartsSpace();
    DartsGenotype g = space.sample(new SplittableRandom(3));
    FlatEncoding e = FlatEncoding.darts();
    double[] v = e.encode(space, g);
    List<LabelledDag> cells = space.encode(g);
    for (int c = 0; c < 2; c++) {
      LabelledDag cell = cells.get(c);
      int labelOnes = 0;
      int adjOnes = 0;
      for (int i = c * 255; i < (c + 1) * 255; i++) {
        if (v[i] == 1.0 && i - c * 255 >= 105) labelOnes++;
        if (v[i] == 1.0 && i - c * 255 < 105) adjOnes++;
      }
      assertEquals(cell.size(), labelOnes, "one label per node of cell " + c);
      assertEquals(cell.edgeCount(), adjOnes, "one entry per edge of cell " + c);
      assertEquals(1.0, v[c * 255 + e.labelIndex(0, "c_{k-2}")]);
    }
  }

  /**
   * Hand-checked: both cells read (c_{k-2}, c_{k-1}) through sep_conv_3x3 at every node, so no node is bypassed
   * or pruned and each cell graph is the 15-node layout of DartsCellEncoder: op nodes 2,3 / 5,6 / 8,9 / 11,12,
   * add nodes 4, 7, 10, 13, output 14. Adjacency index of edge i -> j (N = 15): 15i - i(i+1)/2 + (j - i - 1).
   * Labels (one-hot over c_{k-2}, c_{k-1}, max, avg, sep3, sep5, dil3, dil5, add, output) at 105 + 10v + label.
   * Paths (after 2 x 255 = 510; 259 per input, 518 per cell): [sep3] from c_{k-2} is 1 + 2 = 3, from c_{k-1}
   * 259 + 3 = 262.
   */
  @Test
  void dartsHandCheckedExample() {
    StringBuilder cell = new StringBuilder("[");
    for (int n = 0; n < 4; n++) cell.append(n == 0 ? "" : ", ").append("('sep_conv_3x3', 0), ('sep_conv_3x3', 1)");
    cell.append(']');
    DartsSpace space = new DartsSpace();
    DartsGenotype g = space.parse("Genotype(normal=" + cell + ", normal_concat=[2, 3, 4, 5], reduce=" + cell
        + ", reduce_concat=[2, 3, 4, 5])");
    double[] v = FlatEncoding.darts().encode(space, g);
    List<Integer> block = List.of(
        // edges 0->2, 0->5, 0->8, 0->11, 1->3, 1->6, 1->9, 1->12, 2->4, 3->4, 4->14, 5->7, 6->7, 7->14, 8->10,
        // 9->10, 10->14, 11->13, 12->13, 13->14
        1, 4, 7, 10, 15, 18, 21, 24, 28, 39, 59, 61, 69, 83, 85, 90, 98, 100, 102, 104,
        // labels: node 0 c_{k-2}, 1 c_{k-1}, sep3 at 2, 3, 5, 6, 8, 9, 11, 12, add at 4, 7, 10, 13, output at 14
        105, 116, 129, 139, 159, 169, 189, 199, 219, 229, 153, 183, 213, 243, 254);
    TreeSet<Integer> expected = new TreeSet<>();
    for (int c = 0; c < 2; c++) for (int i : block) expected.add(c * 255 + i);
    expected.addAll(List.of(510 + 3, 510 + 262, 510 + 518 + 3, 510 + 518 + 262));
    assertEquals(expected, ones(v));
  }

  @Test
  void rejectsGraphsOutsideTheLayout() {
    FlatEncoding e = FlatEncoding.nb201();
    LabelledDag unknown = new LabelledDag(List.of("input", "sep_conv_3x3", "output"),
        List.of(new int[] {0, 1}, new int[] {1, 2}));
    assertThrows(IllegalArgumentException.class, () -> e.encode(List.of(unknown)));
    LabelledDag backwards = new LabelledDag(List.of("input", "output", "nor_conv_3x3"),
        List.of(new int[] {0, 2}, new int[] {2, 1}));
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.encode(List.of(backwards)));
    assertTrue(ex.getMessage().contains("backwards"), ex.getMessage());
    List<String> nine = List.of("input", "nor_conv_3x3", "nor_conv_3x3", "nor_conv_3x3", "nor_conv_3x3",
        "nor_conv_3x3", "nor_conv_3x3", "nor_conv_3x3", "output");
    LabelledDag tooBig = new LabelledDag(nine, List.of(new int[] {0, 8}));
    assertThrows(IllegalArgumentException.class, () -> e.encode(List.of(tooBig)));
    assertThrows(IllegalArgumentException.class, () -> e.encode(List.of()));
  }
}
