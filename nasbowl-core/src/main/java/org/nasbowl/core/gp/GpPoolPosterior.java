package org.nasbowl.core.gp;

import java.util.List;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.WlKernel;

/** The posterior of a fitted GP over a pool, keeping V = L^-1 K_* for covariances. */
final class GpPoolPosterior implements PoolPosterior {
  private final FittedGp gp;
  private final List<ArchitectureFeatures> pool;
  private final Posterior marginals;
  /** n x m row-major. */
  private final double[] v;

  GpPoolPosterior(FittedGp gp, List<ArchitectureFeatures> pool, Posterior marginals, double[] v) {
    this.gp = gp;
    this.pool = List.copyOf(pool);
    this.marginals = marginals;
    this.v = v;
  }

  @Override
  public Posterior marginals() {
    return marginals;
  }

  @Override
  public double[] latentCovarianceColumn(int b) {
    int m = pool.size();
    int n = gp.size();
    WlKernel k = gp.kernel();
    double s2 = gp.targetScale() * gp.targetScale();
    double[] out = new double[m];
    ArchitectureFeatures xb = pool.get(b);
    for (int j = 0; j < m; j++) out[j] = k.value(pool.get(j), xb);
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
    int m = pool.size();
    int n = gp.size();
    double[][] kp = gp.kernel().gram(pool);
    double s2 = gp.targetScale() * gp.targetScale();
    double[][] vt = new double[m][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) vt[j][i] = v[i * m + j];
    }
    double[][] out = new double[m][m];
    for (int a = 0; a < m; a++) {
      double[] va = vt[a];
      for (int b = a + 1; b < m; b++) {
        double[] vb = vt[b];
        double s = 0;
        for (int i = 0; i < n; i++) s += va[i] * vb[i];
        double c = s2 * (kp[a][b] - s);
        out[a][b] = c;
        out[b][a] = c;
      }
      out[a][a] = marginals.latentVariance()[a];
    }
    return out;
  }

  @Override
  public double incumbent() {
    return gp.incumbent();
  }
}
