package org.nasbowl.core.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.BaseKernel;
import org.nasbowl.core.kernel.CellFeatures;
import org.nasbowl.core.kernel.WlFeatureExtractor;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.space.nb101.Nb101Space;
import org.nasbowl.core.space.nb201.Nb201Space;

/**
 * Checks {@link MeanGradient} against finite differences of the GP posterior mean (recomputed through
 * {@link FittedGp#posterior}), against itself (single-feature vs all-features path) and against derivatives
 * worked out by hand.
 *
 * <p>Finite differences: D(e) = (mu(v + e) - mu(v - e)) / (2 e) with e = 1e-4 * max(1, |v|), combined as
 * 2 D(e / 2) - D(e). Rounding error is ~ u M / e, with u = 1.1e-16 and M = sd * sum_j |alpha_j| the size of the
 * terms that cancel in mu (M reaches ~170 here while derivatives are ~1e-2..1e-4), so it favours a larger
 * step than the textbook u^(1/3) ~ 5e-6; truncation is O(e^2) where mu is smooth (the kernel varies on the
 * scale of the counts, >= 1). Measured worst relative error over the seeded problems: 1.4e-7 at e = 1e-4.
 *
 * <p>The min kernel is piecewise linear in one feature with kinks only at the training points' values, integer
 * counts, so a step below 1 crosses a kink only at an exact tie a = b. There
 * min alone gives central difference (a - (a - e)) / (2 e) = 1/2 exactly, but the normalisation
 * S / sqrt(A B) has different curvature on the two sides, so D(e) = (left + right) / 2 + O(e): the
 * combination 2 D(e / 2) - D(e) cancels that O(e) term (and keeps O(e^2) where mu is smooth), so the check
 * still pins the 1/2 subgradient to 1e-6 relative. {@link #minKernelTieGivesTheHalfSubgradient} checks the
 * kink itself.
 */
class MeanGradientTest {
  private static final int MAX_H = 4;
  private static final double REL_TOL = 1e-6;
  private static final double REL_STEP = 1e-4;
  private final WlFeatureExtractor ex = new WlFeatureExtractor(MAX_H);

  private record Problem(FittedGp gp, List<ArchitectureFeatures> test) {}

  /** A GP fitted to 30 random architectures of a space, plus test points (new, training, mutated training). */
  private <A> Problem problem(SearchSpace<A> space, BaseKernel base, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<A> archs = new ArrayList<>();
    List<ArchitectureFeatures> xs = new ArrayList<>();
    int n = 30;
    double[] acc = new double[n];
    for (int i = 0; i < n; i++) {
      A a = space.sample(rng);
      archs.add(a);
      xs.add(ex.extract(space.encode(a)));
      acc[i] = 0.5 + 0.45 * rng.nextDouble();
    }
    FittedGp gp = GaussianProcess.fit(xs, acc, GpConfig.search().withBase(base).withParallel(false));
    List<ArchitectureFeatures> test = new ArrayList<>();
    for (int i = 0; i < 3; i++) test.add(ex.extract(space.encode(space.sample(rng))));
    test.add(xs.get(0)); // ties with training point 0 in every feature
    test.add(ex.extract(space.encode(space.mutate(archs.get(1), rng)))); // many ties
    return new Problem(gp, test);
  }

  private static List<Problem> problems(MeanGradientTest t) {
    List<Problem> out = new ArrayList<>();
    long seed = 11;
    for (BaseKernel base : BaseKernel.values()) {
      out.add(t.problem(new Nb201Space(), base, seed++));
      out.add(t.problem(new Nb101Space(), base, seed++));
      out.add(t.problem(new DartsSpace(), base, seed++));
    }
    return out;
  }

  private static double mu(FittedGp gp, ArchitectureFeatures x) {
    return gp.posterior(List.of(x)).marginals().mean()[0];
  }

  /**
   * The extrapolated central difference 2 D(eps / 2) - D(eps), D(e) = (mu(v + e) - mu(v - e)) / (2 e). Where
   * mu is smooth, D(e) = mu' + O(e^2) and so is the combination. At a min-kernel tie mu is smooth on each side
   * but with different second derivatives, so D(e) = (left + right) / 2 + c e + O(e^2): the combination
   * cancels the O(e) term and converges to the 1/2 subgradient at O(e^2).
   */
  private static double centralDifference(FittedGp gp, ArchitectureFeatures x, int cell, int depth, long id) {
    double v = x.cell(cell).value(depth, id);
    double eps = REL_STEP * Math.max(1, Math.abs(v));
    return 2 * simpleCentral(gp, x, cell, depth, id, v, eps / 2) - simpleCentral(gp, x, cell, depth, id, v, eps);
  }

