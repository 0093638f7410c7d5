package org.nasbowl.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.space.nb101.Nb101Space;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.core.testsupport.OriginalGraphs;
import org.nasbowl.core.testsupport.TestPaths;

class WlKernelTest {
  private static final double GOLDEN_TOL = 1e-5;

  @Test
  void dotProductGramMatchesTheOriginalOnItsGraphs() throws Exception {
    JsonNode golden = new ObjectMapper().readTree(TestPaths.requireGolden("wl_gram_first30.json").toFile());
    Map<String, LabelledDag> graphs = OriginalGraphs.load();
    WlFeatureExtractor ex = new WlFeatureExtractor(4);
    List<ArchitectureFeatures> xs = new ArrayList<>();
    for (JsonNode a : golden.get("arch")) xs.add(ex.extract(List.of(graphs.get(a.asText()))));
    assertEquals(30, xs.size());
    for (int h = 0; h <= 4; h++) {
      double[][] k = new WlKernel(BaseKernel.DOT_PRODUCT, h).gram(xs);
      JsonNode g = golden.get("gram").get(Integer.toString(h));
      double maxErr = 0;
      for (int i = 0; i < 30; i++) {
        for (int j = 0; j < 30; j++) maxErr = Math.max(maxErr, Math.abs(k[i][j] - g.get(i).get(j).asDouble()));
      }
      assertTrue(maxErr < GOLDEN_TOL, "h=" + h + " max abs error " + maxErr);
    }
  }

  static <A> List<ArchitectureFeatures> randomFeatures(SearchSpace<A> space, int n, long seed, int h) {
    SplittableRandom rng = new SplittableRandom(seed);
    WlFeatureExtractor ex = new WlFeatureExtractor(h);
    List<ArchitectureFeatures> xs = new ArrayList<>();
    for (int i = 0; i < n; i++) xs.add(ex.extract(space.encode(space.sample(rng))));
    return xs;
  }

  static List<Function<Long, List<ArchitectureFeatures>>> spaces(int n, int h) {
    return List.of(s -> randomFeatures(new Nb201Space(), n, s, h), s -> randomFeatures(new Nb101Space(), n, s, h),
        s -> randomFeatures(new DartsSpace(), n, s, h));
  }

