package org.nasbowl.surrogates.regression.trees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.surrogates.regression.Prediction;
import org.nasbowl.surrogates.regression.Surrogate;

/** Contract tests run against both tree surrogates. */
class TreeSurrogatesTest {
  /**
   * Largest absolute error on a training target of the noise-free problem (targets 0.5..0.8 in steps of 0.05,
   * standard deviation about 0.045): two steps. Both learners smooth (leaves of at least 5 samples, at most
   * n/5 leaves per forest tree, LAD boosting with shrinkage), so rare cells are pulled towards their neighbours.
   */
  private static final double TRAIN_TOLERANCE = 0.1;
  /** Root-mean-square training error bound: about half the targets' standard deviation. */
  private static final double TRAIN_RMSE = 0.025;
  private static final double MIN_SPEARMAN = 0.8;

  private static final Nb201Space SPACE = new Nb201Space();

  static Stream<Arguments> surrogates() {
    Function<Nb201Space, Surrogate<Nb201Cell>> rf = RandomForestSurrogate::new;
    Function<Nb201Space, Surrogate<Nb201Cell>> gbt = GradientBoostingSurrogate::new;
    return Stream.of(Arguments.of("rf", rf), Arguments.of("gbt", gbt));
  }

  /**
   * 0.5 + 0.05 per conv3x3 node of the encoded cell, in [0.5, 0.8]: noise-free and a function of the encoding
   * (counting the raw edges instead would give cells with equal encodings different targets, as convs off every
   * input-output path are pruned).
   */
  private static double accuracy(Nb201Cell cell) {
    return 0.5 + 0.05 * SPACE.encode(cell).get(0).labels().stream().filter("nor_conv_3x3"::equals).count();
  }

  /** {@code n} distinct cells drawn with a seeded generator. */
  private static List<Nb201Cell> cells(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, Nb201Cell> out = new LinkedHashMap<>();
    while (out.size() < n) {
      Nb201Cell c = SPACE.sample(rng);
      out.putIfAbsent(c.archString(), c);
    }
    return new ArrayList<>(out.values());
  }

