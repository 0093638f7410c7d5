package org.nasbowl.core.bo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

/** NAS-BOWL on noisy and failing objectives: replicates, the recommendation and imputed failures. */
class NasBowlNoisyTest {
  private final Nb201Space space = new Nb201Space();

  /** Runs {@code queries} (an ask of 10, then asks of 5); returns how often each key was evaluated. */
  private Map<String, Integer> run(NasBowl<Nb201Cell> opt, int queries, double noise, long seed,
      List<List<Nb201Cell>> asks) {
    SplittableRandom rng = new SplittableRandom(seed);
    Map<String, Integer> count = new HashMap<>();
    int done = 0;
    while (done < queries) {
      List<Nb201Cell> batch = opt.ask(done == 0 ? 10 : 5);
      asks.add(batch);
      for (Nb201Cell c : batch) {
        double v = OptimizerContractTest.objective(c) + noise * rng.nextGaussian();
        opt.tell(c, Observation.of(Math.max(0, Math.min(0.999, v))));
        count.merge(space.key(c), 1, Integer::sum);
        done++;
      }
    }
    return count;
  }

  @Test
  void replicatesReEvaluateTheTopArchitectureAtMostRTimesOnePerBatch() {
    NasBowlConfig c = NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION, false);
    assertEquals(NasBowlConfig.NOISY_REPLICATES, c.replicates());
    NasBowl<Nb201Cell> opt = new NasBowl<>(space, 4, c);
    List<List<Nb201Cell>> asks = new java.util.ArrayList<>();
    Map<String, Integer> count = run(opt, 80, 0.02, 4, asks);
    assertTrue(count.values().stream().allMatch(n -> n <= c.replicates()), count.toString());
    int replicates = count.values().stream().mapToInt(n -> n - 1).sum();
    // Asks after the initial design: 14 batches of 5, each with at most one replicate slot.
    assertTrue(replicates >= 7 && replicates <= asks.size() - 1, "replicates " + replicates);
    Set<String> seen = new HashSet<>();
    for (List<Nb201Cell> batch : asks) {
      long again = batch.stream().filter(a -> seen.contains(space.key(a))).count();
      assertTrue(again <= 1, "one replicate per batch at most: " + batch);
      assertEquals(batch.size(), batch.stream().map(space::key).distinct().count(), "no cell twice in a batch");
      batch.forEach(a -> seen.add(space.key(a)));
    }
    Nb201Cell rec = opt.recommend().orElseThrow();
    assertTrue(count.containsKey(space.key(rec)), "the recommendation was evaluated");
    // With noise SD 0.02 the recommendation (by the model) is within 0.02 of the best noiseless value evaluated.
    double bestTrue = opt.history().successes().stream().mapToDouble(e -> OptimizerContractTest.objective(
        e.architecture())).max().orElseThrow();
    assertTrue(OptimizerContractTest.objective(rec) >= bestTrue - 0.02, OptimizerContractTest.objective(rec) + " vs "
        + bestTrue);

    // The deterministic defaults never re-evaluate, and recommend nothing beyond the best observation.
    NasBowl<Nb201Cell> det = new NasBowl<>(space, 4, NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION, true));
    Map<String, Integer> once = run(det, 40, 0, 4, new java.util.ArrayList<>());
    assertTrue(once.values().stream().allMatch(n -> n == 1));
    assertTrue(det.recommend().isEmpty());
  }

  @Test
  void imputedFailuresSteerTheSearchAwayFromAFailingRegion() {
    int[] failed = new int[2];
    for (NasBowlConfig.Failures f : NasBowlConfig.Failures.values()) {
      for (long seed = 0; seed < 3; seed++) {
        NasBowl<Nb201Cell> opt = new NasBowl<>(space, seed,
            NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION).withFailures(f));
        int done = 0;
        while (done < 60) {
          for (Nb201Cell c : opt.ask(done == 0 ? 10 : 5)) {
            // A good operation that crashes training: every cell with a 1x1 convolution fails.
            boolean fails = c.archString().contains("nor_conv_1x1");
            opt.tell(c, fails ? Observation.failed("out of memory") : Observation.of(OptimizerContractTest.objective(c)));
            if (fails) failed[f.ordinal()]++;
            done++;
          }
        }
      }
    }
    int ignore = failed[NasBowlConfig.Failures.IGNORE.ordinal()];
    int impute = failed[NasBowlConfig.Failures.IMPUTE.ordinal()];
    assertTrue(impute * 2 < ignore, "failed queries: imputed " + impute + ", ignored " + ignore);
  }
}
