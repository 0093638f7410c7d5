package org.nasbowl.core.gp;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.hessenberg.TridiagonalDecompositionHouseholder_DDRM;

/**
 * The GP log marginal likelihood as a function of the noise variance lambda for a fixed kernel matrix K and
 * standardised targets z, in O(n) per lambda after one O(n^3) reduction:
 *
 * <pre>
 *   log p(z | lambda) = -1/2 z^T (K + lambda I)^-1 z - 1/2 log det(K + lambda I) - n/2 log(2 pi).
 * </pre>
 *
 * A Householder reflector P maps z to ||z|| e1; P K P is reduced to tridiagonal form T = Q^T P K P Q with
 * Q e1 = e1 (Householder tridiagonalisation leaves the first coordinate alone). Then
 * z^T (K + lambda I)^-1 z = ||z||^2 [(T + lambda I)^-1]_11 and det(K + lambda I) = det(T + lambda I), both
 * from one backward recurrence over T. This is what makes noise optimisation cheap: the Cholesky-based
 * alternative needs one O(n^3) factorisation per lambda tried.
 */
final class LikelihoodProfile {
  private final int n;
  private final double zz;
  private final double[] diag;
  private final double[] off;
  /** For the low-rank form: the number of training points and their squared target norm; 0 otherwise. */
  private final int lowRankN;
  private final double lowRankZz;

  /**
   * The profile for K = F F^T with F n x p, p < n, computed in the p-dimensional feature space:
   * log det(K + l I) = (n - p) log l + log det(G + l I) and
   * z^T (K + l I)^-1 z = (z^T z - u^T (G + l I)^-1 u) / l, with G = F^T F and u = F^T z.
   */
  static LikelihoodProfile lowRank(double[] g, double[] u, double[] z) {
    double zzFull = 0;
    for (double zi : z) zzFull += zi * zi;
    return new LikelihoodProfile(g, u, z.length, zzFull);
  }

  private LikelihoodProfile(double[] g, double[] u, int fullN, double fullZz) {
    this(g, u, fullN, fullZz, true);
  }

  /** @param k the n x n kernel matrix, row-major (not modified) */
  LikelihoodProfile(double[] k, double[] z) {
    this(k, z, 0, 0, false);
  }

  private LikelihoodProfile(double[] k, double[] z, int fullN, double fullZz, boolean lowRank) {
    this.lowRankN = lowRank ? fullN : 0;
    this.lowRankZz = fullZz;
    this.n = z.length;
    double s = 0;
    for (double zi : z) s += zi * zi;
    this.zz = s;
    double[] a = k.clone();
    if (s > 0 && n > 1) reflect(a, z, Math.sqrt(s));
    diag = new double[n];
    off = new double[Math.max(n - 1, 0)];
    if (n == 1) {
      diag[0] = a[0];
    } else {
      TridiagonalDecompositionHouseholder_DDRM tri = new TridiagonalDecompositionHouseholder_DDRM();
      DMatrixRMaj m = DMatrixRMaj.wrap(n, n, a);
      if (!tri.decompose(m)) throw new GpNumericalException("tridiagonal reduction failed");
      tri.getDiagonal(diag, off);
    }
  }

  /** a <- P a P with P the Householder reflector mapping z to -sign(z_0) ||z|| e1. */
  private static void reflect(double[] a, double[] z, double norm) {
    int n = z.length;
    double[] u = z.clone();
    u[0] += (z[0] >= 0 ? norm : -norm);
    double c = 0;
    for (double ui : u) c += ui * ui;
    double beta = 2 / c;
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      double t = 0;
      int row = i * n;
      for (int j = 0; j < n; j++) t += a[row + j] * u[j];
      p[i] = beta * t;
    }
    double up = 0;
    for (int i = 0; i < n; i++) up += u[i] * p[i];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = p[i] - 0.5 * beta * up * u[i];
    for (int i = 0; i < n; i++) {
      int row = i * n;
      for (int j = 0; j < n; j++) a[row + j] -= u[i] * v[j] + v[i] * u[j];
    }
  }

  /** The log marginal likelihood at noise variance lambda; -infinity if K + lambda I is not positive definite. */
  double logMarginalLikelihood(double lambda) {
    // Backward recurrence: g_n = a_n + lambda, g_k = a_k + lambda - b_k^2 / g_{k+1}; det = prod g_k and
    // [(T + lambda I)^-1]_11 = 1 / g_1.
    double g = diag[n - 1] + lambda;
    if (!(g > 0)) return Double.NEGATIVE_INFINITY;
    double logDet = Math.log(g);
    for (int k = n - 2; k >= 0; k--) {
      g = diag[k] + lambda - off[k] * off[k] / g;
      if (!(g > 0)) return Double.NEGATIVE_INFINITY;
      logDet += Math.log(g);
    }
    double quad = zz / g;
    if (lowRankN > 0) {
      double fullQuad = (lowRankZz - quad) / lambda;
      double fullLogDet = (lowRankN - n) * Math.log(lambda) + logDet;
      return -0.5 * fullQuad - 0.5 * fullLogDet - 0.5 * lowRankN * Math.log(2 * Math.PI);
    }
    return -0.5 * quad - 0.5 * logDet - 0.5 * n * Math.log(2 * Math.PI);
  }
}
