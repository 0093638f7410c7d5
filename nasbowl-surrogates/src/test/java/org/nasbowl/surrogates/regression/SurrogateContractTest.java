package org.nasbowl.surrogates.regression;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.core.stats.RankCorrelation;

/** The Surrogate contract, run against every registered surrogate. */
class SurrogateContractTest {
  private final Nb201Space space = new Nb201Space();

  static Stream<String> ids() {
    return RegressionSurrogates.IDS.stream().filter(SurrogateContractTest::registered);
  }

  static boolean registered(String id) {
    try {
      RegressionSurrogates.create(id, new Nb201Space());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A noise-free target: convolutions help, with a bonus for a 3x3 convolution on the direct edge 0 -> 3. */
  static double target(Nb201Cell c) {
    double s = 0.5;
    for (String op : c.ops()) {
      if (op.equals("nor_conv_3x3")) s += 0.05;
      if (op.equals("nor_conv_1x1")) s += 0.03;
    }
    return s + (c.op(3).equals("nor_conv_3x3") ? 0.04 : 0);
  }

  private List<Nb201Cell> distinct(int n, long seed, Set<String> exclude) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<Nb201Cell> out = new ArrayList<>();
    while (out.size() < n) {
      Nb201Cell c = space.sample(rng);
      if (exclude.add(c.archString())) out.add(c);
    }
    return out;
  }

  private static double[] targets(List<Nb201Cell> cs) {
    return cs.stream().mapToDouble(SurrogateContractTest::target).toArray();
  }

  @ParameterizedTest
  @MethodSource("ids")
  void reproducibleForASeedAndLearnsANoiseFreeTarget(String id) {
    Surrogate<Nb201Cell> s = RegressionSurrogates.create(id, space);
    Set<String> used = new HashSet<>();
    List<Nb201Cell> train = distinct(150, 1, used);
    List<Nb201Cell> test = distinct(200, 2, used);
    double[] y = targets(train);
    Prediction a = s.fit(train, y, 7).predict(test);
    Prediction b = s.fit(train, y, 7).predict(test);
    assertArrayEquals(a.mean(), b.mean(), 0, id + " is reproducible for a seed");
    double rho = RankCorrelation.spearman(a.mean(), targets(test));
    assertTrue(rho > 0.7, id + ": held-out Spearman " + rho);
    // The training targets themselves are fitted well.
    double[] fitted = s.fit(train, y, 7).predict(train).mean();
    double rmse = 0;
    for (int i = 0; i < y.length; i++) rmse += (fitted[i] - y[i]) * (fitted[i] - y[i]);
    rmse = Math.sqrt(rmse / y.length);
    assertTrue(rmse < 0.03, id + ": training RMSE " + rmse + " (targets span 0.5 to 0.84)");
    if (a.hasVariance()) for (double v : a.variance()) assertTrue(v >= 0 && Double.isFinite(v), id + " variance " + v);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void rejectsBadInputWithAMessage(String id) {
    Surrogate<Nb201Cell> s = RegressionSurrogates.create(id, space);
    List<Nb201Cell> cs = distinct(5, 3, new HashSet<>());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.fit(cs, new double[4], 1));
    assertTrue(e.getMessage().contains("5 architectures but 4 targets"), e.getMessage());
    double[] y = targets(cs);
    y[2] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> s.fit(cs, y, 1));
    assertTrue(e.getMessage().contains("target 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> s.fit(cs.subList(0, 1), new double[] {0.5}, 1));
    assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void everyIdIsKnownAndUnknownIdsAreRejected() {
    assertEquals(8, RegressionSurrogates.IDS.size());
    assertThrows(IllegalArgumentException.class, () -> RegressionSurrogates.create("svm", space));
  }
}
