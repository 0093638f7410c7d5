package org.nasbowl.core.acquisition;

/**
 * The standard normal distribution to full double precision: density, distribution function, upper tail, and
 * the expected positive part {@code E[max(z + Z, 0)] = z Phi(z) + phi(z)} that expected improvement needs.
 *
 * <p>The distribution function is W. J. Cody's rational Chebyshev approximation ANORM: W. J. Cody, "Rational
 * Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631-637, as packaged in W. J. Cody,
 * "Algorithm 715: SPECFUN - a portable FORTRAN package of special function routines and test drivers", ACM TOMS
 * 19 (1993) 22-32, with the coefficients and the |x| &lt;= qnorm(3/4) first-range bound used by R's
 * {@code pnorm_both} (src/nmath/pnorm.c). It is the erfc approximation written directly in x (Phi(x) =
 * erfc(-x / sqrt 2) / 2) so that the argument is never rounded by a division by sqrt 2, which would cost about
 * x^2 ulps of relative accuracy in the far tail (1e-14 at x = -10). The factor exp(-x^2 / 2) is evaluated as
 * exp(-s^2 / 2) exp(-(x - s)(x + s) / 2) with s = x rounded down to a multiple of 1/16, whose square is exact.
 * Relative accuracy is about 1e-15 in both tails (tested to 1e-14 against 50-digit values).
 */
public final class StandardNormal {
  private StandardNormal() {}

  /** 1 / sqrt(2 pi). */
  private static final double INV_SQRT_2PI = 0.398942280401432677939946059934;
  /** sqrt(32): boundary between Cody's second and third ranges. */
  private static final double SQRT_32 = 5.656854249492380195206754896838;
  /** qnorm(3/4): boundary between the first and second ranges (R; Cody had 0.66291). */
  private static final double FIRST_RANGE = 0.67448975;
  /** Below this Phi underflows to 0 (Cody's XLOW). */
  private static final double LOWER_LIMIT = -37.5193;

  private static final double[] A = {2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582,
      18154.981253343561249, 0.065682337918207449113};
  private static final double[] B = {47.20258190468824187, 976.09855173777669322, 10260.932208618978205,
      45507.789335026729956};
  private static final double[] C = {0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979,
      597.27027639480026226, 2494.5375852903726711, 6848.1904505362823326, 11602.651437647350124,
      9842.7148383839780218, 1.0765576773720192317e-8};
  private static final double[] D = {22.266688044328115691, 235.38790178262499861, 1519.377599407554805,
      6485.558298266760755, 18615.571640885098091, 34900.952721145977266, 38912.003286093271411,
      19685.429676859990727};
  private static final double[] P = {0.21589853405795699, 0.1274011611602473639, 0.022235277870649807,
      0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303};
  private static final double[] Q = {1.28426009614491121, 0.468238212480865118, 0.0659881378689285515,
      0.00378239633202758244, 7.29751555083966205e-5};

  /** The density phi(x) = exp(-x^2 / 2) / sqrt(2 pi), with the exponent split so that it is exact in x. */
  public static double pdf(double x) {
    if (Double.isNaN(x)) return Double.NaN;
    double y = Math.abs(x);
    if (y > 40) return 0.0; // exp(-800) underflows
    return INV_SQRT_2PI * gaussianFactor(y);
  }

  /** The distribution function Phi(x) = P(Z &lt;= x). */
  public static double cdf(double x) {
    return tails(x, true);
  }

  /** The upper tail 1 - Phi(x) = Phi(-x), accurate where it is small (x large). */
  public static double complementaryCdf(double x) {
    return tails(x, false);
  }

  /**
   * E[max(z + Z, 0)] = z Phi(z) + phi(z) for standard normal Z, without the cancellation of the two terms for
   * negative z: for z &lt;= -3 it is evaluated as phi(z) r / (|z| + r), where 1 - |z| M(|z|) = r / (|z| + r)
   * follows from the Laplace continued fraction of Mills' ratio M(y) = 1 / (y + 1 / (y + 2 / (y + 3 / ...)))
   * with r = 1 / (y + 2 / (y + 3 / ...)) (Abramowitz and Stegun 26.2.14), evaluated backwards from 64 terms,
   * which converges to below 1e-17 for |z| &gt;= 3. Expected improvement is sigma times this at z = (mu - f*) /
   * sigma.
   */
  public static double expectedPositivePart(double z) {
    if (Double.isNaN(z)) return Double.NaN;
    if (z > -3) return z * cdf(z) + pdf(z);
    double y = -z;
    double phi = pdf(y);
    if (phi == 0) return 0.0;
    double t = 0;
    for (int k = 64; k >= 2; k--) t = k / (y + t);
    double r = 1 / (y + t);
    return phi * (r / (y + r));
  }

  /** exp(-y^2 / 2) with y^2 split into an exactly representable part and a small correction. */
  private static double gaussianFactor(double y) {
    double s = Math.floor(y * 16) / 16; // y >= 0, so floor == trunc; s * s is exact
    double del = (y - s) * (y + s);
    return Math.exp(-s * s * 0.5) * Math.exp(-del * 0.5);
  }

  /** Cody's ANORM: the lower tail Phi(x) if lower, else the upper tail 1 - Phi(x). */
  private static double tails(double x, boolean lower) {
    if (Double.isNaN(x)) return Double.NaN;
    double y = Math.abs(x);
    if (y <= FIRST_RANGE) {
      double xnum = 0;
      double xden = 0;
      if (y > 1.1102230246251565e-16) { // eps / 2: below it the rational part is x * a3 / b3 to rounding
        double xsq = x * x;
        xnum = A[4] * xsq;
        xden = xsq;
        for (int i = 0; i < 3; i++) {
          xnum = (xnum + A[i]) * xsq;
          xden = (xden + B[i]) * xsq;
        }
      }
      double temp = x * (xnum + A[3]) / (xden + B[3]);
      return lower ? 0.5 + temp : 0.5 - temp;
    }
    // The tail on x's own side of zero: Phi(-y) = exp(-y^2 / 2) * rational(y).
    double small;
    if (y <= SQRT_32) {
      double xnum = C[8] * y;
      double xden = y;
      for (int i = 0; i < 7; i++) {
        xnum = (xnum + C[i]) * y;
        xden = (xden + D[i]) * y;
      }
      small = gaussianFactor(y) * ((xnum + C[7]) / (xden + D[7]));
    } else if (-y > LOWER_LIMIT) {
      double xsq = 1.0 / (x * x);
      double xnum = P[5] * xsq;
      double xden = xsq;
      for (int i = 0; i < 4; i++) {
        xnum = (xnum + P[i]) * xsq;
        xden = (xden + Q[i]) * xsq;
      }
      double temp = xsq * (xnum + P[4]) / (xden + Q[4]);
      temp = (INV_SQRT_2PI - temp) / y;
      small = gaussianFactor(y) * temp;
    } else {
      small = 0.0;
    }
    // small = Phi(-y) = 1 - Phi(y). Lower tail of x < 0 and upper tail of x > 0 are "small".
    boolean wantSmall = (x < 0) == lower;
    return wantSmall ? small : 1.0 - small;
  }
}