  @ParameterizedTest
  @EnumSource(BaseKernel.class)
  void everyKernelIsSymmetricUnitDiagonalAndPositiveSemiDefinite(BaseKernel base) {
    for (Function<Long, List<ArchitectureFeatures>> space : spaces(500, 4)) {
      List<ArchitectureFeatures> xs = space.apply(17L);
      for (int h = 0; h <= 4; h++) {
        double[][] k = new WlKernel(base, h).gram(xs);
        DMatrixRMaj m = new DMatrixRMaj(k.length, k.length);
        for (int i = 0; i < k.length; i++) {
          assertEquals(1.0, k[i][i], 1e-12);
          for (int j = 0; j < k.length; j++) {
            assertEquals(k[i][j], k[j][i], 1e-12);
            assertTrue(k[i][j] >= 0 && k[i][j] <= 1 + 1e-12);
            m.set(i, j, k[i][j] + (i == j ? 1e-10 : 0));
          }
        }
        assertTrue(DecompositionFactory_DDRM.chol(k.length, true).decompose(m),
            base + " h=" + h + ": Cholesky of K + 1e-10 I failed");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(BaseKernel.class)
  void pairwiseValueAgreesWithGramAndIndexedRows(BaseKernel base) {
    for (Function<Long, List<ArchitectureFeatures>> space : spaces(40, 3)) {
      List<ArchitectureFeatures> xs = space.apply(5L);
      List<ArchitectureFeatures> ys = space.apply(6L);
      WlKernel k = new WlKernel(base, 3);
      double[][] cross = k.cross(xs, ys);
      for (int i = 0; i < xs.size(); i++) {
        for (int j = 0; j < ys.size(); j++) assertEquals(k.value(xs.get(i), ys.get(j)), cross[i][j], 1e-12);
      }
    }
  }

  @Test
  void kernelIsInvariantToNodeRenumbering() {
    SplittableRandom rng = new SplittableRandom(8);
    Nb101Space space = new Nb101Space();
    WlFeatureExtractor ex = new WlFeatureExtractor(4);
    for (int t = 0; t < 200; t++) {
      LabelledDag g = space.encode(space.sample(rng)).get(0);
      LabelledDag p = permuted(g, rng);
      ArchitectureFeatures a = ex.extract(List.of(g));
      ArchitectureFeatures b = ex.extract(List.of(p));
      for (int d = 0; d <= 4; d++) {
        assertEquals(java.util.Arrays.toString(a.cell(0).ids(d)), java.util.Arrays.toString(b.cell(0).ids(d)));
      }
      for (BaseKernel base : BaseKernel.values()) assertEquals(1.0, new WlKernel(base, 4).value(a, b), 1e-12);
    }
  }

  static LabelledDag permuted(LabelledDag g, SplittableRandom rng) {
    int n = g.size();
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) labels[perm[i]] = g.label(i);
    List<int[]> edges = new ArrayList<>();
    for (int[] e : g.edges()) edges.add(new int[] {perm[e[0]], perm[e[1]]});
    return new LabelledDag(List.of(labels), edges);
  }

  @Test
  void featureIdsAgreeWithReadableLabels() {
    SplittableRandom rng = new SplittableRandom(2);
    Nb201Space space = new Nb201Space();
    java.util.Map<Long, String> seen = new java.util.HashMap<>();
    for (int t = 0; t < 2000; t++) {
      LabelledDag g = space.encode(space.sample(rng)).get(0);
      for (var e : WlFeatureExtractor.names(g, 4).entrySet()) {
        String label = e.getValue().depth() + ":" + e.getValue().label();
        String prev = seen.putIfAbsent(e.getKey(), label);
        assertTrue(prev == null || prev.equals(label), "id collision: " + prev + " vs " + label);
        assertEquals(e.getKey().longValue(), WlFeatureExtractor.idOf(e.getValue().depth(), e.getValue().label()));
      }
    }
    assertTrue(seen.size() > 500, "distinct features seen: " + seen.size());
    // Distinct labels give distinct ids: the map above is injective in both directions.
    assertEquals(seen.size(), new java.util.HashSet<>(seen.values()).size());
  }

  @Test
  void handComputedValuesOnTinyGraphs() {
    // a -> b -> c versus a -> c: depth 0 histograms {a,b,c} and {a,c}.
    LabelledDag g1 = new LabelledDag(List.of("a", "b", "c"), List.of(new int[] {0, 1}, new int[] {1, 2}));
    LabelledDag g2 = new LabelledDag(List.of("a", "c"), List.of(new int[] {0, 1}));
    WlFeatureExtractor ex = new WlFeatureExtractor(1);
    ArchitectureFeatures f1 = ex.extract(List.of(g1));
    ArchitectureFeatures f2 = ex.extract(List.of(g2));
    // h = 0: dot = 2, norms 3 and 2: 2 / sqrt(6).
    assertEquals(2 / Math.sqrt(6), new WlKernel(BaseKernel.DOT_PRODUCT, 0).value(f1, f2), 1e-15);
    // h = 1: depth-1 features g1 {a(b), b(c), c}, g2 {a(c), c}: one shared (c): k~ = 2 + 1, self 6 and 4.
    assertEquals(3 / Math.sqrt(24), new WlKernel(BaseKernel.DOT_PRODUCT, 1).value(f1, f2), 1e-15);
    // Histogram intersection with counts: g3 has two b's.
    LabelledDag g3 = new LabelledDag(List.of("a", "b", "b"), List.of(new int[] {0, 1}, new int[] {0, 2}));
    ArchitectureFeatures f3 = ex.extract(List.of(g3));
    // h = 0: g1 {a:1,b:1,c:1}, g3 {a:1,b:2}: min-sum 2, self sums 3 and 3 -> 2/3; dot: 3 / sqrt(3 * 5).
    assertEquals(2.0 / 3, new WlKernel(BaseKernel.HISTOGRAM_INTERSECTION, 0).value(f1, f3), 1e-15);
    assertEquals(3 / Math.sqrt(15), new WlKernel(BaseKernel.DOT_PRODUCT, 0).value(f1, f3), 1e-15);
  }
}
