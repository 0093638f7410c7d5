package org.nasbowl.core.space.nb201;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.InvalidArchitectureException;

class Nb201SpaceTest {
  private final Nb201Space space = new Nb201Space();

  @Test
  void parseAndFormatRoundTrip() {
    String s = "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|";
    Nb201Cell cell = space.parse(s);
    assertEquals(List.of("avg_pool_3x3", "nor_conv_1x1", "skip_connect", "nor_conv_1x1", "skip_connect",
        "skip_connect"), cell.ops());
    assertEquals(s, space.format(cell));
    assertEquals(s, space.key(cell));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|;unknown operation 'conv' on edge 0->1",
      "|none~0|+|none~0|none~1|;must have 3",
      "|none~0|+|none~0|+|none~0|none~1|none~2|;group 2 must list 2 edge(s)",
      "|none~0|+|none~1|none~0|+|none~0|none~1|none~2|;must come from node 0",
      "none~0|+|none~0|none~1|+|none~0|none~1|none~2|;must start and end with '|'",
      "|none|+|none~0|none~1|+|none~0|none~1|none~2|;not of the form op~source",
  })
  void malformedStringsAreRejectedWithTheReason(String input, String expectedMessagePart) {
    InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class, () -> space.parse(input));
    assertTrue(e.getMessage().contains(expectedMessagePart), e.getMessage());
  }

  @Test
  void allConvCellHasEightNodesAndTenEdges() {
    LabelledDag g = Nb201Space.encodeCell(Nb201Cell.of("nor_conv_3x3", "nor_conv_3x3", "nor_conv_3x3",
        "nor_conv_3x3", "nor_conv_3x3", "nor_conv_3x3"));
    assertEquals(8, g.size());
    // input->e0,e1,e3; e0->e2,e4; e1->e5; e2->e5; e3,e4,e5->output.
    assertEquals(10, g.edgeCount());
  }

  @Test
  void skipIsBypassedAndNoneDeleted() {
    // Only e3 = 0->3 is a skip; everything else none: input wired straight to output.
    LabelledDag g = Nb201Space.encodeCell(Nb201Cell.of("none", "none", "none", "skip_connect", "none", "none"));
    assertEquals(List.of("input", "output"), g.labels());
    assertTrue(g.hasEdge(0, 1));
    // Skip chain e0 -> e2 -> e5 with a conv on e5: input -> conv -> output.
    LabelledDag chain = Nb201Space.encodeCell(
        Nb201Cell.of("skip_connect", "none", "skip_connect", "none", "none", "nor_conv_1x1"));
    assertEquals(List.of("input", "nor_conv_1x1", "output"), chain.labels());
    assertEquals(2, chain.edgeCount());
  }

  @Test
  void danglingBranchesArePrunedToAFixpoint() {
    // e0 = conv feeds e2 = skip into node 2, but node 2's only exit e5 is none and e4 is none: the conv on e0
    // leads nowhere and must disappear; e3 conv carries the path.
    LabelledDag g = Nb201Space.encodeCell(
        Nb201Cell.of("nor_conv_3x3", "none", "skip_connect", "avg_pool_3x3", "none", "none"));
    assertEquals(List.of("input", "avg_pool_3x3", "output"), g.labels());
  }

  @Test
  void disconnectedCellBecomesTwoNodeGraphWithoutEdges() {
    Nb201Cell cell = Nb201Cell.of("nor_conv_3x3", "nor_conv_3x3", "skip_connect", "none", "none", "none");
    LabelledDag g = Nb201Space.encodeCell(cell);
    assertEquals(List.of("input", "output"), g.labels());
    assertEquals(0, g.edgeCount());
    assertTrue(!Nb201Space.isConnected(cell));
  }

  @Test
  void enumerationCoversTheSpaceOnceAndOrdinalsInvert() {
    Set<String> keys = new HashSet<>();
    space.enumerate().forEach(c -> {
      keys.add(space.key(c));
      assertEquals(c, Nb201Cell.fromOrdinal(c.ordinal()));
    });
    assertEquals(15_625, keys.size());
    assertEquals(15_625, space.size().getAsLong());
  }

  @Test
  void samplingIsSeededAndRoughlyUniform() {
    List<Nb201Cell> a = new SplittableRandom(7).ints(0).limit(0).mapToObj(i -> (Nb201Cell) null).toList();
    assertTrue(a.isEmpty());
    SplittableRandom r1 = new SplittableRandom(42);
    SplittableRandom r2 = new SplittableRandom(42);
    Map<String, Integer> opCounts = new HashMap<>();
    int draws = 20_000;
    for (int i = 0; i < draws; i++) {
      Nb201Cell x = space.sample(r1);
      assertEquals(x, space.sample(r2));
      for (String op : x.ops()) opCounts.merge(op, 1, Integer::sum);
    }
    double expected = draws * 6 / 5.0;
    for (String op : Nb201Cell.OPS) {
      // 5 standard deviations of a binomial(120000, 0.2) count is about 690.
      assertEquals(expected, opCounts.get(op), 700, op);
    }
  }

  @Test
  void everyMutationChangesExactlyOneEdge() {
    SplittableRandom rng = new SplittableRandom(1);
    Nb201Cell parent = space.sample(rng);
    Set<String> children = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      Nb201Cell child = space.mutate(parent, rng);
      assertNotEquals(parent, child);
      int diff = 0;
      for (int e = 0; e < 6; e++) if (!parent.op(e).equals(child.op(e))) diff++;
      assertEquals(1, diff);
      children.add(child.archString());
      parent = i % 3 == 0 ? child : parent;
    }
    assertTrue(children.size() > 1_000, "mutation explores the space: " + children.size());
  }

  @Test
  void wrongOpsListIsRejected() {
    assertThrows(InvalidArchitectureException.class, () -> new Nb201Cell(List.of("none")));
    InvalidArchitectureException e = assertThrows(InvalidArchitectureException.class,
        () -> Nb201Cell.of("none", "none", "none", "none", "none", "max_pool"));
    assertTrue(e.getMessage().contains("edge 5 (2->3)"), e.getMessage());
  }
}
