package org.nasbowl.surrogates.regression.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.space.nb101.Nb101Space;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.core.stats.RankCorrelation;
import org.nasbowl.surrogates.regression.Prediction;
import org.nasbowl.surrogates.regression.Surrogate;

class GinSurrogateTest {
  private static final double GRADIENT_TOLERANCE = 1e-6;
  /**
   * Central-difference steps: around 1e-4 rounding noise (sum readouts make the loss O(1..10)) stays below 1e-7;
   * smaller steps are tried for parameters where 1e-4 straddles a ReLU kink.
   */
  private static final double[] STEPS = {1e-4, 1e-5, 1e-6};

  private static <A> List<A> sample(SearchSpace<A> space, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, A> out = new LinkedHashMap<>();
    while (out.size() < n) {
      A a = space.sample(rng);
      out.putIfAbsent(space.key(a), a);
    }
    return new ArrayList<>(out.values());
  }

  static <A> void checkGradient(SearchSpace<A> space, long seed) {
    List<A> archs = sample(space, 6, seed);
    List<List<LabelledDag>> graphs = new ArrayList<>();
    TreeSet<String> labels = new TreeSet<>();
    for (A a : archs) {
      graphs.add(space.encode(a));
      for (LabelledDag d : space.encode(a)) labels.addAll(d.labels());
    }
    Map<String, Integer> vocab = new HashMap<>();
    for (String s : labels) vocab.put(s, vocab.size());
    int cells = graphs.get(0).size();
    GraphData data = GraphData.of(graphs, cells, vocab, vocab.size());
    GinNetwork net = new GinNetwork(vocab.size() + 1, cells, 3, 5, 4);
    SplittableRandom rng = new SplittableRandom(seed + 1);
    double[] p = net.initial(rng);
    for (int k = 0; k < p.length; k++) p[k] += 0.1 * rng.nextGaussian();
    int n = archs.size();
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = rng.nextGaussian();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    GinNetwork.Work w = net.work(data.maxNodes);
    double[] analytic = new double[p.length];
    double loss = net.lossAndGradient(p, data, idx, 0, n, y, w, analytic);
    assertEquals(net.loss(p, data, idx, 0, n, y, w), loss, 1e-12);
    Map<String, Integer> nonzero = new TreeMap<>();
    for (int k = 0; k < p.length; k++) {
      // A step that straddles a ReLU kink gives a wrong difference quotient; the best of three steps must agree.
      double err = Double.POSITIVE_INFINITY;
      double numeric = Double.NaN;
      for (double step : STEPS) {
        double[] plus = p.clone();
        double[] minus = p.clone();
        plus[k] += step;
        minus[k] -= step;
        double q = (net.loss(plus, data, idx, 0, n, y, w) - net.loss(minus, data, idx, 0, n, y, w)) / (2 * step);
        double e = Math.abs(q - analytic[k]) / Math.max(1e-3, Math.abs(analytic[k]) + Math.abs(q));
        if (e < err) {
          err = e;
          numeric = q;
        }
      }
      assertTrue(err < GRADIENT_TOLERANCE,
          space.name() + " parameter " + k + " (" + net.group(k) + "): analytic " + analytic[k] + " numeric " + numeric);
      nonzero.merge(net.group(k), Math.abs(analytic[k]) > 1e-8 ? 1 : 0, Integer::sum);
    }
    // Every parameter group (eps, A, b, B, c of each layer; head; output) is exercised.
    assertEquals(3 * 5 + 4, nonzero.size(), nonzero.toString());
    for (Map.Entry<String, Integer> e : nonzero.entrySet()) {
      assertTrue(e.getValue() > 0, "group " + e.getKey() + " has no non-zero gradient: " + nonzero);
    }
  }

  @Test
  void analyticGradientMatchesFiniteDifferences() {
    checkGradient(new Nb201Space(), 3);
    checkGradient(new Nb101Space(), 5);
    checkGradient(new DartsSpace(), 7);
    checkGradient(new DartsSpace(), 8);
  }

  @Test
  void sameSeedSamePredictions() {
    Nb201Space space = new Nb201Space();
    List<Nb201Cell> train = sample(space, 60, 1);
    List<Nb201Cell> test = sample(space, 30, 2);
    double[] y = synthetic(train);
    GinSurrogate<Nb201Cell> s = new GinSurrogate<>(space);
    Prediction a = s.fit(train, y, 42).predict(test);
    Prediction b = s.fit(train, y, 42).predict(test);
    Prediction c = s.fit(train, y, 43).predict(test);
    assertArrayEquals(a.mean(), b.mean(), 0.0);
    assertFalse(java.util.Arrays.equals(a.mean(), c.mean()));
    assertNull(a.variance());
    assertFalse(a.hasVariance());
    for (double m : a.mean()) assertTrue(Double.isFinite(m));
    // Small n (fixed-epoch path) is reproducible too.
    List<Nb201Cell> few = train.subList(0, 10);
    double[] yf = java.util.Arrays.copyOf(y, 10);
    assertArrayEquals(s.fit(few, yf, 9).predict(test).mean(), s.fit(few, yf, 9).predict(test).mean(), 0.0);
  }