  private static double simpleCentral(FittedGp gp, ArchitectureFeatures x, int cell, int depth, long id, double v,
      double eps) {
    double up = mu(gp, MeanGradient.withValue(x, cell, depth, id, v + eps));
    double down = mu(gp, MeanGradient.withValue(x, cell, depth, id, v - eps));
    return (up - down) / (2 * eps);
  }

  /**
   * |fd - analytic| relative to max(|analytic|, 1e-6 M / cells), M = sd * sum |alpha_j|: a derivative is a sum
   * of terms of size up to M / cells that may cancel; the floor only guards derivatives that are (nearly)
   * exactly 0, where a relative error would be rounding noise over 0. It does not change the worst error in the
   * seeded problems (1.4e-7 either way).
   */
  private static double relError(FittedGp gp, ArchitectureFeatures x, double analytic, double fd) {
    double m = 0;
    for (double a : gp.alpha()) m += Math.abs(a);
    m *= gp.targetScale() / x.cellCount();
    return Math.abs(fd - analytic) / Math.max(Math.abs(analytic), 1e-6 * m);
  }

  @Test
  void derivativesMatchCentralFiniteDifferencesOnAllSpacesAndBothKernels() {
    double worst = 0;
    int checked = 0;
    for (Problem p : problems(this)) {
      MeanGradient grad = MeanGradient.of(p.gp());
      for (ArchitectureFeatures x : p.test()) {
        for (int c = 0; c < x.cellCount(); c++) {
          for (int d = 0; d <= MAX_H; d++) {
            for (long id : x.cell(c).ids(d)) {
              double analytic = grad.derivative(x, c, d, id);
              double fd = centralDifference(p.gp(), x, c, d, id);
              if (d > p.gp().h()) {
                assertEquals(0.0, analytic);
                assertEquals(0.0, fd, "features deeper than h do not enter the kernel");
                continue;
              }
              double err = relError(p.gp(), x, analytic, fd);
              worst = Math.max(worst, err);
              checked++;
              assertTrue(err < REL_TOL, p.gp().config().base() + " cell " + c + " depth " + d + ": analytic "
                  + analytic + " vs fd " + fd + " (rel error " + err + ")");
            }
          }
        }
      }
    }
    assertTrue(checked > 500, "checked " + checked);
    assertTrue(worst < REL_TOL);
  }

  @Test
  void allDerivativesAgreesWithSingleDerivativesForEveryFeature() {
    for (Problem p : problems(this)) {
      MeanGradient grad = MeanGradient.of(p.gp());
      int h = p.gp().h();
      for (ArchitectureFeatures x : p.test()) {
        Map<MeanGradient.FeatureKey, Double> all = MeanGradient.allDerivatives(p.gp(), x);
        int expected = 0;
        for (int c = 0; c < x.cellCount(); c++) {
          for (int d = 0; d <= h; d++) {
            for (long id : x.cell(c).ids(d)) {
              expected++;
              Double v = all.get(new MeanGradient.FeatureKey(c, d, id));
              double one = grad.derivative(x, c, d, id);
              assertEquals(one, v, 1e-12 * Math.max(1, Math.abs(one)));
              assertEquals(one, MeanGradient.derivative(p.gp(), x, c, d, id));
            }
          }
        }
        assertEquals(expected, all.size(), "exactly the features at depths 0..h");
      }
    }
  }

  /**
   * At a min-kernel tie (x = training point 0, so every feature ties with it) the one-sided derivatives differ by
   * the kinks of min(a, b_j) (a real kink, not a rounding artefact), and the analytic value, built on the 1/2
   * subgradient, is their mean: the extrapolated central difference converges to it.
   */
  @Test
  void minKernelTieGivesTheHalfSubgradient() {
    Problem p = problem(new Nb201Space(), BaseKernel.HISTOGRAM_INTERSECTION, 5);
    FittedGp gp = p.gp();
    // One-sided differences are only O(eps) accurate (~1e-4 relative to the curvature); compare them at 1e-6 of
    // M = sd * sum |alpha_j|, the size of the terms in mu.
    double m = 0;
    for (double al : gp.alpha()) m += Math.abs(al);
    m *= gp.targetScale();
    ArchitectureFeatures x = gp.training().get(0);
    int kinks = 0;
    for (int d = 0; d <= gp.h(); d++) {
      for (long id : x.cell(0).ids(d)) {
        double v = x.cell(0).value(d, id);
        double eps = REL_STEP * v;
        double mid = mu(gp, x);
        double right = (mu(gp, MeanGradient.withValue(x, 0, d, id, v + eps)) - mid) / eps;
        double left = (mid - mu(gp, MeanGradient.withValue(x, 0, d, id, v - eps))) / eps;
        double analytic = MeanGradient.derivative(gp, x, 0, d, id);
        assertTrue(relError(gp, x, analytic, centralDifference(gp, x, 0, d, id)) < REL_TOL);
        assertEquals(analytic, (left + right) / 2, 1e-6 * m, "mean of the one-sided derivatives");
        // Each training point j with b_j = a has a kink of min(a, b_j): S' jumps from 1 (left) to 0 (right),
        // adding sd * alpha_j / sqrt(A B_j) to left - right.
        double kink = 0;
        double selfA = selfMin(x.cell(0), gp.h());
        for (int j = 0; j < gp.size(); j++) {
          CellFeatures b = gp.training().get(j).cell(0);
          if (b.value(d, id) == v) kink += gp.targetScale() * gp.alpha()[j] / Math.sqrt(selfA * selfMin(b, gp.h()));
        }
        assertEquals(kink, left - right, 1e-6 * m, "left - right derivative at the tie");
        if (Math.abs(kink) > 1e-4 * m) kinks++; // 100x the tolerance: clearly not rounding
      }
    }
    assertTrue(kinks > 0, "some ties have a visible kink");
  }

