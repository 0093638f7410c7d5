package org.nasbowl.core.bo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

/** NAS-BOWL uses its model: it finds better cells than random search with the same budget. */
class NasBowlSearchTest {

  private static double bestAfter(String id, long seed, int queries) {
    Nb201Space space = new Nb201Space();
    Optimizer<Nb201Cell> opt = OptimizerContractTest.factory(id).create(space, seed);
    double best = 0;
    int done = 0;
    while (done < queries) {
      for (Nb201Cell c : opt.ask(done == 0 ? 10 : 5)) {
        double v = OptimizerContractTest.objective(c);
        best = Math.max(best, v);
        opt.tell(c, Observation.of(v));
        done++;
      }
    }
    return best;
  }

  @Test
  void beatsRandomSearchOnAverage() {
    double optimum = 0;
    for (int k = 0; k < Nb201Space.SIZE; k++) optimum = Math.max(optimum, OptimizerContractTest.objective(Nb201Cell.fromOrdinal(k)));
    double regretBowl = 0;
    double regretRandom = 0;
    for (long seed = 0; seed < 8; seed++) {
      regretBowl += optimum - bestAfter("nasbowl-m", seed, 60);
      regretRandom += optimum - bestAfter("random", seed, 60);
    }
    assertTrue(regretBowl < regretRandom, "mean regret nasbowl " + regretBowl / 8 + " random " + regretRandom / 8);
    assertTrue(regretBowl / 8 < 0.02, "nasbowl mean regret " + regretBowl / 8);
  }
}