  /** 0.5 + 0.04 per nor_conv_3x3 node of the encoded graph + 0.03 if a nor_conv_3x3 node feeds the output. */
  static double[] synthetic(List<Nb201Cell> cells) {
    double[] y = new double[cells.size()];
    for (int i = 0; i < y.length; i++) {
      LabelledDag g = Nb201Space.encodeCell(cells.get(i));
      int convs = 0;
      boolean feeds = false;
      for (int v = 0; v < g.size(); v++) {
        if (!g.label(v).equals("nor_conv_3x3")) continue;
        convs++;
        for (int s : g.successors(v)) if (g.label(s).equals(Nb201Space.OUTPUT)) feeds = true;
      }
      y[i] = 0.5 + 0.04 * convs + (feeds ? 0.03 : 0.0);
    }
    return y;
  }

  @Test
  void learnsSyntheticTargetWithMoreData() {
    Nb201Space space = new Nb201Space();
    List<Nb201Cell> all = sample(space, 600, 17);
    List<Nb201Cell> test = all.subList(400, 600);
    double[] yTest = synthetic(test);
    GinSurrogate<Nb201Cell> s = new GinSurrogate<>(space);
    double small = 0;
    double large = 0;
    int reps = 3;
    for (int r = 0; r < reps; r++) {
      small += spearman(s, all.subList(0, 25), test, yTest, r);
      large += spearman(s, all.subList(0, 400), test, yTest, r);
    }
    small /= reps;
    large /= reps;
    assertTrue(large > small, "Spearman n=25 " + small + " vs n=400 " + large);
    assertTrue(large > 0.8, "Spearman at n=400: " + large);
  }

  private static double spearman(GinSurrogate<Nb201Cell> s, List<Nb201Cell> train, List<Nb201Cell> test,
      double[] yTest, long seed) {
    return RankCorrelation.spearman(s.fit(train, synthetic(train), seed).predict(test).mean(), yTest);
  }

  @Test
  void handlesTwoCellSpacesAndUnknownLabels() {
    DartsSpace darts = new DartsSpace();
    List<?> raw = sample(darts, 30, 4);
    @SuppressWarnings("unchecked")
    List<Object> archs = (List<Object>) raw;
    double[] y = new double[archs.size()];
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < y.length; i++) y[i] = 0.9 + 0.01 * rng.nextDouble();
    @SuppressWarnings({"unchecked", "rawtypes"})
    GinSurrogate<Object> s = new GinSurrogate<>((SearchSpace) darts);
    Prediction p = s.fit(archs, y, 3).predict(archs);
    assertEquals(archs.size(), p.mean().length);
    for (double m : p.mean()) assertTrue(Double.isFinite(m));
    // An NB201 cell made only of skips and pools: labels never seen in a conv-only training set.
    Nb201Space nb = new Nb201Space();
    List<Nb201Cell> convs = List.of(Nb201Cell.of("nor_conv_3x3", "nor_conv_3x3", "nor_conv_3x3", "nor_conv_3x3",
        "nor_conv_3x3", "nor_conv_3x3"), Nb201Cell.of("nor_conv_3x3", "none", "nor_conv_3x3", "none", "none",
        "nor_conv_3x3"));
    Prediction q = new GinSurrogate<>(nb).fit(convs, new double[] {0.9, 0.8}, 1)
        .predict(List.of(Nb201Cell.of("avg_pool_3x3", "skip_connect", "avg_pool_3x3", "nor_conv_1x1",
            "avg_pool_3x3", "avg_pool_3x3")));
    assertTrue(Double.isFinite(q.mean()[0]));
  }

  @Test
  void rejectsBadInput() {
    Nb201Space space = new Nb201Space();
    List<Nb201Cell> train = sample(space, 5, 1);
    GinSurrogate<Nb201Cell> s = new GinSurrogate<>(space);
    assertThrows(IllegalArgumentException.class, () -> s.fit(train, new double[4], 1));
    assertThrows(IllegalArgumentException.class, () -> s.fit(train.subList(0, 1), new double[1], 1));
    assertThrows(IllegalArgumentException.class,
        () -> s.fit(train, new double[] {0.1, 0.2, Double.NaN, 0.3, 0.4}, 1));
    List<Nb201Cell> withNull = new ArrayList<>(train);
    withNull.set(2, null);
    assertThrows(IllegalArgumentException.class, () -> s.fit(withNull, new double[5], 1));
    assertThrows(IllegalArgumentException.class, () -> new GinSurrogate<>(space, null));
    assertThrows(IllegalArgumentException.class, () -> GinConfig.defaults().withWidth(0));
    assertEquals("gnn", s.id());
    // A constant target is fine (scale 1) and is predicted back.
    double[] c = {0.7, 0.7, 0.7, 0.7, 0.7};
    for (double m : s.fit(train, c, 2).predict(train).mean()) assertEquals(0.7, m, 1e-9);
  }
}
