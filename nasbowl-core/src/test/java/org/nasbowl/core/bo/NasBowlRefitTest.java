package org.nasbowl.core.bo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

/**
 * NAS-BOWL with {@code refit > 0}: the GP's hyperparameters selected at growth points and every other result added
 * to the fitted model. The model must stay a function of the history alone, so that a restored optimiser (a study
 * worker, a resumed run) proposes what the live one proposes.
 */
class NasBowlRefitTest {
  private final Nb201Space space = new Nb201Space();

  @Test
  void selectionPointsGrowByTheFraction() {
    assertEquals(499, NasBowl.selectionPoint(499, 0.1, 500));
    assertEquals(500, NasBowl.selectionPoint(500, 0.1, 500));
    assertEquals(500, NasBowl.selectionPoint(549, 0.1, 500));
    assertEquals(550, NasBowl.selectionPoint(550, 0.1, 500));
    assertEquals(550, NasBowl.selectionPoint(604, 0.1, 500));
    assertEquals(605, NasBowl.selectionPoint(605, 0.1, 500)); // 550 + 55
    assertEquals(605, NasBowl.selectionPoint(665, 0.1, 500));
    assertEquals(666, NasBowl.selectionPoint(666, 0.1, 500)); // 605 + ceil(60.5)
    assertEquals(10, NasBowl.selectionPoint(14, 0.5, 10));
    assertEquals(15, NasBowl.selectionPoint(22, 0.5, 10));
    assertEquals(23, NasBowl.selectionPoint(34, 0.5, 10)); // 15 + ceil(7.5)
    assertEquals(35, NasBowl.selectionPoint(35, 0.5, 10)); // 23 + ceil(11.5)
    assertEquals(2000, NasBowl.selectionPoint(2000, 0, 500)); // refit 0: every ask
    assertEquals(21, NasBowl.selectionPoint(21, 0.01, 20)); // at least one evaluation apart
  }

  private NasBowl<Nb201Cell> optimiser(double refit, int from, NasBowlConfig.Failures failures) {
    NasBowlConfig c = NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION, false).withRefit(refit, from)
        .withFailures(failures);
    return new NasBowl<>(space, 4, c.withGp(c.gp().withParallel(false)));
  }

  /** Asynchronous asks and tells (batches of 3, two left pending, some failures); returns the proposals. */
  private List<String> drive(NasBowl<Nb201Cell> live, int rounds, List<Nb201Cell> told, List<Observation> obs,
      List<Nb201Cell> inFlight, long[] asks) {
    List<String> proposed = new ArrayList<>();
    SplittableRandom noise = new SplittableRandom(9);
    for (int round = 0; round < rounds; round++) {
      List<Nb201Cell> got = live.ask(3);
      asks[0]++;
      got.forEach(c -> proposed.add(space.format(c)));
      inFlight.addAll(got);
      while (inFlight.size() > 2) {
        Nb201Cell c = inFlight.remove(inFlight.size() % 2 == 0 ? 0 : inFlight.size() - 1);
        Observation o = told.size() % 11 == 7 ? Observation.failed("crashed")
            : Observation.of(OptimizerContractTest.objective(c) + 0.01 * noise.nextGaussian());
        live.tell(c, o);
        told.add(c);
        obs.add(o);
      }
    }
    return proposed;
  }

  @Test
  void aRestoredOptimiserProposesWhatTheLiveOneProposes() {
    for (NasBowlConfig.Failures f : NasBowlConfig.Failures.values()) {
      NasBowl<Nb201Cell> live = optimiser(0.3, 12, f);
      List<Nb201Cell> told = new ArrayList<>();
      List<Observation> obs = new ArrayList<>();
      List<Nb201Cell> inFlight = new ArrayList<>();
      long[] asks = {0};
      drive(live, 25, told, obs, inFlight, asks);
      assertTrue(told.size() > 40, "enough results to pass several selection points: " + told.size());
      NasBowl<Nb201Cell> restored = optimiser(0.3, 12, f);
      restored.history().restore(told, obs, inFlight, asks[0]);
      for (int k = 0; k < 3; k++) {
        List<String> a = live.ask(2).stream().map(space::format).toList();
        List<String> b = restored.ask(2).stream().map(space::format).toList();
        assertEquals(a, b, f + ": ask " + k + " after restoring");
        assertEquals(live.alternatives().stream().map(space::format).toList(),
            restored.alternatives().stream().map(space::format).toList());
        assertEquals(live.lastFit().h(), restored.lastFit().h());
        assertEquals(live.lastFit().noise(), restored.lastFit().noise());
      }
      assertEquals(live.recommend().map(space::format), restored.recommend().map(space::format));
    }
  }

  @Test
  void upToTheStartTheSearchIsTheExactOneAndThenItsModelIsExtended() {
    List<String> exact = drive(optimiser(0, 500, NasBowlConfig.Failures.IMPUTE), 30, new ArrayList<>(),
        new ArrayList<>(), new ArrayList<>(), new long[1]);
    List<String> late = drive(optimiser(0.5, 500, NasBowlConfig.Failures.IMPUTE), 30, new ArrayList<>(),
        new ArrayList<>(), new ArrayList<>(), new long[1]);
    assertEquals(exact, late, "refit starts after 500 evaluations: nothing changes before");

    NasBowl<Nb201Cell> inc = optimiser(0.5, 10, NasBowlConfig.Failures.IMPUTE);
    drive(inc, 30, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new long[1]);
    // 86 results (30 asks of 3, two pending): the selection points from 10 by 50% are 10, 15, 23, 35, 53, 80.
    int tells = inc.history().evaluatedCount();
    int point = NasBowl.selectionPoint(tells, 0.5, 10);
    assertTrue(point < tells, point + " < " + tells);
    inc.ask(1);
    int rows = inc.lastFit().size();
    assertEquals(tells, rows, "every result (failures imputed) is in the extended model");
    assertFalse(inc.lastFit().selection().isEmpty());
    // Its hyperparameters are the ones selected at the point: a search from scratch on the same history differs.
    NasBowl<Nb201Cell> fresh = optimiser(0, 10, NasBowlConfig.Failures.IMPUTE);
    fresh.history().restore(inc.history().entries().stream().map(History.Entry::architecture).toList(),
        inc.history().entries().stream().map(History.Entry::observation).toList(), List.of(), 0);
    fresh.ask(1);
    assertEquals(tells, fresh.lastFit().size());
    assertNotEquals(inc.lastFit().logMarginalLikelihood(), fresh.lastFit().logMarginalLikelihood());
  }
}
