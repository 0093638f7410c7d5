package org.nasbowl.core.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.BaseKernel;
import org.nasbowl.core.kernel.WlFeatureExtractor;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.space.nb201.Nb201Space;

/**
 * {@link FittedGp#extend}: conditioning a fitted model on more observations with its WL depth and noise kept is
 * the GP a fit from scratch with those hyperparameters fixed gives, and does not depend on how many extensions
 * produced it.
 */
class FittedGpExtendTest {
  private final WlFeatureExtractor ex = new WlFeatureExtractor(3);

  private List<ArchitectureFeatures> nb201(int n, SplittableRandom rng) {
    Nb201Space space = new Nb201Space();
    List<ArchitectureFeatures> xs = new ArrayList<>();
    for (int i = 0; i < n; i++) xs.add(ex.extract(space.encode(space.sample(rng))));
    return xs;
  }

  private List<ArchitectureFeatures> darts(int n, SplittableRandom rng) {
    DartsSpace space = new DartsSpace();
    List<ArchitectureFeatures> xs = new ArrayList<>();
    for (int i = 0; i < n; i++) xs.add(ex.extract(space.encode(space.sample(rng))));
    return xs;
  }

  private static double[] accuracies(int n, SplittableRandom rng) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = 0.5 + 0.45 * rng.nextDouble();
    return y;
  }

  @Test
  void anExtensionIsTheFitWithTheSameHyperparameters() {
    SplittableRandom rng = new SplittableRandom(3);
    for (BaseKernel base : BaseKernel.values()) {
      for (boolean cells2 : new boolean[] {false, true}) {
        List<ArchitectureFeatures> xs = cells2 ? darts(60, rng) : nb201(60, rng);
        double[] acc = accuracies(60, rng);
        List<ArchitectureFeatures> pool = cells2 ? darts(40, rng) : nb201(40, rng);
        GpConfig cfg = GpConfig.search().withBase(base).withNoiseBounds(1e-2, 1e-1);
        FittedGp first = GaussianProcess.fit(xs.subList(0, 35), java.util.Arrays.copyOf(acc, 35), cfg);
        // The first 35 change value too (as an imputed failure's worst value does): the extension re-standardises.
        double[] now = acc.clone();
        now[3] = 0.51;
        FittedGp grown = first.extend(xs.subList(35, 60), now).orElseThrow();
        FittedGp scratch = GaussianProcess.fit(xs, now, cfg.withHGrid(List.of(first.h())).withFixedNoise(first.noise()));
        assertEquals(first.h(), grown.h());
        assertEquals(first.noise(), grown.noise());
        assertEquals(60, grown.size());
        Posterior a = grown.posterior(pool).marginals();
        Posterior b = scratch.posterior(pool).marginals();
        for (int j = 0; j < pool.size(); j++) {
          assertEquals(b.mean()[j], a.mean()[j], 1e-9, base + " mean " + j);
          assertEquals(b.latentVariance()[j], a.latentVariance()[j], 1e-9, base + " variance " + j);
        }
        assertEquals(scratch.logMarginalLikelihood(), grown.logMarginalLikelihood(), 1e-7);
        assertEquals(scratch.incumbent(), grown.incumbent(), 1e-12);
        assertArrayEquals(scratch.alpha(), grown.alpha(), 1e-8);
        // The means alone are the posterior's means, number for number.
        assertArrayEquals(a.mean(), grown.means(pool));
      }
    }
  }

  @Test
  void stepByStepExtensionsGiveTheSameNumbersAsOne() {
    SplittableRandom rng = new SplittableRandom(5);
    List<ArchitectureFeatures> xs = nb201(50, rng);
    double[] acc = accuracies(50, rng);
    List<ArchitectureFeatures> pool = nb201(30, rng);
    FittedGp first = GaussianProcess.fit(xs.subList(0, 20), java.util.Arrays.copyOf(acc, 20), GpConfig.search());
    FittedGp once = first.extend(xs.subList(20, 50), acc).orElseThrow();
    FittedGp steps = first;
    for (int n = 21; n <= 50; n++) {
      steps = steps.extend(xs.subList(n - 1, n), java.util.Arrays.copyOf(acc, n)).orElseThrow();
    }
    Posterior a = once.posterior(pool).marginals();
    Posterior b = steps.posterior(pool).marginals();
    assertArrayEquals(a.mean(), b.mean());
    assertArrayEquals(a.latentVariance(), b.latentVariance());
    // The earlier model is unchanged by its extensions (rows are shared, never modified).
    Posterior before = first.posterior(pool).marginals();
    Posterior again = GaussianProcess.fit(xs.subList(0, 20), java.util.Arrays.copyOf(acc, 20), GpConfig.search())
        .posterior(pool).marginals();
    assertArrayEquals(again.mean(), before.mean());
  }

  @Test
  void cachedColumnsGiveThePosteriorComputedWithoutThem() {
    SplittableRandom rng = new SplittableRandom(11);
    List<ArchitectureFeatures> xs = nb201(80, rng);
    double[] acc = accuracies(80, rng);
    List<ArchitectureFeatures> pool = nb201(60, rng);
    ColumnCache cache = new ColumnCache();
    FittedGp gp = GaussianProcess.fit(xs.subList(0, 50), java.util.Arrays.copyOf(acc, 50), GpConfig.search());
    gp.posterior(pool.subList(0, 40), cache);
    assertEquals(40, cache.size());
    for (int n = 51; n <= 80; n += 7) {
      gp = gp.extend(xs.subList(gp.size(), n), java.util.Arrays.copyOf(acc, n)).orElseThrow();
      // Half of this pool was in the last one: those columns are extended by the new rows only.
      List<ArchitectureFeatures> p = pool.subList((n - 51) / 2, (n - 51) / 2 + 40);
      PoolPosterior cached = gp.posterior(p, cache);
      PoolPosterior plain = gp.posterior(p);
      assertArrayEquals(plain.marginals().mean(), cached.marginals().mean());
      assertArrayEquals(plain.marginals().latentVariance(), cached.marginals().latentVariance());
      assertArrayEquals(plain.latentCovarianceColumn(3), cached.latentCovarianceColumn(3));
    }
    // Another model's factor: nothing is reused, and the numbers are still that model's.
    FittedGp other = GaussianProcess.fit(xs, acc, GpConfig.search());
    assertArrayEquals(other.posterior(pool).marginals().latentVariance(),
        other.posterior(pool, cache).marginals().latentVariance());
  }
}
