package org.nasbowl.surrogates.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.darts.DartsCell;
import org.nasbowl.core.space.darts.DartsEdge;
import org.nasbowl.core.space.darts.DartsGenotype;
import org.nasbowl.core.space.darts.DartsOp;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.space.nb101.Nb101Space;
import org.nasbowl.core.space.nb101.Nb101Spec;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

class PathEncodingTest {
  private static final String C1 = "nor_conv_1x1";
  private static final String C3 = "nor_conv_3x3";
  private static final String POOL = "avg_pool_3x3";

  private static Set<Integer> ones(double[] v) {
    Set<Integer> s = new TreeSet<>();
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0) s.add(i);
    }
    return s;
  }

  @Test
  void dimensionsArePathCountsByLength() {
    assertEquals(1 + 3 + 9 + 27, PathEncoding.nb201().dimension());
    assertEquals(1 + 3 + 9 + 27 + 81 + 243, PathEncoding.nb101().dimension());
    assertEquals(2 * 2 * (1 + 6 + 36 + 216), PathEncoding.darts().dimension());
    assertEquals(2 * 2 * (1 + 6 + 36 + 216 + 1296), PathEncoding.darts(4).dimension());
    assertEquals(2 * (1 + 6 + 36 + 216), PathEncoding.darts().cellDimension());
  }

  @Test
  void indicesEnumeratePathsByLengthThenLexicographically() {
    PathEncoding e = PathEncoding.nb201();
    assertEquals(0, e.index("input", List.of()));
    assertEquals(1, e.index("input", List.of(C1)));
    assertEquals(2, e.index("input", List.of(C3)));
    assertEquals(3, e.index("input", List.of(POOL)));
    assertEquals(4, e.index("input", List.of(C1, C1)));
    assertEquals(5, e.index("input", List.of(C1, C3)));
    assertEquals(7, e.index("input", List.of(C3, C1)));
    assertEquals(12, e.index("input", List.of(POOL, POOL)));
    assertEquals(13, e.index("input", List.of(C1, C1, C1)));
    assertEquals(39, e.index("input", List.of(POOL, POOL, POOL)));
    assertEquals(-1, e.index("input", List.of(C1, C1, C1, C1)));
    assertEquals("input>nor_conv_1x1>avg_pool_3x3>nor_conv_3x3>output", e.featureName(20));
    assertEquals("input>output", e.featureName(0));
  }

  @Test
  void featureNamesAndIndicesAreInverse() {
    for (PathEncoding e : List.of(PathEncoding.nb201(), PathEncoding.nb101())) {
      Set<String> names = new HashSet<>();
      for (int i = 0; i < e.dimension(); i++) {
        String name = e.featureName(i);
        assertTrue(names.add(name), name);
        String[] parts = name.split(">");
        List<String> path = List.of(parts).subList(1, parts.length - 1);
        assertEquals(i, e.index(parts[0], path), name);
      }
    }
    PathEncoding d = PathEncoding.darts();
    int half = d.cellDimension() / 2;
    assertEquals("cell0:c_{k-1}>output", d.featureName(half));
    assertEquals("cell1:c_{k-2}>max_pool_3x3>output", d.featureName(d.cellDimension() + 1));
  }

  @Test
  void nb201AllConv3x3HasOnePathOfEachLength() {
    // input -> e3 -> output; input -> e0 -> e4 -> output; input -> e1 -> e5 -> output;
    // input -> e0 -> e2 -> e5 -> output: op sequences [c3], [c3 c3] (twice), [c3 c3 c3].
    Nb201Cell cell = Nb201Cell.of(C3, C3, C3, C3, C3, C3);
    PathEncoding e = PathEncoding.nb201();
    double[] v = e.encode(new Nb201Space(), cell);
    assertEquals(Set.of(2, 8, 26), ones(v));
    assertEquals(1.0, v[8]);
    PathEncoding counts = new PathEncoding(List.of("input"), "output", List.of(C1, C3, POOL), Set.of(), 3, 1,
        PathEncoding.Mode.COUNT);
    double[] c = counts.encodeCell(Nb201Space.encodeCell(cell));
    assertEquals(1.0, c[2]);
    assertEquals(2.0, c[8]);
    assertEquals(1.0, c[26]);
    assertEquals(4.0, java.util.Arrays.stream(c).sum());
  }

  @Test
  void nb201SkipsAndNonesAreGoneBeforeEncoding() {
    // e3 = skip (0->3): the direct input->output path; e0 -> e2 -> e5 = conv1, pool, conv3; e1, e4 none.
    Nb201Cell cell = new Nb201Space().parse(
        "|nor_conv_1x1~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|");
    PathEncoding e = PathEncoding.nb201();
    assertEquals(Set.of(0, 13 + 0 * 9 + 2 * 3 + 1), ones(e.encode(new Nb201Space(), cell)));
    // No input->output path: the two-node graph, no feature at all.
    Nb201Cell dead = Nb201Cell.of("none", "none", "none", "none", "none", "none");
    assertEquals(Set.of(), ones(e.encode(new Nb201Space(), dead)));
    // Only skips: the bare input->output edge.
    Nb201Cell skips = Nb201Cell.of("skip_connect", "skip_connect", "skip_connect", "skip_connect", "skip_connect",
        "skip_connect");
    assertEquals(Set.of(0), ones(e.encode(new Nb201Space(), skips)));
  }

  @Test
  void everyNb201CellEncodesAndIsomorphicSpellingsAgree() {
    PathEncoding e = PathEncoding.nb201();
    Nb201Space space = new Nb201Space();
    SplittableRandom rng = new SplittableRandom(3);
    for (int t = 0; t < 500; t++) {
      Nb201Cell cell = space.sample(rng);
      double[] v = e.encode(space, cell);
      assertEquals(40, v.length);
      for (double x : v) assertTrue(x == 0 || x == 1);
    }
    // e0 = none makes e2 and e4 unreachable: their ops do not matter.
    double[] a = e.encode(space, Nb201Cell.of("none", C3, C1, C1, C1, POOL));
    double[] b = e.encode(space, Nb201Cell.of("none", C3, POOL, C1, POOL, POOL));
    assertArrayEquals(a, b);
  }

  @Test
  void nb101HandCheckedGraph() {
    // input -> conv3x3 -> maxpool -> output and input -> output.
    LabelledDag g = new LabelledDag(List.of("input", Nb101Spec.CONV3X3, Nb101Spec.MAXPOOL3X3, "output"),
        List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {0, 3}));
    PathEncoding e = PathEncoding.nb101();
    // [conv3x3 maxpool]: offset 1 + 3 = 4, code 0 * 3 + 2.
    assertEquals(Set.of(0, 6), ones(e.encode(List.of(g))));
    // Through the space: a 7-vertex chain gives the single path of 5 ops.
    Nb101Spec chain = Nb101Spec.of(new int[][] {
        {0, 1, 0, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0, 0}, {0, 0, 0, 1, 0, 0, 0}, {0, 0, 0, 0, 1, 0, 0},
        {0, 0, 0, 0, 0, 1, 0}, {0, 0, 0, 0, 0, 0, 1}, {0, 0, 0, 0, 0, 0, 0}},
        List.of("input", Nb101Spec.CONV1X1, Nb101Spec.CONV1X1, Nb101Spec.CONV1X1, Nb101Spec.CONV1X1,
            Nb101Spec.MAXPOOL3X3, "output"));
    int expected = e.index("input", List.of(Nb101Spec.CONV1X1, Nb101Spec.CONV1X1, Nb101Spec.CONV1X1,
        Nb101Spec.CONV1X1, Nb101Spec.MAXPOOL3X3));
    assertEquals(1 + 3 + 9 + 27 + 81 + (1 * 81 + 1 * 27 + 1 * 9 + 1 * 3 + 2), expected);
    assertEquals(Set.of(expected), ones(e.encode(new Nb101Space(), chain)));
  }

  @Test
  void dartsPathsFromEachInputThroughAddNodes() {
    // node 2: sep3 <- 0, sep3 <- 1; node 3: max <- 0, dil3 <- 2; node 4: sep5 <- 1, avg <- 3;
    // node 5: skip <- 0, dil5 <- 4.
    DartsCell chain = new DartsCell(List.of(
        new DartsEdge(DartsOp.SEP_CONV_3X3, 0), new DartsEdge(DartsOp.SEP_CONV_3X3, 1),
        new DartsEdge(DartsOp.MAX_POOL_3X3, 0), new DartsEdge(DartsOp.DIL_CONV_3X3, 2),
        new DartsEdge(DartsOp.SEP_CONV_5X5, 1), new DartsEdge(DartsOp.AVG_POOL_3X3, 3),
        new DartsEdge(DartsOp.SKIP_CONNECT, 0), new DartsEdge(DartsOp.DIL_CONV_5X5, 4)));
    // Every node reads both inputs through one op.
    DartsCell flat = new DartsCell(List.of(
        new DartsEdge(DartsOp.SEP_CONV_3X3, 0), new DartsEdge(DartsOp.MAX_POOL_3X3, 1),
        new DartsEdge(DartsOp.SEP_CONV_3X3, 0), new DartsEdge(DartsOp.MAX_POOL_3X3, 1),
        new DartsEdge(DartsOp.SEP_CONV_3X3, 0), new DartsEdge(DartsOp.MAX_POOL_3X3, 1),
        new DartsEdge(DartsOp.SEP_CONV_3X3, 0), new DartsEdge(DartsOp.MAX_POOL_3X3, 1)));
    DartsGenotype g = new DartsGenotype(chain, flat);
    String k2 = "c_{k-2}";
    String k1 = "c_{k-1}";
    String sep3 = "sep_conv_3x3";
    String sep5 = "sep_conv_5x5";
    String dil3 = "dil_conv_3x3";
    String dil5 = "dil_conv_5x5";
    String max = "max_pool_3x3";
    String avg = "avg_pool_3x3";
    for (int cap : new int[] {3, 4}) {
      PathEncoding e = PathEncoding.darts(cap);
      List<Integer> expected = new ArrayList<>();
      expected.add(e.index(k2, List.of(sep3)));
      expected.add(e.index(k2, List.of(sep3, dil3)));
      expected.add(e.index(k2, List.of(max)));
      expected.add(e.index(k2, List.of(sep3, dil3, avg)));
      expected.add(e.index(k2, List.of(max, avg)));
      expected.add(e.index(k2, List.of(sep3, dil3, avg, dil5)));
      expected.add(e.index(k2, List.of(max, avg, dil5)));
      expected.add(e.index(k2, List.of()));
      expected.add(e.index(k1, List.of(sep3)));
      expected.add(e.index(k1, List.of(sep3, dil3)));
      expected.add(e.index(k1, List.of(sep3, dil3, avg)));
      expected.add(e.index(k1, List.of(sep5)));
      expected.add(e.index(k1, List.of(sep3, dil3, avg, dil5)));
      expected.add(e.index(k1, List.of(sep5, dil5)));
      int c = e.cellDimension();
      expected.add(c + e.index(k2, List.of(sep3)));
      expected.add(c + e.index(k1, List.of(max)));
      expected.removeIf(i -> i == -1);
      Set<Integer> want = new TreeSet<>(expected);
      assertEquals(cap == 3 ? 14 : 16, want.size());
      assertEquals(want, ones(e.encode(new DartsSpace(), g)));
    }
  }

  @Test
  void everyDartsSampleEncodes() {
    DartsSpace space = new DartsSpace();
    PathEncoding e = PathEncoding.forSpace(space);
    SplittableRandom rng = new SplittableRandom(5);
    for (int t = 0; t < 200; t++) {
      double[] v = e.encode(space, space.sample(rng));
      assertTrue(ones(v).size() >= 2);
    }
  }

  @Test
  void capDropsLongerPaths() {
    PathEncoding shortOnly = new PathEncoding(List.of("input"), "output", List.of(C1, C3, POOL), Set.of(), 1, 1,
        PathEncoding.Mode.BINARY);
    assertEquals(4, shortOnly.dimension());
    double[] v = shortOnly.encodeCell(Nb201Space.encodeCell(Nb201Cell.of(C3, C3, C3, C3, C3, C3)));
    assertArrayEquals(new double[] {0, 0, 1, 0}, v);
  }

  @Test
  void vocabularyIsChecked() {
    PathEncoding e = PathEncoding.nb201();
    LabelledDag unknown = new LabelledDag(List.of("input", "none", "output"),
        List.of(new int[] {0, 1}, new int[] {1, 2}));
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.encodeCell(unknown));
    assertTrue(ex.getMessage().contains("'none'"), ex.getMessage());
    LabelledDag noOutput = new LabelledDag(List.of("input", C1), List.of(new int[] {0, 1}));
    assertThrows(IllegalArgumentException.class, () -> e.encodeCell(noOutput));
    assertThrows(IllegalArgumentException.class, () -> e.index("input", List.of("sep_conv_3x3")));
    assertThrows(IllegalArgumentException.class, () -> e.index("in", List.of()));
    assertThrows(IllegalArgumentException.class, () -> e.encode(List.of()));
    assertThrows(IllegalArgumentException.class, () -> new PathEncoding(List.of("input"), "output",
        List.of(C1, C1), Set.of(), 2, 1, PathEncoding.Mode.BINARY));
    assertThrows(IllegalArgumentException.class, () -> new PathEncoding(List.of("input"), "output",
        List.of(C1, "output"), Set.of(), 2, 1, PathEncoding.Mode.BINARY));
    assertThrows(IllegalArgumentException.class, () -> new PathEncoding(List.of("input"), "output",
        List.of(), Set.of(), 2, 1, PathEncoding.Mode.BINARY));
    assertThrows(IllegalArgumentException.class, () -> new PathEncoding(List.of("input"), "output",
        List.of(C1), Set.of(), -1, 1, PathEncoding.Mode.BINARY));
    // A label outside the vocabulary is rejected even when it sits beyond the length cap.
    PathEncoding one = new PathEncoding(List.of("input"), "output", List.of(C1), Set.of(), 0, 1,
        PathEncoding.Mode.BINARY);
    LabelledDag deep = new LabelledDag(List.of("input", C1, "mystery", "output"),
        List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}));
    assertThrows(IllegalArgumentException.class, () -> one.encodeCell(deep));
  }

  /** NAS-Bench-201 under another name. */
  private static final class Renamed implements SearchSpace<Nb201Cell> {
    private final Nb201Space inner = new Nb201Space();

    @Override
    public String name() {
      return "other";
    }

    @Override
    public Nb201Cell parse(String notation) {
      return inner.parse(notation);
    }

    @Override
    public String format(Nb201Cell a) {
      return inner.format(a);
    }

    @Override
    public List<LabelledDag> encode(Nb201Cell a) {
      return inner.encode(a);
    }

    @Override
    public String key(Nb201Cell a) {
      return inner.key(a);
    }

    @Override
    public Nb201Cell sample(RandomGenerator rng) {
      return inner.sample(rng);
    }

    @Override
    public Nb201Cell mutate(Nb201Cell parent, RandomGenerator rng) {
      return inner.mutate(parent, rng);
    }
  }

  @Test
  void forSpaceRejectsUnknownSpaces() {
    assertEquals(40, PathEncoding.forSpace(new Nb201Space()).dimension());
    assertEquals(364, PathEncoding.forSpace(new Nb101Space()).dimension());
    SearchSpace<Nb201Cell> renamed = new Renamed();
    assertThrows(IllegalArgumentException.class, () -> PathEncoding.forSpace(renamed));
  }
}
