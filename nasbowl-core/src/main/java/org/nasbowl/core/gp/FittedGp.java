package org.nasbowl.core.gp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.KernelMatrices;
import org.nasbowl.core.kernel.WlKernel;

/**
 * A fitted GP-WL model: the chosen WL depth and noise, the Cholesky factor of K + noise I and
 * alpha = (K + noise I)^-1 z on standardised targets z. Posteriors are returned in target units
 * (un-standardised, after the config's transform).
 *
 * <p>A model can be {@link #extend extended} by more observations with its hyperparameters kept: the Cholesky
 * factor grows by one row per architecture (its rows are shared, never modified), so conditioning on one more
 * result costs O(n^2) instead of the O(n^3) of a new fit.
 */
public final class FittedGp {
  private final List<ArchitectureFeatures> train;
  private final double[] targets;
  private final double mean;
  private final double sd;
  private final int h;
  private final double noise;
  private final GpConfig config;
  /** Lower Cholesky factor of K + noise I by rows: l[i] holds L_i0 .. L_ii. Shared with extensions, never modified. */
  private final double[][] l;
  private final double[] alpha;
  /** NaN until asked for (an extension computes it on demand). */
  private double logMarginalLikelihood;
  private final double[] z;
  private final List<GaussianProcess.Candidate> selection;
  private final KernelMatrices kernel;
  private final double incumbent;
  private final double bestObserved;
  private final double bestMean;

  FittedGp(List<ArchitectureFeatures> train, double[] targets, double mean, double sd, double[] z, int h,
      double noise, GpConfig config, DMatrixRMaj chol, double[] k, List<GaussianProcess.Candidate> selection,
      KernelMatrices kernel) {
    this(train, targets, mean, sd, z, h, noise, config, rows(chol), k, selection, kernel);
  }

  /**
   * @param k the kernel matrix K (n x n, row-major) to compute the posterior mean at the training points from, or
   *     null to use K alpha = z - noise alpha (an extension keeps no K)
   */
  private FittedGp(List<ArchitectureFeatures> train, double[] targets, double mean, double sd, double[] z, int h,
      double noise, GpConfig config, double[][] l, double[] k, List<GaussianProcess.Candidate> selection,
      KernelMatrices kernel) {
    this.train = List.copyOf(train);
    this.targets = targets.clone();
    this.mean = mean;
    this.sd = sd;
    this.h = h;
    this.noise = noise;
    this.config = config;
    this.l = l;
    int n = z.length;
    this.alpha = z.clone();
    solveL(l, alpha, n);
    if (k != null) {
      solveTranL(l, alpha, n);
      this.logMarginalLikelihood = logMarginalLikelihood(l, z);
      this.z = null;
    } else {
      solveTranLByRows(l, alpha, n);
      this.logMarginalLikelihood = Double.NaN;
      this.z = z.clone();
    }
    this.selection = List.copyOf(selection);
    this.kernel = kernel;
    // Incumbent (ALGORITHM.md section 5, as the original): the observed target of the training point with the
    // highest posterior mean; the posterior mean at the training points is K alpha.
    int best = 0;
    double topMean = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double s = 0;
      if (k != null) {
        for (int j = 0; j < n; j++) s += k[i * n + j] * alpha[j];
      } else {
        s = z[i] - noise * alpha[i];
      }
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

  private static double[][] rows(DMatrixRMaj chol) {
    int n = chol.numRows;
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) out[i] = java.util.Arrays.copyOfRange(chol.data, i * n, i * n + i + 1);
    return out;
  }

  /** b <- L^-1 b (in the order of EJML's TriangularSolver_DDRM.solveL, so the numbers are the same). */
  private static void solveL(double[][] l, double[] b, int n) {
    for (int i = 0; i < n; i++) {
      double sum = b[i];
      double[] row = l[i];
      for (int k = 0; k < i; k++) sum -= row[k] * b[k];
      b[i] = sum / row[i];
    }
  }

