package org.nasbowl.surrogates.bananas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.surrogates.mlp.MlpConfig;
import org.nasbowl.surrogates.mlp.MlpEnsemble;

class BananasTest {

  @Test
  void itsWithoutSpreadTakesTheBestMeansInOrder() {
    MlpEnsemble.Prediction p = new MlpEnsemble.Prediction(new double[] {0.3, 0.9, 0.5, 0.9, 0.1},
        new double[5]);
    assertArrayEquals(new int[] {1, 3, 2}, Bananas.independentThompson(p, 3, new SplittableRandom(1)));
    assertArrayEquals(new int[] {1, 3, 2, 0, 4}, Bananas.independentThompson(p, 9, new SplittableRandom(1)));
  }

  @Test
  void itsDrawsOneNormalPerCandidate() {
    double[] mean = {0.0, 0.0, 0.0, 0.0};
    double[] std = {1.0, 2.0, 0.5, 3.0};
    SplittableRandom a = new SplittableRandom(42);
    double[] draw = new double[4];
    for (int i = 0; i < 4; i++) draw[i] = mean[i] + std[i] * a.nextGaussian();
    int best = 0;
    for (int i = 1; i < 4; i++) if (draw[i] > draw[best]) best = i;
    int[] picks = Bananas.independentThompson(new MlpEnsemble.Prediction(mean, std), 1, new SplittableRandom(42));
    assertEquals(best, picks[0]);
    // Uncertain candidates win sometimes even with a lower mean: ITS explores.
    MlpEnsemble.Prediction p = new MlpEnsemble.Prediction(new double[] {0.9, 0.8}, new double[] {0.0, 0.2});
    int second = 0;
    SplittableRandom rng = new SplittableRandom(7);
    for (int t = 0; t < 1000; t++) if (Bananas.independentThompson(p, 1, rng)[0] == 1) second++;
    // P(0.8 + 0.2 Z > 0.9) = P(Z > 0.5) = 0.3085.
    assertEquals(0.3085, second / 1000.0, 0.05);
  }

  @Test
  void trainsOnlyOnSuccessesAfterTheInitialDesign() {
    Nb201Space space = new Nb201Space();
    BananasConfig config = BananasConfig.defaults(BananasConfig.CandidatePool.MUTATION)
        .withMlp(MlpConfig.bananasPaper().withEpochs(5));
    Bananas<Nb201Cell> opt = new Bananas<>(space, 1, config);
    List<Nb201Cell> init = opt.ask(10);
    // Two failures among the first ten: the model waits for ten successes.
    for (int i = 0; i < init.size(); i++) {
      opt.tell(init.get(i), i < 2 ? Observation.failed("crash") : Observation.of(0.5 + 0.01 * i));
    }
    opt.ask(2).forEach(c -> opt.tell(c, Observation.of(0.6)));
    assertNull(opt.lastModel());
    List<Nb201Cell> next = opt.ask(5);
    assertEquals(5, next.size());
    assertNotNull(opt.lastModel());
  }

  @Test
  void configIsValidated() {
    BananasConfig d = BananasConfig.defaults(BananasConfig.CandidatePool.RANDOM);
    assertEquals(10, d.initial());
    assertEquals(5, d.ensembleSize());
    assertEquals(100, d.poolSize());
    assertEquals(10, d.parents());
    assertEquals(Bananas.DEFAULT_MLP, d.mlp());
    assertEquals(10, d.mlp().hiddenLayers());
    assertEquals(20, d.mlp().width());
    assertEquals(200, d.mlp().epochs());
    assertEquals(32, d.mlp().batchSize());
    assertEquals(0.01, d.mlp().learningRate());
    assertEquals(MlpConfig.Loss.MAE, d.mlp().loss());
    assertThrows(IllegalArgumentException.class, () -> d.withPoolSize(0));
    assertThrows(IllegalArgumentException.class, () -> new BananasConfig(10, 0, d.mlp(), d.pool(), 100, 10));
    assertThrows(IllegalArgumentException.class, () -> new Bananas<>(new Nb201Space(), 1, d).ask(0));
    assertTrue(d.withInitial(3).initial() == 3);
  }
}
