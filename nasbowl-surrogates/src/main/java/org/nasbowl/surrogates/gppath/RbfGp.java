package org.nasbowl.surrogates.gppath;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.nasbowl.core.gp.GpNumericalException;
import org.nasbowl.core.gp.PoolPosterior;
import org.nasbowl.core.gp.Posterior;

/**
 * A zero-mean GP on standardised targets with the squared-exponential (RBF) kernel
 * {@code k(x, x') = exp(-||x - x'||^2 / (2 l^2))} of amplitude 1 on real feature vectors (here path encodings),
 * with the lengthscale l and the noise variance lambda chosen jointly by maximising the log marginal likelihood
 * over two grids:
 *
 * <pre>
 *   log p(z) = -1/2 z^T (K + lambda I)^-1 z - sum_i log L_ii - n/2 log(2 pi),   L L^T = K + lambda I.
 * </pre>
 *
 * Ties go to the earlier grid point (lengthscale-major order). Factorisation by EJML's Cholesky; if the chosen
 * matrix is not positive definite to rounding, lambda is retried x10 and x100 as in core's GP-WL, then a
 * {@link GpNumericalException}. A grid point whose matrix fails scores minus infinity.
 *
 * <p>Posterior (standardised units, then mapped back): mean {@code k_*^T alpha} with
 * {@code alpha = (K + lambda I)^-1 z}, latent variance {@code 1 - ||L^-1 k_*||^2}; the noise variance of the
 * {@link Posterior} is lambda times the squared target scale.
 */
public final class RbfGp {
  /** One evaluated grid point of the model selection. */
  public record Candidate(double lengthscale, double noise, double logMarginalLikelihood) {}

  private final double[][] x;
  private final double[] y;
  private final double mean;
  private final double scale;
  private final double lengthscale;
  private final double noise;
  private final double logMarginalLikelihood;
  private final List<Candidate> selection;
  /** Row-major lower Cholesky factor of K + noise I. */
  private final double[] lower;
  private final double[] alpha;
  private final double incumbent;

  private RbfGp(double[][] x, double[] y, double mean, double scale, double lengthscale, double noise, double lml,
      List<Candidate> selection, double[] lower, double[] alpha, double incumbent) {
    this.x = x;
    this.y = y;
    this.mean = mean;
    this.scale = scale;
    this.lengthscale = lengthscale;
    this.noise = noise;
    this.logMarginalLikelihood = lml;
    this.selection = List.copyOf(selection);
    this.lower = lower;
    this.alpha = alpha;
    this.incumbent = incumbent;
  }

