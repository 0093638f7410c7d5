package org.nasbowl.core.gp;

import java.util.List;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.KernelMatrices;
import org.nasbowl.core.kernel.WlKernel;

/**
 * A fitted GP-WL model: the chosen WL depth and noise, the Cholesky factor of K + noise I and
 * alpha = (K + noise I)^-1 z on standardised targets z. Posteriors are returned in target units
 * (un-standardised, after the config's transform).
 */
public final class FittedGp {
  private final List<ArchitectureFeatures> train;
  private final double[] targets;
  private final double mean;
  private final double sd;
  private final int h;
  private final double noise;
  private final GpConfig config;
  private final DMatrixRMaj chol;
  private final double[] alpha;
  private final double logMarginalLikelihood;
  private final List<GaussianProcess.Candidate> selection;
  private final KernelMatrices kernel;
  private final double incumbent;
  private final double bestObserved;
  private final double bestMean;

  FittedGp(List<ArchitectureFeatures> train, double[] targets, double mean, double sd, double[] z, int h,
      double noise, GpConfig config, DMatrixRMaj chol, double[] k, List<GaussianProcess.Candidate> selection,
      KernelMatrices kernel) {
    this.train = List.copyOf(train);
    this.targets = targets.clone();
    this.mean = mean;
    this.sd = sd;
    this.h = h;
    this.noise = noise;
    this.config = config;
    this.chol = chol;
    int n = z.length;
    this.alpha = z.clone();
    TriangularSolver_DDRM.solveL(chol.data, alpha, n);
    TriangularSolver_DDRM.solveTranL(chol.data, alpha, n);
    this.logMarginalLikelihood = logMarginalLikelihood(chol, z);
    this.selection = List.copyOf(selection);
    this.kernel = kernel;
    // Incumbent (ALGORITHM.md section 5, as the original): the observed target of the training point with the
    // highest posterior mean; the posterior mean at the training points is K alpha.
    int best = 0;
    double topMean = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += k[i * n + j] * alpha[j];
      if (s > topMean) {
        topMean = s;
        best = i;
      }
    }
    this.incumbent = targets[best];
    this.bestMean = mean + sd * topMean;
    double top = Double.NEGATIVE_INFINITY;
    for (double t : targets) top = Math.max(top, t);
    this.bestObserved = top;
  }

  /** log p(z) = -1/2 z^T (LL^T)^-1 z - sum log L_ii - n/2 log 2 pi. */
  static double logMarginalLikelihood(DMatrixRMaj l, double[] z) {
    int n = z.length;
    double[] v = z.clone();
    TriangularSolver_DDRM.solveL(l.data, v, n);
    double quad = 0;
    for (double x : v) quad += x * x;
    double logDet = 0;
    for (int i = 0; i < n; i++) logDet += Math.log(l.data[i * n + i]);
    return -0.5 * quad - logDet - 0.5 * n * Math.log(2 * Math.PI);
  }

  public int h() {
    return h;
  }

  /** Noise variance in standardised units (what the likelihood optimised). */
  public double noise() {
    return noise;
  }

  /** Noise variance in target units. */
  public double noiseVariance() {
    return noise * sd * sd;
  }

  public double logMarginalLikelihood() {
    return logMarginalLikelihood;
  }

  /** Every (h, noise, likelihood) evaluated by the model selection, in grid order. */
  public List<GaussianProcess.Candidate> selection() {
    return selection;
  }

  public int size() {
    return train.size();
  }

  public GpConfig config() {
    return config;
  }

  public WlKernel kernel() {
    return new WlKernel(config.base(), h);
  }

  /** Training targets (after the transform). */
  public double[] targets() {
    return targets.clone();
  }

  public double targetMean() {
    return mean;
  }

  public double targetScale() {
    return sd;
  }

  /** alpha = (K + noise I)^-1 z on standardised targets (a copy). */
  public double[] alpha() {
    return alpha.clone();
  }

  public List<ArchitectureFeatures> training() {
    return train;
  }

  /** The observed target of the training point with the highest posterior mean. */
  public double incumbent() {
    return incumbent;
  }

  /** The incumbent of the given kind, in target units. */
  public double incumbent(Incumbent kind) {
    return switch (kind) {
      case OBSERVED_AT_BEST_MEAN -> incumbent;
      case BEST_OBSERVED -> bestObserved;
      case BEST_MEAN -> bestMean;
    };
  }

  /**
   * The posterior over a pool of candidates in one pass: kernel columns from the inverted feature index, one
   * blocked triangular solve V = L^-1 K_* (columns split across cores), means K_*^T alpha and latent variances
   * 1 - ||v_j||^2 (the kernel has unit diagonal).
   */
  public PoolPosterior posterior(List<ArchitectureFeatures> pool) {
    int n = train.size();
    int m = pool.size();
    double[] kx = kernel.crossColumns(pool, h, config.parallel());
    double[] mu = new double[m];
    for (int i = 0; i < n; i++) {
      double a = alpha[i];
      int row = i * m;
      for (int j = 0; j < m; j++) mu[j] += kx[row + j] * a;
    }
    for (int j = 0; j < m; j++) mu[j] = mean + sd * mu[j];
    forwardSubstitute(kx, m);
    double[] var = new double[m];
    for (int i = 0; i < n; i++) {
      int row = i * m;
      for (int j = 0; j < m; j++) var[j] += kx[row + j] * kx[row + j];
    }
    double s2 = sd * sd;
    for (int j = 0; j < m; j++) var[j] = s2 * Math.max(0, 1 - var[j]);
    return new GpPoolPosterior(this, pool, new Posterior(mu, var, noise * s2), kx);
  }

  /**
   * b <- L^-1 b for an n x m row-major b. Columns are processed in blocks narrow enough that the block's n rows
   * stay in cache while every row is updated from all rows above it (otherwise the O(n^2 m) updates stream the
   * whole matrix from memory n times); blocks run in parallel when configured.
   */
  private void forwardSubstitute(double[] b, int m) {
    int n = train.size();
    double[] l = chol.data;
    int width = Math.max(32, Math.min(1024, (32768 / Math.max(n, 1)) / 8 * 8));
    int blocks = (m + width - 1) / width;
    IntStream bs = IntStream.range(0, blocks);
    (config.parallel() && blocks > 1 ? bs.parallel() : bs).forEach(bk -> {
      int from = bk * width;
      int to = Math.min(m, from + width);
      for (int i = 0; i < n; i++) {
        int row = i * m;
        for (int k = 0; k < i; k++) {
          double lik = l[i * n + k];
          if (lik == 0) continue;
          int krow = k * m;
          for (int j = from; j < to; j++) b[row + j] -= lik * b[krow + j];
        }
        double inv = 1 / l[i * n + i];
        for (int j = from; j < to; j++) b[row + j] *= inv;
      }
    });
  }
}
