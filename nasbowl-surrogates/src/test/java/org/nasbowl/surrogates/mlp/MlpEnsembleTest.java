package org.nasbowl.surrogates.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpEnsembleTest {
  private static final MlpConfig SMALL = new MlpConfig(3, 10, MlpConfig.Loss.MAE, 0.01, 0.9, 0.99, 1e-7, 60, 16, 0, 0);

  @Test
  void meanAndSpreadAreThoseOfTheMembersInTargetUnits() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 40;
    double[][] x = new double[n][8];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 8; j++) x[i][j] = rng.nextDouble() < 0.5 ? 1 : 0;
      y[i] = 0.9 + 0.01 * (x[i][0] - x[i][1]);
    }
    MlpEnsemble e = MlpEnsemble.fit(x, y, 4, SMALL, new SplittableRandom(1));
    assertEquals(4, e.members().size());
    MlpEnsemble.Prediction p = e.predict(x);
    // Recompute from the members: they predict standardised targets.
    double mean = 0;
    for (double v : y) mean += v;
    mean /= n;
    double ss = 0;
    for (double v : y) ss += (v - mean) * (v - mean);
    double sd = Math.sqrt(ss / (n - 1));
    for (int i = 0; i < n; i += 7) {
      double[] m = new double[4];
      double mu = 0;
      for (int k = 0; k < 4; k++) {
        m[k] = mean + sd * e.members().get(k).predict(x[i]);
        mu += m[k] / 4;
      }
      double var = 0;
      for (double v : m) var += (v - mu) * (v - mu) / 4;
      assertEquals(mu, p.mean()[i], 1e-12);
      assertEquals(Math.sqrt(var), p.std()[i], 1e-12);
      assertTrue(p.std()[i] > 0);
    }
    double mae = 0;
    for (int i = 0; i < n; i++) mae += Math.abs(p.mean()[i] - y[i]) / n;
    assertTrue(mae < 0.005, "ensemble MAE " + mae);
  }

  @Test
  void reproducibleFromTheGenerator() {
    double[][] x = {{1, 0}, {0, 1}, {1, 1}};
    double[] y = {0.5, 0.6, 0.7};
    double[] a = MlpEnsemble.fit(x, y, 3, SMALL, new SplittableRandom(5)).predict(x).mean();
    double[] b = MlpEnsemble.fit(x, y, 3, SMALL, new SplittableRandom(5)).predict(x).mean();
    assertArrayEquals(a, b);
  }

  @Test
  void constantTargetsKeepUnitScale() {
    double[][] x = {{1, 0}, {0, 1}};
    MlpEnsemble e = MlpEnsemble.fit(x, new double[] {0.8, 0.8}, 2, SMALL, new SplittableRandom(2));
    for (double v : e.predict(x).mean()) assertTrue(Math.abs(v - 0.8) < 0.05, "prediction " + v);
    assertThrows(IllegalArgumentException.class, () -> MlpEnsemble.fit(x, new double[] {1, 2}, 0, SMALL,
        new SplittableRandom(1)));
  }
}
