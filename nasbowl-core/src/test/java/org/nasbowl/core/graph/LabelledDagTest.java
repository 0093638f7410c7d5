package org.nasbowl.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelledDagTest {
  private static LabelledDag diamond() {
    return new LabelledDag(List.of("in", "a", "b", "out"),
        List.of(new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 3}, new int[] {2, 3}));
  }

  @Test
  void rejectsCyclesSelfLoopsAndBadEndpoints() {
    assertThrows(IllegalArgumentException.class,
        () -> new LabelledDag(List.of("a", "b"), List.of(new int[] {0, 1}, new int[] {1, 0})));
    assertThrows(IllegalArgumentException.class, () -> new LabelledDag(List.of("a"), List.of(new int[] {0, 0})));
    assertThrows(IllegalArgumentException.class, () -> new LabelledDag(List.of("a"), List.of(new int[] {0, 3})));
  }

  @Test
  void degreesReachabilityAndInducedSubgraph() {
    LabelledDag g = diamond();
    assertEquals(4, g.edgeCount());
    assertArrayEquals(new int[] {1, 2}, g.successors(0));
    assertArrayEquals(new int[] {1, 2}, g.predecessors(3));
    assertTrue(g.hasEdge(1, 3));
    assertFalse(g.hasEdge(3, 1));
    LabelledDag sub = g.induced(new boolean[] {true, false, true, true});
    assertEquals(List.of("in", "b", "out"), sub.labels());
    assertEquals(2, sub.edgeCount());
    boolean[] fromB = g.reachableFrom(2);
    assertArrayEquals(new boolean[] {false, false, true, true}, fromB);
  }

  @Test
  void isomorphismFindsRenumberingsAndRejectsRelabellings() {
    LabelledDag g = diamond();
    SplittableRandom rng = new SplittableRandom(3);
    for (int t = 0; t < 50; t++) {
      int[] perm = {0, 1, 2, 3};
      for (int i = 3; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
      }
      String[] labels = new String[4];
      for (int i = 0; i < 4; i++) labels[perm[i]] = g.label(i);
      List<int[]> edges = new ArrayList<>();
      for (int[] e : g.edges()) edges.add(new int[] {perm[e[0]], perm[e[1]]});
      assertTrue(GraphIsomorphism.isomorphic(g, new LabelledDag(List.of(labels), edges)));
    }
    LabelledDag relabelled = new LabelledDag(List.of("in", "a", "a", "out"), g.edges());
    assertFalse(GraphIsomorphism.isomorphic(g, relabelled));
    LabelledDag reversedEdge = new LabelledDag(g.labels(),
        List.of(new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 3}, new int[] {1, 2}));
    assertFalse(GraphIsomorphism.isomorphic(g, reversedEdge));
  }
}