  private static double selfMin(CellFeatures c, int h) {
    double s = 0;
    for (int d = 0; d <= h; d++) for (double v : c.values(d)) s += v;
    return s;
  }

  // ---- a problem small enough to differentiate by hand ----

  private static final WlFeatureExtractor H0 = new WlFeatureExtractor(0);

  private static LabelledDag chain(String... labels) {
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i + 1 < labels.length; i++) edges.add(new int[] {i, i + 1});
    return new LabelledDag(List.of(labels), edges);
  }

  /** G1 = input -> conv -> output (counts 1,1,1), G2 = input -> conv -> conv -> output (1,2,1), y = 1 and 0. */
  private static FittedGp tinyGp(BaseKernel base, int cells) {
    List<LabelledDag> g1 = new ArrayList<>();
    List<LabelledDag> g2 = new ArrayList<>();
    for (int c = 0; c < cells; c++) {
      g1.add(chain("input", "conv", "output"));
      g2.add(chain("input", "conv", "conv", "output"));
    }
    GpConfig cfg = new GpConfig(base, List.of(0), 1e-3, 1e-5, 1e-2, TargetTransform.IDENTITY, false);
    return GaussianProcess.fit(List.of(H0.extract(g1), H0.extract(g2)), new double[] {1, 0}, cfg);
  }

  /** The depth-0 id of the conv label: the one feature G2 holds twice. */
  private static long convId() {
    CellFeatures g2 = H0.extract(List.of(chain("input", "conv", "conv", "output"))).cell(0);
    long[] ids = g2.ids(0);
    double[] vs = g2.values(0);
    for (int k = 0; k < ids.length; k++) if (vs[k] == 2) return ids[k];
    throw new AssertionError("no conv");
  }

  /**
   * Two training points: z = (1, -1) / sqrt 2, sd = 1 / sqrt 2, K = [[1, r], [r, 1]], so alpha = z / (1 - r +
   * lambda) ((1, -1) is an eigenvector). At x = G1, d k(x, G1) / d a_conv = 0 (cosine of identical vectors is
   * stationary; for min also with the 1/2 tie: 1/2 / 3 - 3 / (2 * 3 * 3) = 0).
   * Dot: A = 3, B = 6, S = 4, r = 4 / sqrt 18; d k(x, G2) / d a_conv = 2 / sqrt 18 - 4 * 1 / (3 sqrt 18) = sqrt 2 / 9,
   * so mu' = sd * alpha_2 * sqrt 2 / 9 = -(sqrt 2 / 18) / (1 - r + lambda).
   * Min: A = 3, B = 4, S = 3, r = 3 / sqrt 12; a = 1 &lt; 2 so S' = 1: d k / d a_conv = 1 / sqrt 12 - 3 / (2 * 3 *
   * sqrt 12) = 1 / (2 sqrt 12), so mu' = -1 / (4 sqrt 12 (1 - r + lambda)).
   */
  @Test
  void handCheckedTwoPointProblem() {
    for (BaseKernel base : BaseKernel.values()) {
      FittedGp gp = tinyGp(base, 1);
      assertEquals(0, gp.h());
      double lambda = gp.noise();
      assertEquals(1e-3, lambda);
      ArchitectureFeatures x = gp.training().get(0);
      long conv = convId();
      double expected;
      if (base == BaseKernel.DOT_PRODUCT) {
        double r = 4 / Math.sqrt(18);
        expected = -(Math.sqrt(2) / 18) / (1 - r + lambda);
      } else {
        double r = 3 / Math.sqrt(12);
        expected = -1 / (4 * Math.sqrt(12) * (1 - r + lambda));
      }
      assertEquals(expected, MeanGradient.derivative(gp, x, 0, 0, conv), 1e-12, base.toString());
      assertEquals(expected, MeanGradient.allDerivatives(gp, x).get(new MeanGradient.FeatureKey(0, 0, conv)), 1e-12);
      assertEquals(expected, centralDifference(gp, x, 0, 0, conv), 1e-8);
      // Two identical cells: the kernel (a mean over cells) and so alpha are unchanged, but one cell's feature
      // moves only half of the kernel: the derivative halves.
      FittedGp two = tinyGp(base, 2);
      ArchitectureFeatures x2 = two.training().get(0);
      assertEquals(expected / 2, MeanGradient.derivative(two, x2, 0, 0, conv), 1e-12);
      assertEquals(expected / 2, MeanGradient.derivative(two, x2, 1, 0, conv), 1e-12);
    }
  }

  /**
   * A motif x lacks: inserted with value +-eps, the central difference matches the analytic derivative (dot:
   * S' = b, A' = 0; min: S' = 1 wherever a training point has it, A' = 1). A motif no training point has: dot 0.
   */
  @Test
  void absentFeaturesHaveWellDefinedDerivatives() {
    SplittableRandom rng = new SplittableRandom(99);
    for (BaseKernel base : BaseKernel.values()) {
      Problem p = problem(new Nb101Space(), base, 7);
      FittedGp gp = p.gp();
      MeanGradient grad = MeanGradient.of(gp);
      int h = gp.h();
      ArchitectureFeatures x = p.test().get(0);
      int checked = 0;
      for (ArchitectureFeatures t : gp.training()) {
        for (int d = 0; d <= h; d++) {
          for (long id : t.cell(0).ids(d)) {
            if (x.cell(0).value(d, id) != 0 || checked >= 20) continue;
            double analytic = grad.derivative(x, 0, d, id);
            double eps = REL_STEP;
            double fd = (mu(gp, MeanGradient.withValue(x, 0, d, id, eps))
                - mu(gp, MeanGradient.withValue(x, 0, d, id, -eps))) / (2 * eps);
            assertTrue(relError(gp, x, analytic, fd) < REL_TOL, base + ": " + analytic + " vs " + fd);
            assertNotEquals(0.0, analytic);
            checked++;
          }
        }
      }
      assertTrue(checked >= 10);
      long nowhere = rng.nextLong();
      double unseen = grad.derivative(x, 0, 1, nowhere);
      if (base == BaseKernel.DOT_PRODUCT) {
        assertEquals(0.0, unseen);
      } else {
        // Adding an unseen motif only dilutes the normalisation: d mu = -sd / (2 A) sum_j alpha_j k(x, x_j).
        double a = selfMin(x.cell(0), h);
        double muLatent = (mu(gp, x) - gp.targetMean()) / gp.targetScale();
        assertEquals(-gp.targetScale() * muLatent / (2 * a), unseen, 1e-9);
      }
      // Inserting with value 0 leaves the kernel unchanged.
      assertEquals(mu(gp, x), mu(gp, MeanGradient.withValue(x, 0, 1, nowhere, 0)), 1e-12);
    }
  }

  @Test
  void withValueChangesOneValueOnly() {
    FittedGp gp = tinyGp(BaseKernel.DOT_PRODUCT, 2);
    ArchitectureFeatures x = gp.training().get(1);
    long conv = convId();
    ArchitectureFeatures y = MeanGradient.withValue(x, 1, 0, conv, 7.5);
    assertEquals(7.5, y.cell(1).value(0, conv));
    assertEquals(2.0, x.cell(1).value(0, conv), "the original is not modified");
    assertTrue(y.cell(0) == x.cell(0), "other cells are shared unchanged");
    ArchitectureFeatures z = MeanGradient.withValue(x, 0, 0, 42L, 3);
    assertEquals(3.0, z.cell(0).value(0, 42L));
    assertEquals(4, z.cell(0).ids(0).length);
    assertEquals(0.0, x.cell(0).value(0, 42L));
  }

  @Test
  void rejectsMismatchedInputs() {
    FittedGp gp = tinyGp(BaseKernel.DOT_PRODUCT, 1);
    ArchitectureFeatures x = gp.training().get(0);
    MeanGradient grad = MeanGradient.of(gp);
    assertThrows(IllegalArgumentException.class, () -> grad.derivative(x, 1, 0, 0L));
    assertThrows(IllegalArgumentException.class, () -> grad.derivative(x, 0, 1, 0L));
    ArchitectureFeatures twoCells = new ArchitectureFeatures(List.of(x.cell(0), x.cell(0)));
    assertThrows(IllegalArgumentException.class, () -> grad.allDerivatives(twoCells));
  }
}