  private static double[] targets(List<Nb201Cell> cells) {
    return cells.stream().mapToDouble(TreeSurrogatesTest::accuracy).toArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("surrogates")
  void sameSeedSamePredictionsOtherSeedOtherModel(String id, Function<Nb201Space, Surrogate<Nb201Cell>> make) {
    List<Nb201Cell> train = cells(60, 11);
    List<Nb201Cell> test = cells(50, 12);
    double[] y = targets(train);
    Surrogate<Nb201Cell> s = make.apply(SPACE);
    Prediction a = s.fit(train, y, 7).predict(test);
    Prediction b = make.apply(SPACE).fit(train, y, 7).predict(test);
    Prediction c = s.fit(train, y, 8).predict(test);
    assertArrayEquals(a.mean(), b.mean(), 0.0, id);
    assertFalse(Arrays.equals(a.mean(), c.mean()), id + ": seeds 7 and 8 gave identical predictions");
    if (a.hasVariance()) assertArrayEquals(a.variance(), b.variance(), 0.0, id);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("surrogates")
  void concurrentFitsEqualSequentialFits(String id, Function<Nb201Space, Surrogate<Nb201Cell>> make)
      throws Exception {
    List<Nb201Cell> train = cells(60, 21);
    List<Nb201Cell> test = cells(30, 22);
    double[] y = targets(train);
    int fits = 4;
    double[][] sequential = new double[fits][];
    for (int k = 0; k < fits; k++) sequential[k] = make.apply(SPACE).fit(train, y, 100 + k).predict(test).mean();
    ExecutorService pool = Executors.newFixedThreadPool(fits);
    try {
      List<Future<double[]>> futures = new ArrayList<>();
      // Each seed twice, interleaved, so that the same threads run fits of different seeds.
      for (int r = 0; r < 2; r++) {
        for (int k = 0; k < fits; k++) {
          long seed = 100 + k;
          futures.add(pool.submit(() -> make.apply(SPACE).fit(train, y, seed).predict(test).mean()));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertArrayEquals(sequential[i % fits], futures.get(i).get(), 0.0, id + " fit " + i);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("surrogates")
  void fitsANoiseFreeProblem(String id, Function<Nb201Space, Surrogate<Nb201Cell>> make) {
    List<Nb201Cell> train = cells(60, 31);
    double[] y = targets(train);
    double[] p = make.apply(SPACE).fit(train, y, 1).predict(train).mean();
    double sq = 0;
    for (int i = 0; i < y.length; i++) {
      assertEquals(y[i], p[i], TRAIN_TOLERANCE, id + " training point " + i);
      sq += (y[i] - p[i]) * (y[i] - p[i]);
    }
    assertTrue(Math.sqrt(sq / y.length) < TRAIN_RMSE, id + " training RMSE " + Math.sqrt(sq / y.length));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("surrogates")
  void ranksHeldOutCells(String id, Function<Nb201Space, Surrogate<Nb201Cell>> make) {
    List<Nb201Cell> all = cells(400, 41);
    List<Nb201Cell> train = all.subList(0, 200);
    List<Nb201Cell> test = all.subList(200, 400);
    Prediction p = make.apply(SPACE).fit(train, targets(train), 2).predict(test);
    double rho = spearman(targets(test), p.mean());
    assertTrue(rho > MIN_SPEARMAN, id + " Spearman " + rho);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("surrogates")
  void varianceOnlyForTheForest(String id, Function<Nb201Space, Surrogate<Nb201Cell>> make) {
    List<Nb201Cell> train = cells(40, 51);
    Prediction p = make.apply(SPACE).fit(train, targets(train), 3).predict(cells(20, 52));
    assertEquals(20, p.mean().length);
    if (id.equals("rf")) {
      assertNotNull(p.variance());
      for (double v : p.variance()) assertTrue(v >= 0 && Double.isFinite(v), id + " variance " + v);
      assertTrue(Arrays.stream(p.variance()).anyMatch(v -> v > 0), "trees never disagree");
    } else {
      assertNull(p.variance());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("surrogates")
  void rejectsBadTrainingDataWithTheSharedMessages(String id, Function<Nb201Space, Surrogate<Nb201Cell>> make) {
    Surrogate<Nb201Cell> s = make.apply(SPACE);
    List<Nb201Cell> three = cells(3, 61);
    List<Nb201Cell> one = cells(1, 62);
    double[][] ys = {{0.5, 0.6}, {0.5, Double.NaN, 0.7}, {0.5}};
    List<List<Nb201Cell>> xs = List.of(three, three, one);
    for (int k = 0; k < ys.length; k++) {
      List<Nb201Cell> x = xs.get(k);
      double[] y = ys[k];
      String expected = assertThrows(IllegalArgumentException.class, () -> Surrogate.checkTraining(x, y)).getMessage();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.fit(x, y, 0));
      assertEquals(expected, e.getMessage(), id + " case " + k);
    }
  }

  /** Spearman rank correlation with average ranks for ties. */
  static double spearman(double[] a, double[] b) {
    double[] ra = ranks(a);
    double[] rb = ranks(b);
    double ma = Arrays.stream(ra).average().orElseThrow();
    double mb = Arrays.stream(rb).average().orElseThrow();
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (ra[i] - ma) * (rb[i] - mb);
      saa += (ra[i] - ma) * (ra[i] - ma);
      sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }

  private static double[] ranks(double[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) idx[i] = i;
    Arrays.sort(idx, (i, j) -> Double.compare(v[i], v[j]));
    double[] r = new double[v.length];
    for (int s = 0; s < v.length; ) {
      int e = s;
      while (e + 1 < v.length && v[idx[e + 1]] == v[idx[s]]) e++;
      for (int k = s; k <= e; k++) r[idx[k]] = (s + e) / 2.0 + 1;
      s = e + 1;
    }
    return r;
  }
}