  /**
   * Fits the GP with model selection over the grids.
   *
   * @param x training inputs (copied by reference; not modified)
   * @param y targets (already transformed, e.g. -log(1 - acc)), standardised here
   * @param lengthscales candidate lengthscales, each &gt; 0
   * @param noises candidate noise variances in standardised units, each &gt; 0
   * @throws IllegalArgumentException for no data, mismatched sizes, non-finite values or empty/invalid grids
   * @throws GpNumericalException if no grid point gives a positive definite matrix
   */
  public static RbfGp fit(double[][] x, double[] y, List<Double> lengthscales, List<Double> noises) {
    int n = x.length;
    if (n == 0) throw new IllegalArgumentException("cannot fit a GP to no data");
    if (y.length != n) throw new IllegalArgumentException(n + " inputs but " + y.length + " targets");
    requireGrid(lengthscales, "lengthscale");
    requireGrid(noises, "noise");
    for (int i = 0; i < n; i++) {
      if (x[i].length != x[0].length) throw new IllegalArgumentException("inputs differ in length");
      if (!Double.isFinite(y[i])) throw new IllegalArgumentException("target " + i + " is not finite: " + y[i]);
    }
    // Standardised as core's GP-WL (one point or constant targets: no scale to learn).
    org.nasbowl.core.gp.Standardised st = org.nasbowl.core.gp.Standardised.of(y);
    double mean = st.mean();
    double sd = st.sd();
    double[] z = st.z();

    double[] d2 = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = squaredDistance(x[i], x[j]);
        d2[i * n + j] = s;
        d2[j * n + i] = s;
      }
    }
    List<Candidate> evaluated = new ArrayList<>();
    Candidate best = null;
    for (double l : lengthscales) {
      double[] k = gram(d2, l);
      for (double lambda : noises) {
        double[] chol = cholesky(k, n, lambda);
        double lml = chol == null ? Double.NEGATIVE_INFINITY : logMarginalLikelihood(chol, n, z);
        Candidate c = new Candidate(l, lambda, lml);
        evaluated.add(c);
        if (best == null || c.logMarginalLikelihood() > best.logMarginalLikelihood()) best = c;
      }
    }
    double[] k = gram(d2, best.lengthscale());
    double lambda = best.noise();
    double[] chol = null;
    for (int attempt = 0; attempt < 3 && chol == null; attempt++) {
      chol = cholesky(k, n, lambda);
      if (chol == null) lambda *= 10;
    }
    if (chol == null) {
      throw new GpNumericalException("the RBF kernel matrix (n = " + n + ", lengthscale " + best.lengthscale()
          + ") is not positive definite even with noise " + lambda / 10 + " (tried " + best.noise()
          + " x 1, 10, 100)");
    }
    double[] alpha = solve(chol, n, z);
    // Posterior mean at the training points: K alpha = z - lambda alpha.
    int arg = 0;
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double mu = z[i] - lambda * alpha[i];
      if (mu > top) {
        top = mu;
        arg = i;
      }
    }
    double lml = logMarginalLikelihood(chol, n, z);
    return new RbfGp(x, y.clone(), mean, sd, best.lengthscale(), lambda, lml, evaluated, chol, alpha, y[arg]);
  }

  private static void requireGrid(List<Double> grid, String what) {
    if (grid.isEmpty()) throw new IllegalArgumentException("the " + what + " grid is empty");
    for (double v : grid) {
      if (!(v > 0 && Double.isFinite(v))) throw new IllegalArgumentException(what + " must be finite and > 0: " + v);
    }
  }

  /** The kernel value between two inputs. */
  public static double kernel(double[] a, double[] b, double lengthscale) {
    return Math.exp(-squaredDistance(a, b) / (2 * lengthscale * lengthscale));
  }

  static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  private static double[] gram(double[] d2, double l) {
    double c = -1 / (2 * l * l);
    double[] k = new double[d2.length];
    for (int i = 0; i < k.length; i++) k[i] = Math.exp(c * d2[i]);
    return k;
  }

  /** Lower Cholesky factor of K + lambda I, row-major, or null if not positive definite. */
  static double[] cholesky(double[] k, int n, double lambda) {
    DMatrixRMaj a = new DMatrixRMaj(n, n);
    System.arraycopy(k, 0, a.data, 0, n * n);
    for (int i = 0; i < n; i++) a.data[i * n + i] += lambda;
    CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
    if (!chol.decompose(a)) return null;
    double[] l = chol.getT(null).data;
    for (double v : l) if (!Double.isFinite(v)) return null;
    return l;
  }

  /** log p(z) from the Cholesky factor of K + lambda I. */
  static double logMarginalLikelihood(double[] l, int n, double[] z) {
    double[] w = forward(l, n, z);
    double quad = 0;
    for (double v : w) quad += v * v;
    double logDet = 0;
    for (int i = 0; i < n; i++) logDet += Math.log(l[i * n + i]);
    return -0.5 * quad - logDet - 0.5 * n * Math.log(2 * Math.PI);
  }

  /** L^-1 b. */
  private static double[] forward(double[] l, int n, double[] b) {
    double[] w = b.clone();
    for (int i = 0; i < n; i++) {
      double s = w[i];
      int row = i * n;
      for (int k = 0; k < i; k++) s -= l[row + k] * w[k];
      w[i] = s / l[row + i];
    }
    return w;
  }

  /** (L L^T)^-1 b. */
  private static double[] solve(double[] l, int n, double[] b) {
    double[] w = forward(l, n, b);
    for (int i = n - 1; i >= 0; i--) {
      double s = w[i];
      for (int k = i + 1; k < n; k++) s -= l[k * n + i] * w[k];
      w[i] = s / l[i * n + i];
    }
    return w;
  }

  /** The joint posterior over a pool, in target units. */
  public PoolPosterior posterior(double[][] pool) {
    int n = x.length;
    int m = pool.length;
    // V = L^-1 K_*, n x m row-major, one row at a time so the inner loops run along contiguous rows.
    double[] v = new double[n * m];
    double[] mu = new double[m];
    double c = -1 / (2 * lengthscale * lengthscale);
    for (int i = 0; i < n; i++) {
      int row = i * m;
      for (int j = 0; j < m; j++) {
        double kij = Math.exp(c * squaredDistance(x[i], pool[j]));
        v[row + j] = kij;
        mu[j] += kij * alpha[i];
      }
    }
    for (int i = 0; i < n; i++) {
      int row = i * m;
      for (int k = 0; k < i; k++) {
        double lik = lower[i * n + k];
        if (lik == 0) continue;
        int rk = k * m;
        for (int j = 0; j < m; j++) v[row + j] -= lik * v[rk + j];
      }
      double inv = 1 / lower[i * n + i];
      for (int j = 0; j < m; j++) v[row + j] *= inv;
    }
    double s2 = scale * scale;
    double[] mean = new double[m];
    double[] var = new double[m];
    for (int j = 0; j < m; j++) {
      double q = 0;
      for (int i = 0; i < n; i++) q += v[i * m + j] * v[i * m + j];
      mean[j] = this.mean + scale * mu[j];
      var[j] = s2 * Math.max(0, 1 - q);
    }
    return new RbfPoolPosterior(new Posterior(mean, var, s2 * noise), v, n, pool, lengthscale, s2, incumbent);
  }

  public double lengthscale() {
    return lengthscale;
  }

  /** The noise variance in standardised units (after any jitter escalation). */
  public double noise() {
    return noise;
  }

  public double logMarginalLikelihood() {
    return logMarginalLikelihood;
  }

  /** Every grid point evaluated, in grid order (lengthscale-major). */
  public List<Candidate> selection() {
    return selection;
  }

  public int size() {
    return x.length;
  }

  public double targetMean() {
    return mean;
  }

  public double targetScale() {
    return scale;
  }

  /** The observed target of the training point with the highest posterior mean (as core's GP-WL). */
  public double incumbent() {
    return incumbent;
  }

  /** Pool posterior keeping V = L^-1 K_* for covariances. */
  private static final class RbfPoolPosterior implements PoolPosterior {
    private final Posterior marginals;
    private final double[] v;
    private final int n;
    private final double[][] pool;
    private final double lengthscale;
    private final double s2;
    private final double incumbent;

    RbfPoolPosterior(Posterior marginals, double[] v, int n, double[][] pool, double lengthscale, double s2,
        double incumbent) {
      this.marginals = marginals;
      this.v = v;
      this.n = n;
      this.pool = pool;
      this.lengthscale = lengthscale;
      this.s2 = s2;
      this.incumbent = incumbent;
    }

    @Override
    public Posterior marginals() {
      return marginals;
    }

    @Override
    public double[] latentCovarianceColumn(int b) {
      int m = pool.length;
      double[] out = new double[m];
      for (int j = 0; j < m; j++) out[j] = kernel(pool[j], pool[b], lengthscale);
      for (int i = 0; i < n; i++) {
        int row = i * m;
        double vb = v[row + b];
        for (int j = 0; j < m; j++) out[j] -= v[row + j] * vb;
      }
      for (int j = 0; j < m; j++) out[j] *= s2;
      out[b] = marginals.latentVariance()[b];
      return out;
    }

    @Override
    public double[][] latentCovariance() {
      int m = pool.length;
      double[][] out = new double[m][];
      for (int b = 0; b < m; b++) out[b] = latentCovarianceColumn(b);
      // Symmetrise against rounding.
      for (int a = 0; a < m; a++) {
        for (int b = a + 1; b < m; b++) {
          double c = 0.5 * (out[a][b] + out[b][a]);
          out[a][b] = c;
          out[b][a] = c;
        }
      }
      return out;
    }

    @Override
    public double incumbent() {
      return incumbent;
    }
  }
}
