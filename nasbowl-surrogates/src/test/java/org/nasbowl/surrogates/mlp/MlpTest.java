package org.nasbowl.surrogates.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MlpTest {
  /** Relative error allowed between analytic and central-difference gradients. */
  private static final double GRADIENT_TOLERANCE = 1e-6;
  private static final double STEP = 1e-6;

  /** Sparse 0/1 inputs with a few real-valued entries, as path encodings and then some. */
  private static double[][] inputs(int n, int d, SplittableRandom rng) {
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double u = rng.nextDouble();
        x[i][j] = u < 0.3 ? 1 : u < 0.4 ? rng.nextGaussian() : 0;
      }
    }
    return x;
  }

  private static void checkGradient(MlpConfig.Loss loss, int layers, int n) {
    SplittableRandom rng = new SplittableRandom(11 + layers);
    int d = 7;
    MlpConfig config = new MlpConfig(layers, 6, loss, 0.01, 0.9, 0.99, 1e-7, 1, 32, 0, 0);
    double[][] x = inputs(n, d, rng);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = rng.nextGaussian();
    Mlp net = Mlp.initial(d, config, rng);
    // Non-zero biases, so that the bias gradients are exercised away from the initial state.
    double[] p = net.parameters();
    for (int i = 0; i < p.length; i++) p[i] += 0.1 * rng.nextGaussian();
    net = net.withParameters(p);
    double[] analytic = net.gradient(x, y, loss);
    assertEquals(Mlp.parameterCount(d, config), analytic.length);
    double maxAbs = 0;
    for (double g : analytic) maxAbs = Math.max(maxAbs, Math.abs(g));
    assertTrue(maxAbs > 1e-3, "gradient vanished");
    int checked = 0;
    for (int k = 0; k < p.length; k++) {
      double[] plus = p.clone();
      double[] minus = p.clone();
      plus[k] += STEP;
      minus[k] -= STEP;
      double numeric = (net.withParameters(plus).loss(x, y, loss) - net.withParameters(minus).loss(x, y, loss))
          / (2 * STEP);
      double err = Math.abs(numeric - analytic[k]) / Math.max(1e-3, Math.abs(analytic[k]) + Math.abs(numeric));
      assertTrue(err < GRADIENT_TOLERANCE, "parameter " + k + ": analytic " + analytic[k] + " numeric " + numeric);
      if (analytic[k] != 0) checked++;
    }
    assertTrue(checked > p.length / 3, "too few non-zero gradient entries: " + checked);
  }

  @Test
  void gradientMatchesCentralDifferencesMse() {
    checkGradient(MlpConfig.Loss.MSE, 3, 9);
    checkGradient(MlpConfig.Loss.MSE, 1, 5);
  }

  @Test
  void gradientMatchesCentralDifferencesMae() {
    checkGradient(MlpConfig.Loss.MAE, 4, 9);
  }

  @Test
  void gradientOfDeepNetworkOverManyRowsMatches() {
    // Ten layers, as BANANAS: the block of rows is longer than any internal unrolling.
    checkGradient(MlpConfig.Loss.MSE, 10, 13);
  }

  @Test
  void parameterCountFollowsLayout() {
    MlpConfig c = MlpConfig.bananasPaper();
    assertEquals(40 * 20 + 20 + 9 * (400 + 20) + 20 + 1, Mlp.parameterCount(40, c));
  }

  @Test
  void trainingFitsASmoothFunction() {
    SplittableRandom rng = new SplittableRandom(2);
    int n = 120;
    int d = 12;
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) x[i][j] = rng.nextDouble() < 0.4 ? 1 : 0;
      y[i] = x[i][0] + 0.5 * x[i][1] - x[i][2] + 0.25 * x[i][3] * x[i][4];
    }
    MlpConfig c = MlpConfig.bananasPaper().withEpochs(150);
    Mlp net = Mlp.train(x, y, c, new SplittableRandom(7));
    double untrained = Mlp.initial(d, c, new SplittableRandom(7)).loss(x, y, MlpConfig.Loss.MAE);
    double trained = net.loss(x, y, MlpConfig.Loss.MAE);
    assertTrue(trained < 0.1, "training MAE " + trained);
    assertTrue(trained < 0.2 * untrained, trained + " vs untrained " + untrained);
    assertEquals(150, net.epochsRun());
  }

  @Test
  void sameGeneratorSameNetwork() {
    SplittableRandom data = new SplittableRandom(4);
    double[][] x = inputs(40, 10, data);
    double[] y = new double[40];
    for (int i = 0; i < y.length; i++) y[i] = data.nextGaussian();
    MlpConfig c = MlpConfig.bananasPaper().withEpochs(20);
    double[] a = Mlp.train(x, y, c, new SplittableRandom(9)).parameters();
    double[] b = Mlp.train(x, y, c, new SplittableRandom(9)).parameters();
    double[] other = Mlp.train(x, y, c, new SplittableRandom(10)).parameters();
    assertArrayEquals(a, b);
    assertNotEquals(a[0], other[0]);
  }

  @Test
  void earlyStoppingEndsTrainingWhenTheLossStalls() {
    SplittableRandom data = new SplittableRandom(5);
    double[][] x = inputs(30, 6, data);
    double[] y = new double[30];
    for (int i = 0; i < y.length; i++) y[i] = data.nextGaussian();
    MlpConfig c = MlpConfig.bananasPaper().withEpochs(500).withEarlyStopping(5, 0.5);
    Mlp net = Mlp.train(x, y, c, new SplittableRandom(1));
    assertTrue(net.epochsRun() < 500 && net.epochsRun() >= 6, "epochs " + net.epochsRun());
  }

  @Test
  void predictionsAreBatchedConsistently() {
    SplittableRandom rng = new SplittableRandom(8);
    double[][] x = inputs(150, 9, rng);
    Mlp net = Mlp.initial(9, MlpConfig.bananasPaper(), rng);
    double[] all = net.predict(x);
    for (int i = 0; i < x.length; i += 17) assertEquals(all[i], net.predict(x[i]), 1e-12);
  }

  @Test
  void rejectsBadInput() {
    MlpConfig c = MlpConfig.bananasPaper();
    SplittableRandom rng = new SplittableRandom(1);
    assertThrows(IllegalArgumentException.class, () -> Mlp.train(new double[0][], new double[0], c, rng));
    assertThrows(IllegalArgumentException.class, () -> Mlp.train(new double[][] {{1}, {0}}, new double[] {1}, c, rng));
    assertThrows(IllegalArgumentException.class,
        () -> Mlp.train(new double[][] {{1}, {0, 1}}, new double[] {1, 2}, c, rng));
    assertThrows(IllegalArgumentException.class,
        () -> Mlp.train(new double[][] {{1}}, new double[] {Double.NaN}, c, rng));
    Mlp net = Mlp.initial(3, c, rng);
    assertThrows(IllegalArgumentException.class, () -> net.predict(new double[2]));
    assertThrows(IllegalArgumentException.class, () -> new MlpConfig(0, 20, MlpConfig.Loss.MAE, 0.01, 0.9, 0.99,
        1e-7, 10, 32, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> c.withEarlyStopping(-1, 0.01));
  }
}
