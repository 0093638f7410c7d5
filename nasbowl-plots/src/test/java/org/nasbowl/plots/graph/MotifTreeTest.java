package org.nasbowl.plots.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.kernel.WlSubtreeLabels;
import org.nasbowl.core.space.darts.DartsCellEncoder;
import org.nasbowl.core.space.darts.DartsNotation;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

class MotifTreeTest {
  static final String DARTS = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
      + "('skip_connect', 1), ('sep_conv_5x5', 1), ('dil_conv_3x3', 0), ('max_pool_3x3', 2), ('dil_conv_5x5', 3)], "
      + "normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), "
      + "('max_pool_3x3', 1), ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('avg_pool_3x3', 1)], "
      + "reduce_concat=[2, 3, 4, 5])";

  static LabelledDag nb201(String arch) {
    return Nb201Space.encodeCell(new Nb201Space().parse(arch));
  }

  @Test
  void parsesTheDocumentedExample() {
    MotifTree t = MotifTree.parse("nor_conv_1x1(nor_conv_3x3(output))");
    assertEquals("nor_conv_1x1", t.op());
    assertEquals(2, t.depth());
    assertEquals(3, t.size());
    assertEquals(1, t.children().size());
    MotifTree c = t.children().get(0);
    assertEquals("nor_conv_3x3", c.op());
    assertEquals("output", c.children().get(0).op());
    assertTrue(c.children().get(0).isLeaf());
    assertEquals(List.of("nor_conv_1x1", "nor_conv_3x3", "output"), t.ops());

    MotifTree nb101 = MotifTree.parse("conv3x3-bn-relu(conv1x1-bn-relu,maxpool3x3(output))");
    assertEquals(2, nb101.depth());
    assertEquals(List.of("conv1x1-bn-relu", "maxpool3x3(output)"),
        nb101.children().stream().map(MotifTree::toString).toList());
    assertEquals(0, MotifTree.parse("avg_pool_3x3").depth());
  }

  /** Every WL label of every NB201 cell (all 15,625) parses, round-trips and has a consistent depth. */
  @Test
  void roundTripsAllWlLabelsOfNb201Cells() {
    int h = 3;
    Set<String> seen = new HashSet<>();
    for (int ordinal = 0; ordinal < Nb201Space.SIZE; ordinal++) {
      LabelledDag g = Nb201Space.encodeCell(Nb201Cell.fromOrdinal(ordinal));
      String[][] labels = WlSubtreeLabels.compute(g, h);
      for (int d = 0; d <= h; d++) {
        for (int v = 0; v < g.size(); v++) {
          String label = labels[d][v];
          if (!seen.add(label)) continue;
          MotifTree t = MotifTree.parse(label);
          assertEquals(label, t.toString());
          assertEquals(t, t.canonical(), "WL writes children sorted: " + label);
          assertTrue(t.depth() <= d, label);
          // The label already exists at its nesting depth (only sinks make it shallower than d).
          assertEquals(label, labels[t.depth()][v], label);
          assertEquals(t, MotifTree.parse(t.toString()));
        }
      }
    }
    assertTrue(seen.size() > 1000, "distinct labels: " + seen.size());
  }

  @Test
  void roundTripsDartsLabelsWithBraces() {
    LabelledDag g = DartsCellEncoder.encode(DartsNotation.parse(DARTS).normal());
    String[][] labels = WlSubtreeLabels.compute(g, 3);
    boolean sawInput = false;
    for (String[] level : labels) {
      for (String label : level) {
        assertEquals(label, MotifTree.parse(label).toString());
        sawInput |= label.contains("c_{k-2}(");
      }
    }
    assertTrue(sawInput);
  }

  @Test
  void malformedLabelsNameThePosition() {
    Object[][] cases = {
        {"", 1, "empty op"},
        {"a(", 2, "'(' is never closed"},
        {"a(b", 2, "'(' is never closed"},
        {"a(b(c)", 2, "'(' is never closed"},
        {"a(b,c(d)", 2, "'(' is never closed"},
        {"a(b))", 5, "')' has no matching '('"},
        {"a)", 2, "')' has no matching '('"},
        {")", 1, "')' has no matching '('"},
        {"a()", 3, "empty op"},
        {"a(b,)", 5, "empty op"},
        {"a(,b)", 3, "empty op"},
        {"(a)", 1, "empty op"},
        {"a( )", 3, "blank op"},
        {"a,b", 2, "',' outside parentheses"},
        {"a(b)c", 5, "unexpected 'c'"},
        {"a(b)(c)", 5, "'(' directly after ')'"},
    };
    for (Object[] c : cases) {
      String label = (String) c[0];
      int position = (Integer) c[1];
      String problem = (String) c[2];
      MalformedMotifException e = assertThrows(MalformedMotifException.class, () -> MotifTree.parse(label), label);
      assertEquals(position, e.position(), e.getMessage());
      assertTrue(e.getMessage().contains(problem), e.getMessage());
      assertTrue(e.getMessage().contains("position " + position), e.getMessage());
      assertEquals(label, e.label());
    }
    assertThrows(IllegalArgumentException.class, () -> MotifTree.parse("a(b"));
  }

  @Test
  void canonicalSortsChildrenLikeWl() {
    MotifTree t = MotifTree.parse("a(z,b(y,x))");
    assertEquals("a(z,b(y,x))", t.toString());
    assertEquals("a(b(x,y),z)", t.canonical().toString());
  }

  @Test
  void toDagNumbersTheTreeInPreOrder() {
    LabelledDag d = MotifTree.parse("a(b(c),c)").toDag();
    assertEquals(List.of("a", "b", "c", "c"), d.labels());
    assertEquals(3, d.edgeCount());
    assertTrue(d.hasEdge(0, 1));
    assertTrue(d.hasEdge(1, 2));
    assertTrue(d.hasEdge(0, 3));
  }