  /** b <- L^-T b (as EJML's solveTranL). */
  private static void solveTranL(double[][] l, double[] b, int n) {
    for (int i = n - 1; i >= 0; i--) {
      double sum = b[i];
      for (int k = i + 1; k < n; k++) sum -= l[k][i] * b[k];
      b[i] = sum / l[i][i];
    }
  }

  /**
   * b <- L^-T b reading L by rows (cache-friendly; the additions come in another order than {@link #solveTranL}'s,
   * so an extended model's numbers differ from a fit's in the last digits).
   */
  private static void solveTranLByRows(double[][] l, double[] b, int n) {
    for (int i = n - 1; i >= 0; i--) {
      double[] li = l[i];
      double x = b[i] / li[i];
      b[i] = x;
      for (int k = 0; k < i; k++) b[k] -= li[k] * x;
    }
  }

  /**
   * This model conditioned on more architectures with the same WL depth and noise (hyperparameters are not
   * re-selected): the Cholesky factor gains one row per added architecture, O(n^2) each, and the targets of all
   * points are re-standardised, so earlier observations may change value (an imputed failure's worst value).
   * The result depends only on the rows, not on how many extensions produced them.
   *
   * @param added features of the architectures to add, in order after the current training set
   * @param observations one per training architecture: the current ones (in training order), then the added ones
   * @return the extended model, or empty when K + noise I is not positive definite with the added rows
   */
  public Optional<FittedGp> extend(List<ArchitectureFeatures> added, double[] observations) {
    int n = train.size();
    int total = n + added.size();
    if (observations.length != total) {
      throw new IllegalArgumentException(total + " architectures but " + observations.length + " observations");
    }
    List<ArchitectureFeatures> all = new ArrayList<>(total);
    all.addAll(train);
    all.addAll(added);
    GaussianProcess.Targets t = GaussianProcess.Targets.of(observations, config);
    KernelMatrices index = KernelMatrices.indexOnly(all, config.base(), config.maxDepth());
    double[][] rows = java.util.Arrays.copyOf(l, total);
    if (!added.isEmpty()) {
      int m = added.size();
      double[] kx = index.crossColumns(added, h, config.parallel());
      for (int j = 0; j < m; j++) {
        int g = n + j;
        double[] row = new double[g + 1];
        for (int i = 0; i < g; i++) row[i] = kx[i * m + j];
        solveL(rows, row, g);
        double ss = 0;
        for (int i = 0; i < g; i++) ss += row[i] * row[i];
        double d2 = kx[g * m + j] + noise - ss;
        if (!(d2 > 0) || !Double.isFinite(d2)) return Optional.empty();
        row[g] = Math.sqrt(d2);
        rows[g] = row;
      }
    }
    return Optional.of(new FittedGp(all, t.y(), t.mean(), t.sd(), t.z(), h, noise, config, rows, null, selection,
        index));
  }

  /** log p(z) = -1/2 z^T (LL^T)^-1 z - sum log L_ii - n/2 log 2 pi. */
  static double logMarginalLikelihood(DMatrixRMaj l, double[] z) {
    return logMarginalLikelihood(rows(l), z);
  }

  private static double logMarginalLikelihood(double[][] l, double[] z) {
    int n = z.length;
    double[] v = z.clone();
    solveL(l, v, n);
    double quad = 0;
    for (double x : v) quad += x * x;
    double logDet = 0;
    for (int i = 0; i < n; i++) logDet += Math.log(l[i][i]);
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
    if (Double.isNaN(logMarginalLikelihood)) logMarginalLikelihood = logMarginalLikelihood(l, z);
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
    return posterior(pool, null);
  }

