package org.nasbowl.core.bo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.gp.FittedGp;
import org.nasbowl.core.gp.GaussianProcess;
import org.nasbowl.core.gp.GpConfig;
import org.nasbowl.core.gp.Incumbent;
import org.nasbowl.core.gp.PoolPosterior;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.WlFeatureExtractor;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

/** The ablation's factors in core: the original's mutation operator, the mixed pool, the EI incumbents. */
class AblationFactorsTest {
  private final Nb201Space space = new Nb201Space();

  private static int edits(Nb201Cell a, Nb201Cell b) {
    int d = 0;
    for (int e = 0; e < Nb201Cell.EDGES; e++) if (!a.op(e).equals(b.op(e))) d++;
    return d;
  }

  /**
   * Each edge changes with probability 1/5 x 4/5 = 0.16, copies are drawn again: the number of edits is
   * Binomial(6, 0.16) conditioned on at least one. By hand: P(0) = 0.84^6 = 0.351298; P(1) = 6 x 0.16 x 0.84^5
   * = 0.401483; P(2) = 15 x 0.16^2 x 0.84^4 = 0.191183; so P(1 | >= 1) = 0.618918, P(2 | >= 1) = 0.294725 and
   * P(>= 3 | >= 1) = 0.086357.
   */
  @Test
  void theOriginalNb201OperatorHasTheOriginalsEditCounts() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 40_000;
    int[] count = new int[7];
    for (int i = 0; i < n; i++) {
      Nb201Cell p = space.sample(rng);
      Nb201Cell c = space.mutateAsOriginal(p, rng);
      int d = edits(p, c);
      assertTrue(d >= 1, "never a copy");
      count[d]++;
    }
    // Standard errors are below 0.0025; 0.01 is four of them.
    assertEquals(0.618918, count[1] / (double) n, 0.01);
    assertEquals(0.294725, count[2] / (double) n, 0.01);
    assertEquals(0.086357, (n - count[1] - count[2]) / (double) n, 0.01);
  }

  @Test
  void theMixedPoolHasTheAskedShareOfMutants() {
    History<Nb201Cell> h = new History<>(space, 3);
    SplittableRandom rng = new SplittableRandom(9);
    List<Nb201Cell> parents = new ArrayList<>();
    for (int i = 0; i < 10; i++) parents.add(space.sample(rng));
    List<Nb201Cell> pool = Proposals.mutationPool(h, parents, 200, 100, false, rng);
    assertEquals(200, pool.size());
    Set<String> keys = new HashSet<>();
    int neighbours = 0;
    for (Nb201Cell c : pool) {
      assertTrue(keys.add(space.key(c)), "distinct");
      if (parents.stream().anyMatch(p -> edits(p, c) == 1)) neighbours++;
    }
    // 100 one-edit mutants; a uniform cell is a neighbour of one of 10 parents with probability <= 240 / 15625.
    assertTrue(neighbours >= 100 && neighbours <= 110, "one-edit neighbours of the parents: " + neighbours);
    for (int i = 0; i < 100; i++) {
      Nb201Cell c = pool.get(i);
      assertTrue(parents.stream().anyMatch(p -> edits(p, c) == 1), "the first 100 are mutants");
    }
  }

  @Test
  void theThreeIncumbentsAreWhatTheyClaim() {
    SplittableRandom rng = new SplittableRandom(11);
    WlFeatureExtractor ex = new WlFeatureExtractor(3);
    List<ArchitectureFeatures> xs = new ArrayList<>();
    int n = 30;
    double[] acc = new double[n];
    for (int i = 0; i < n; i++) {
      xs.add(ex.extract(space.encode(space.sample(rng))));
      acc[i] = 0.5 + 0.4 * rng.nextDouble();
    }
    // A large noise makes the posterior mean at the training points differ from the observations.
    FittedGp gp = GaussianProcess.fit(xs, acc, GpConfig.search().withFixedNoise(0.3).withParallel(false));
    double[] targets = gp.targets();
    double[] mu = gp.posterior(xs).marginals().mean();
    int argmax = 0;
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      top = Math.max(top, targets[i]);
      if (mu[i] > mu[argmax]) argmax = i;
    }
    assertEquals(targets[argmax], gp.incumbent(Incumbent.OBSERVED_AT_BEST_MEAN), 1e-12);
    assertEquals(gp.incumbent(), gp.incumbent(Incumbent.OBSERVED_AT_BEST_MEAN), 0);
    assertEquals(top, gp.incumbent(Incumbent.BEST_OBSERVED), 1e-12);
    assertEquals(mu[argmax], gp.incumbent(Incumbent.BEST_MEAN), 1e-9);
    assertNotEquals(gp.incumbent(Incumbent.BEST_OBSERVED), gp.incumbent(Incumbent.BEST_MEAN), "noise shrinks the mean");

    PoolPosterior p = gp.posterior(xs.subList(0, 5));
    PoolPosterior q = p.withIncumbent(1.25);
    assertEquals(1.25, q.incumbent(), 0);
    assertEquals(p.marginals(), q.marginals());
    assertTrue(java.util.Arrays.equals(p.latentCovarianceColumn(2), q.latentCovarianceColumn(2)));
  }

  @Test
  void theDefaultsChooseTheNoiseInTheAblationsInterval() {
    NasBowlConfig c = NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION);
    assertEquals(null, c.gp().fixedNoise());
    assertEquals(NasBowlConfig.NOISE_LOWER, c.gp().noiseLower(), 0);
    assertEquals(NasBowlConfig.NOISE_UPPER, c.gp().noiseUpper(), 0);
    assertEquals(NasBowlConfig.Mutation.ONE_EDIT, c.mutation());
    assertEquals(0.0, c.randomShare(), 0);
    assertEquals(Incumbent.OBSERVED_AT_BEST_MEAN, c.incumbent());
  }

  /**
   * The initial design size is honoured even when the first ask wants more (the runner's first batch is 10): with
   * the default 3 the first ask returns 3; with 5, the first ask returns 5 random cells and the next one fits the
   * GP; with 10, all 10 are random.
   */
  @Test
  void theInitialDesignSizeIsHonouredWhenTheFirstAskIsLarger() {
    NasBowlConfig five = NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION).withSizes(200, 5, 5);
    assertEquals(3, NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION).initial());
    assertEquals(3, new NasBowl<>(space, 4, NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION)).ask(10).size());
    NasBowl<Nb201Cell> opt = new NasBowl<>(space, 4, five);
    List<Nb201Cell> first = opt.ask(10);
    assertEquals(5, first.size(), "only the initial design");
    for (Nb201Cell c : first) opt.tell(c, Observation.of(OptimizerContractTest.objective(c)));
    assertEquals(null, opt.lastFit(), "no model before the design is told");
    assertEquals(5, opt.ask(5).size());
    assertNotEquals(null, opt.lastFit(), "the second ask is model-based");

    NasBowlConfig ten = five.withSizes(200, 10, 10);
    NasBowl<Nb201Cell> orig = new NasBowl<>(space, 4, ten);
    List<Nb201Cell> firstTen = orig.ask(10);
    assertEquals(10, firstTen.size());
    assertEquals(null, orig.lastFit(), "10 random cells, no model");
    // A design larger than the ask is handed out over several asks, still without a model.
    NasBowl<Nb201Cell> big = new NasBowl<>(space, 4, five.withSizes(200, 10, 12));
    List<Nb201Cell> a = big.ask(10);
    for (Nb201Cell c : a) big.tell(c, Observation.of(OptimizerContractTest.objective(c)));
    assertEquals(2, big.ask(5).size(), "the rest of the design");
    assertEquals(null, big.lastFit(), "12 random cells before the first fit");
  }
}
