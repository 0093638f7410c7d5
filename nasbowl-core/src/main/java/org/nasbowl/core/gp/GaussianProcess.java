package org.nasbowl.core.gp;

import java.util.List;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.KernelMatrices;

/**
 * Fits the NAS-BOWL surrogate: a zero-mean GP on standardised targets with the WL kernel, the WL depth h chosen
 * by marginal likelihood over a grid and the noise variance fixed or chosen by bounded maximisation of the
 * likelihood (ALGORITHM.md section 4). The likelihood has the correct sign of the log-determinant term (the
 * original's last commit flips it, which always selects the largest h and noise).
 *
 * <p>Cost: per-depth Gram matrices are built once from an inverted feature index; each h needs one O(n^3)
 * reduction ({@link LikelihoodProfile}) after which every noise value costs O(n), or, with fixed noise, one
 * Cholesky factorisation; the chosen (h, noise) needs one more Cholesky factorisation.
 */
public final class GaussianProcess {
  private GaussianProcess() {}

  /** Relative tolerance of the noise search, in log(noise). */
  static final double LOG_NOISE_TOL = 1e-3;

  /** One evaluated (h, noise) pair of the model selection. */
  public record Candidate(int h, double noise, double logMarginalLikelihood) {}

  /**
   * Fits the GP.
   *
   * @param xs WL features of the training architectures (extracted to at least the largest h of the grid)
   * @param observations one observation per architecture (e.g. validation accuracy), transformed by the config
   * @throws IllegalArgumentException for mismatched sizes, no data, or a NaN / infinite observation
   * @throws GpNumericalException if the kernel matrix stays singular after jitter escalation
   */
  public static FittedGp fit(List<ArchitectureFeatures> xs, double[] observations, GpConfig config) {
    int n = xs.size();
    if (n == 0) throw new IllegalArgumentException("cannot fit a GP to no data");
    if (observations.length != n) {
      throw new IllegalArgumentException(n + " architectures but " + observations.length + " observations");
    }
    Targets t = Targets.of(observations, config);
    double[] y = t.y();
    double mean = t.mean();
    double sd = t.sd();
    double[] z = t.z();

    KernelMatrices grams = KernelMatrices.of(xs, config.base(), config.maxDepth());
    List<Integer> grid = config.hGrid();
    Candidate[] evaluated = new Candidate[grid.size()];
    IntStream idx = IntStream.range(0, grid.size());
    (config.parallel() ? idx.parallel() : idx).forEach(g -> evaluated[g] = select(grams, grid.get(g), z, config));
    Candidate best = evaluated[0];
    for (Candidate c : evaluated) if (c.logMarginalLikelihood() > best.logMarginalLikelihood()) best = c;

    double[] k = grams.normalized(best.h());
    double noise = best.noise();
    DMatrixRMaj chol = null;
    for (int attempt = 0; attempt < 3 && chol == null; attempt++) {
      chol = cholesky(k, n, noise);
      if (chol == null) noise *= 10;
    }
    if (chol == null) {
      throw new GpNumericalException("the kernel matrix (n = " + n + ", h = " + best.h() + ") is not positive "
          + "definite even with noise " + noise / 10 + " (tried " + best.noise() + " x 1, 10, 100)");
    }
    return new FittedGp(xs, y, mean, sd, z, best.h(), noise, config, chol, k, List.of(evaluated),
        grams.withoutGrams());
  }

  /**
   * Observations as GP targets: y after the config's transform and its {@link Standardised standardisation}.
   */
  record Targets(double[] y, double mean, double sd, double[] z) {
    static Targets of(double[] observations, GpConfig config) {
      int n = observations.length;
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(observations[i])) {
          throw new IllegalArgumentException("observation " + i + " is " + observations[i] + "; GP targets must be finite");
        }
        y[i] = config.transform().apply(observations[i]);
        if (!Double.isFinite(y[i])) {
          throw new IllegalArgumentException("observation " + i + " (" + observations[i] + ") transforms to " + y[i]);
        }
      }
      Standardised s = Standardised.of(y);
      return new Targets(y, s.mean(), s.sd(), s.z());
    }
  }

  private static Candidate select(KernelMatrices grams, int h, double[] z, GpConfig config) {
    double[] k = grams.normalized(h);
    int n = z.length;
    if (config.fixedNoise() != null) {
      double lambda = config.fixedNoise();
      DMatrixRMaj l = cholesky(k, n, lambda);
      double lml = l == null ? Double.NEGATIVE_INFINITY : FittedGp.logMarginalLikelihood(l, z);
      return new Candidate(h, lambda, lml);
    }
    // A WL kernel at small h has fewer distinct features than training points: then K is low-rank and the
    // profile is cheaper in feature space.
    LikelihoodProfile profile;
    if (grams.base() == org.nasbowl.core.kernel.BaseKernel.DOT_PRODUCT && 2 * grams.distinctFeatures(h) < n) {
      KernelMatrices.FeatureSpace f = grams.featureSpace(h);
      profile = LikelihoodProfile.lowRank(f.gram(), f.project(z), z);
    } else {
      profile = new LikelihoodProfile(k, z);
    }
    BoundedMaximizer.Result r = BoundedMaximizer.maximize(t -> profile.logMarginalLikelihood(Math.exp(t)),
        Math.log(config.noiseLower()), Math.log(config.noiseUpper()), LOG_NOISE_TOL);
    return new Candidate(h, Math.exp(r.x()), r.value());
  }

  /** Lower Cholesky factor of K + lambda I (row-major, upper part zero), or null if not positive definite. */
  static DMatrixRMaj cholesky(double[] k, int n, double lambda) {
    DMatrixRMaj a = new DMatrixRMaj(n, n);
    System.arraycopy(k, 0, a.data, 0, n * n);
    for (int i = 0; i < n; i++) a.data[i * n + i] += lambda;
    CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
    if (!chol.decompose(a)) return null;
    DMatrixRMaj l = chol.getT(null);
    for (int i = 0; i < n * n; i++) if (!Double.isFinite(l.data[i])) return null;
    return l;
  }
}