  /**
   * As {@link #posterior(List)}, reusing the columns of V = L^-1 K_* that {@code cache} holds from an earlier
   * posterior of this model or of one it was {@link #extend extended} from: such a column only needs its entries for
   * the rows added since, O(n) each instead of O(n^2). A search's pools overlap from ask to ask (the mutants of the
   * same best architectures), so most of a pool is reused. The numbers are the ones computed without the cache. The
   * cache is then left holding this pool's columns.
   */
  public PoolPosterior posterior(List<ArchitectureFeatures> pool, ColumnCache cache) {
    int n = train.size();
    int m = pool.size();
    double[] kx = kernel.crossColumns(pool, h, config.parallel());
    double[] mu = means(kx, m);
    int from = cache == null ? 0 : cache.validRows(l, n);
    List<Integer> fresh = new ArrayList<>();
    List<Integer> known = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      if (from > 0 && cache.column(pool.get(j)) != null) known.add(j);
      else fresh.add(j);
    }
    if (known.isEmpty()) {
      forwardSubstitute(kx, m);
    } else {
      int f = fresh.size();
      double[] b = new double[n * f];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < f; c++) b[i * f + c] = kx[i * m + fresh.get(c)];
      }
      if (f > 0) forwardSubstitute(b, f);
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < f; c++) kx[i * m + fresh.get(c)] = b[i * f + c];
      }
      IntStream ks = IntStream.range(0, known.size());
      (config.parallel() ? ks.parallel() : ks).forEach(c -> {
        int j = known.get(c);
        double[] old = cache.column(pool.get(j));
        double[] v = new double[n];
        System.arraycopy(old, 0, v, 0, from);
        for (int i = from; i < n; i++) {
          double[] li = l[i];
          double x = kx[i * m + j];
          for (int k = 0; k < i; k++) x -= li[k] * v[k];
          v[i] = x * (1 / li[i]);
        }
        for (int i = 0; i < n; i++) kx[i * m + j] = v[i];
      });
    }
    double[] var = new double[m];
    for (int i = 0; i < n; i++) {
      int row = i * m;
      for (int j = 0; j < m; j++) var[j] += kx[row + j] * kx[row + j];
    }
    double s2 = sd * sd;
    for (int j = 0; j < m; j++) var[j] = s2 * Math.max(0, 1 - var[j]);
    if (cache != null) cache.keep(pool, kx, l, n);
    return new GpPoolPosterior(this, pool, new Posterior(mu, var, noise * s2), kx);
  }

  /** Posterior means K_*^T alpha, un-standardised, from the n x m kernel columns. */
  private double[] means(double[] kx, int m) {
    int n = train.size();
    double[] mu = new double[m];
    for (int i = 0; i < n; i++) {
      double a = alpha[i];
      int row = i * m;
      for (int j = 0; j < m; j++) mu[j] += kx[row + j] * a;
    }
    for (int j = 0; j < m; j++) mu[j] = mean + sd * mu[j];
    return mu;
  }

  /**
   * The posterior means alone (target units), in O(n) per architecture beyond its kernel column: the same numbers
   * as {@code posterior(xs).marginals().mean()} without the O(n^2) per architecture the variances cost. Processed
   * in chunks, so that the kernel columns of many architectures are never held at once.
   */
  public double[] means(List<ArchitectureFeatures> xs) {
    int m = xs.size();
    double[] out = new double[m];
    for (int from = 0; from < m; from += MEAN_CHUNK) {
      int to = Math.min(m, from + MEAN_CHUNK);
      List<ArchitectureFeatures> part = xs.subList(from, to);
      double[] mu = means(kernel.crossColumns(part, h, config.parallel()), to - from);
      System.arraycopy(mu, 0, out, from, to - from);
    }
    return out;
  }

  private static final int MEAN_CHUNK = 512;

  /**
   * The posterior means at the training points (target units). For an extended model in O(n), from
   * K alpha = (K + noise I) alpha - noise alpha = z - noise alpha; for a fitted one, {@link #means(List)} of the
   * training set (the numbers a posterior over them gives).
   */
  public double[] trainingMeans() {
    if (z == null) return means(train);
    int n = train.size();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) out[i] = mean + sd * (z[i] - noise * alpha[i]);
    return out;
  }

  /**
   * b <- L^-1 b for an n x m row-major b. Columns are processed in blocks narrow enough that the block's n rows
   * stay in cache while every row is updated from all rows above it (otherwise the O(n^2 m) updates stream the
   * whole matrix from memory n times); blocks run in parallel when configured.
   */
  private void forwardSubstitute(double[] b, int m) {
    int n = train.size();
    double[][] l = this.l;
    int width = Math.max(32, Math.min(1024, (32768 / Math.max(n, 1)) / 8 * 8));
    int blocks = (m + width - 1) / width;
    if (config.parallel() && blocks > 1) {
      // As many blocks on every core: 3 blocks on 2 cores take as long as 4.
      int cores = Runtime.getRuntime().availableProcessors();
      blocks = (blocks + cores - 1) / cores * cores;
      width = (m + blocks - 1) / blocks;
      blocks = (m + width - 1) / width;
    }
    final int w = width;
    IntStream bs = IntStream.range(0, blocks);
    (config.parallel() && blocks > 1 ? bs.parallel() : bs).forEach(bk -> {
      int from = bk * w;
      int to = Math.min(m, from + w);
      int i = 0;
      // Two rows at a time, each updated from four rows above at a time: every element of the rows above is loaded
      // once for two rows and every element of a row is loaded and stored once per four updates. Each element gets
      // the same updates in the same order as one row and one update at a time, so the numbers are the same.
      for (; i + 1 < n; i += 2) {
        int ra = i * m;
        int rb = ra + m;
        double[] la = l[i];
        double[] lb = l[i + 1];
        int k = 0;
        for (; k + 3 < i; k += 4) {
          double a0 = la[k];
          double a1 = la[k + 1];
          double a2 = la[k + 2];
          double a3 = la[k + 3];
          double b0 = lb[k];
          double b1 = lb[k + 1];
          double b2 = lb[k + 2];
          double b3 = lb[k + 3];
          int k0 = k * m;
          int k1 = k0 + m;
          int k2 = k1 + m;
          int k3 = k2 + m;
          for (int j = from; j < to; j++) {
            double x0 = b[k0 + j];
            double x1 = b[k1 + j];
            double x2 = b[k2 + j];
            double x3 = b[k3 + j];
            double va = b[ra + j];
            va -= a0 * x0;
            va -= a1 * x1;
            va -= a2 * x2;
            va -= a3 * x3;
            b[ra + j] = va;
            double vb = b[rb + j];
            vb -= b0 * x0;
            vb -= b1 * x1;
            vb -= b2 * x2;
            vb -= b3 * x3;
            b[rb + j] = vb;
          }
        }
        for (; k < i; k++) {
          double ak = la[k];
          double bq = lb[k];
          int kr = k * m;
          for (int j = from; j < to; j++) {
            double x = b[kr + j];
            b[ra + j] -= ak * x;
            b[rb + j] -= bq * x;
          }
        }
        double inva = 1 / la[i];
        double bi = lb[i];
        double invb = 1 / lb[i + 1];
        for (int j = from; j < to; j++) {
          double va = b[ra + j] * inva;
          b[ra + j] = va;
          b[rb + j] = (b[rb + j] - bi * va) * invb;
        }
      }
      if (i < n) {
        // The last row when n is odd, one update at a time.
        int row = i * m;
        double[] li = l[i];
        for (int k = 0; k < i; k++) {
          double lik = li[k];
          int krow = k * m;
          for (int j = from; j < to; j++) b[row + j] -= lik * b[krow + j];
        }
        double inv = 1 / li[i];
        for (int j = from; j < to; j++) b[row + j] *= inv;
      }
    });
  }
}