  /** conv3x3 -> conv3x3 -> output, plus a separate conv3x3 -> output branch from input. */
  static LabelledDag chain() {
    // 0 input, 1 conv (first), 2 conv (second), 3 output, 4 conv (side branch)
    return new LabelledDag(List.of("input", "nor_conv_3x3", "nor_conv_3x3", "output", "nor_conv_3x3"),
        List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {0, 4}, new int[] {4, 3}));
  }

  @Test
  void occurrencesOnAHandMadeGraph() {
    LabelledDag g = chain();
    List<MotifTree.Occurrence> occ = MotifTree.occurrences(g, "nor_conv_3x3(nor_conv_3x3)");
    assertEquals(1, occ.size());
    MotifTree.Occurrence o = occ.get(0);
    assertEquals(1, o.root());
    assertEquals(new TreeSet<>(List.of(1, 2)), o.nodes());
    assertEquals(new TreeSet<>(List.of(new Edge(1, 2))), o.edges());

    List<MotifTree.Occurrence> deep = MotifTree.occurrences(g, "nor_conv_3x3(nor_conv_3x3(output))");
    assertEquals(1, deep.size());
    assertEquals(new TreeSet<>(List.of(1, 2, 3)), deep.get(0).nodes());
    assertEquals(new TreeSet<>(List.of(new Edge(1, 2), new Edge(2, 3))), deep.get(0).edges());

    List<MotifTree.Occurrence> toOutput = MotifTree.occurrences(g, "nor_conv_3x3(output)");
    assertEquals(List.of(2, 4), toOutput.stream().map(MotifTree.Occurrence::root).toList());
    assertEquals(3, MotifTree.occurrences(g, "nor_conv_3x3").size());
    assertEquals(Set.of(1), MotifTree.occurrences(g, "nor_conv_3x3").get(0).nodes());
    assertTrue(MotifTree.occurrences(g, "nor_conv_3x3(avg_pool_3x3)").isEmpty());

    // Children in any order: matched through the canonical (sorted) label.
    List<MotifTree.Occurrence> in = MotifTree.occurrences(g, "input(nor_conv_3x3,nor_conv_3x3)");
    assertEquals(1, in.size());
    assertEquals(new TreeSet<>(List.of(0, 1, 4)), in.get(0).nodes());
  }

  @Test
  void aDiamondIsCoveredOnce() {
    // a -> b -> c and a -> c: the tree a(b(c),c) visits c twice, the occurrence covers it once.
    LabelledDag g = new LabelledDag(List.of("a", "b", "c"),
        List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {0, 2}));
    List<MotifTree.Occurrence> occ = MotifTree.occurrences(g, "a(b(c),c)");
    assertEquals(1, occ.size());
    assertEquals(Set.of(0, 1, 2), occ.get(0).nodes());
    assertEquals(3, occ.get(0).edges().size());
  }

  @Test
  void explicitDepthAgreesForSinkTerminatedMotifs() {
    LabelledDag g = nb201("|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|"
        + "nor_conv_1x1~2|");
    String motif = "nor_conv_3x3(output)";
    assertEquals(MotifTree.occurrences(g, motif), MotifTree.occurrences(g, motif, 3));
    assertThrows(IllegalArgumentException.class, () -> MotifTree.occurrences(g, "a(b(c))", 1));
  }

  /** Relabelling the nodes (an isomorphic copy) maps occurrences onto occurrences. */
  @Test
  void occurrencesAreInvariantUnderNodePermutation() {
    java.util.Random rng = new java.util.Random(7);
    for (int trial = 0; trial < 200; trial++) {
      LabelledDag g = Nb201Space.encodeCell(Nb201Cell.fromOrdinal(rng.nextInt(Nb201Space.SIZE)));
      int n = g.size();
      List<Integer> perm = new ArrayList<>();
      for (int i = 0; i < n; i++) perm.add(i);
      java.util.Collections.shuffle(perm, rng);
      String[] labels = new String[n];
      for (int v = 0; v < n; v++) labels[perm.get(v)] = g.label(v);
      List<int[]> edges = new ArrayList<>();
      for (int[] e : g.edges()) edges.add(new int[] {perm.get(e[0]), perm.get(e[1])});
      LabelledDag copy = new LabelledDag(List.of(labels), edges);

      Set<String> motifs = new HashSet<>();
      for (String[] level : WlSubtreeLabels.compute(g, 3)) motifs.addAll(List.of(level));
      for (String motif : motifs) {
        List<MotifTree.Occurrence> a = MotifTree.occurrences(g, motif);
        List<MotifTree.Occurrence> b = MotifTree.occurrences(copy, motif);
        assertEquals(a.size(), b.size(), motif);
        assertFalse(a.isEmpty(), motif);
        Map<Integer, MotifTree.Occurrence> byRoot = new HashMap<>();
        for (MotifTree.Occurrence o : b) byRoot.put(o.root(), o);
        for (MotifTree.Occurrence o : a) {
          MotifTree.Occurrence mapped = byRoot.get(perm.get(o.root()));
          TreeSet<Integer> nodes = new TreeSet<>();
          for (int v : o.nodes()) nodes.add(perm.get(v));
          TreeSet<Edge> es = new TreeSet<>();
          for (Edge e : o.edges()) es.add(new Edge(perm.get(e.from()), perm.get(e.to())));
          assertEquals(nodes, mapped.nodes(), motif);
          assertEquals(es, mapped.edges(), motif);
        }
      }
    }
  }
}
