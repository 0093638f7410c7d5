package org.nasbowl.core.gp;

import java.util.function.DoubleUnaryOperator;

/**
 * Maximises a function of one variable on a closed interval: Brent's method (golden section with parabolic
 * interpolation; R. P. Brent, Algorithms for Minimization without Derivatives, 1973, chapter 5), with both
 * endpoints also evaluated so that a maximum on the boundary is found exactly.
 */
final class BoundedMaximizer {
  private BoundedMaximizer() {}

  /** The arg max and the maximum. */
  record Result(double x, double value, int evaluations) {}

  static Result maximize(DoubleUnaryOperator f, double lo, double hi, double tol) {
    final double golden = 0.5 * (3 - Math.sqrt(5));
    final double eps = Math.sqrt(Math.ulp(1.0));
    int evals = 0;
    double a = lo;
    double b = hi;
    double x = a + golden * (b - a);
    double w = x;
    double v = x;
    double fx = -f.applyAsDouble(x);
    evals++;
    double fw = fx;
    double fv = fx;
    double d = 0;
    double e = 0;
    for (int iter = 0; iter < 200; iter++) {
      double m = 0.5 * (a + b);
      double tol1 = eps * Math.abs(x) + tol / 3;
      double tol2 = 2 * tol1;
      if (Math.abs(x - m) <= tol2 - 0.5 * (b - a)) break;
      boolean useGolden = true;
      if (Math.abs(e) > tol1) {
        double r = (x - w) * (fx - fv);
        double q = (x - v) * (fx - fw);
        double p = (x - v) * q - (x - w) * r;
        q = 2 * (q - r);
        if (q > 0) p = -p; else q = -q;
        double eOld = e;
        e = d;
        if (Math.abs(p) < Math.abs(0.5 * q * eOld) && p > q * (a - x) && p < q * (b - x)) {
          d = p / q;
          double u = x + d;
          if (u - a < tol2 || b - u < tol2) d = x < m ? tol1 : -tol1;
          useGolden = false;
        }
      }
      if (useGolden) {
        e = x < m ? b - x : a - x;
        d = golden * e;
      }
      double u = x + (Math.abs(d) >= tol1 ? d : (d > 0 ? tol1 : -tol1));
      double fu = -f.applyAsDouble(u);
      evals++;
      if (fu <= fx) {
        if (u < x) b = x; else a = x;
        v = w;
        fv = fw;
        w = x;
        fw = fx;
        x = u;
        fx = fu;
      } else {
        if (u < x) a = u; else b = u;
        if (fu <= fw || w == x) {
          v = w;
          fv = fw;
          w = u;
          fw = fu;
        } else if (fu <= fv || v == x || v == w) {
          v = u;
          fv = fu;
        }
      }
    }
    Result best = new Result(x, -fx, evals);
    for (double end : new double[] {lo, hi}) {
      double fe = f.applyAsDouble(end);
      evals++;
      if (fe > best.value()) best = new Result(end, fe, evals);
    }
    return new Result(best.x(), best.value(), evals);
  }
}
