package org.nasbowl.core.acquisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference values are 50-digit evaluations with mpmath (ncdf, npdf; z ncdf(z) + npdf(z)). */
class StandardNormalTest {
  private static void assertRelative(double expected, double actual, double tolerance) {
    assertEquals(expected, actual, Math.abs(expected) * tolerance, () -> "expected " + expected + " got " + actual);
  }

  @Test
  void cdfMatchesHighPrecisionValuesInEveryRange() {
    double[][] xAndPhi = {
        {-1, 0.15865525393145705141},
        {1, 0.84134474606854294859},
        {1.96, 0.97500210485177956586},
        {-10, 7.619853024160526066e-24},
        {0, 0.5},
        {0.5, 0.69146246127401310364},
        {-0.5, 0.30853753872598689636},
        {0.6744, 0.74997147862705938548}, // first range
        {0.7, 0.75803634777692698525}, // second range
        {2, 0.9772498680518207928},
        {-3, 0.0013498980316300945267},
        {5.6, 0.99999998928240974169},
        {-5.7, 5.9903714010635344298e-9}, // third range
        {-20, 2.7536241186062336951e-89},
        {-37, 5.7255712225245768227e-300},
        // Non-round tail points, where exp(-x * x / 2) unsplit would lose about x^2 ulps.
        {-7.654321, 9.716814772625020425e-15},
        {-12.3456789, 2.5699415182297383869e-35},
        {-26.5432101, 1.5381206890016725694e-155},
        {-35.123456789, 1.4780889703419962043e-270},
    };
    for (double[] c : xAndPhi) assertRelative(c[1], StandardNormal.cdf(c[0]), 1e-14);
  }

  @Test
  void upperTailIsAccurateWhereOneMinusCdfWouldNotBe() {
    assertRelative(0.024997895148220434137, StandardNormal.complementaryCdf(1.96), 1e-14);
    assertRelative(1.0717590258310907355e-8, StandardNormal.complementaryCdf(5.6), 1e-14);
    assertRelative(6.2209605742717841235e-16, StandardNormal.complementaryCdf(8), 1e-14);
    assertRelative(7.619853024160526066e-24, StandardNormal.complementaryCdf(10), 1e-14);
    assertRelative(0.84134474606854294859, StandardNormal.complementaryCdf(-1), 1e-14);
    for (double x = -9; x <= 9; x += 0.37) {
      assertEquals(StandardNormal.cdf(-x), StandardNormal.complementaryCdf(x), 1e-16, "x = " + x);
      assertEquals(1.0, StandardNormal.cdf(x) + StandardNormal.cdf(-x), 2e-16, "x = " + x);
    }
  }

  @Test
  void cdfLimitsAndMonotonicity() {
    assertEquals(0.0, StandardNormal.cdf(-40));
    assertEquals(0.0, StandardNormal.cdf(Double.NEGATIVE_INFINITY));
    assertEquals(1.0, StandardNormal.cdf(Double.POSITIVE_INFINITY));
    assertEquals(1.0, StandardNormal.cdf(40));
    assertEquals(0.5, StandardNormal.cdf(1e-20));
    assertTrue(Double.isNaN(StandardNormal.cdf(Double.NaN)));
    double previous = 0;
    for (double x = -37; x <= 9; x += 0.01) {
      double p = StandardNormal.cdf(x);
      assertTrue(p >= previous, "not monotone at " + x);
      previous = p;
    }
  }

  @Test
  void pdfMatchesHighPrecisionValues() {
    assertRelative(0.39894228040143267794, StandardNormal.pdf(0), 1e-15);
    assertRelative(0.2419707245191433498, StandardNormal.pdf(-1), 1e-15);
    assertRelative(0.05844094433345146032, StandardNormal.pdf(1.96), 1e-14);
    assertRelative(7.6945986267064193463e-23, StandardNormal.pdf(10), 1e-14);
    assertRelative(2.1200065515246056269e-298, StandardNormal.pdf(-37), 1e-14);
    assertRelative(7.5605034598434334994e-14, StandardNormal.pdf(-7.654321), 1e-14);
    assertRelative(3.1933192007110995583e-34, StandardNormal.pdf(12.3456789), 1e-14);
    assertRelative(4.0884445067060454953e-154, StandardNormal.pdf(-26.5432101), 1e-14);
    assertRelative(5.1957608804387267559e-269, StandardNormal.pdf(35.123456789), 1e-14);
    assertEquals(0.0, StandardNormal.pdf(Double.POSITIVE_INFINITY));
  }

  @Test
  void expectedPositivePartMatchesHighPrecisionValuesAcrossTheSwitch() {
    double[][] zAndH = {
        {2, 2.0084907026168296375},
        {1, 1.0833154705876862984},
        {0, 0.39894228040143267794},
        {-1, 0.083315470587686298383},
        {-2.9, 0.00054167384866214375565},
        {-3, 0.00038215431704772359565},
        {-3.1, 0.00026724909522301410659},
        {-5, 5.3461655338328149539e-8},
        {-10, 7.4745602545893280366e-25},
        {-30, 1.6319567340914011894e-199},
        {-37, 1.5451991905122024593e-301},
        {-7.654321, 1.2294152312204123903e-15},
        {-12.3456789, 2.0551923126815071074e-36},
        {-26.5432101, 5.778445973230133177e-157},
        {-35.123456789, 4.2014724282658027289e-272},
    };
    for (double[] c : zAndH) assertRelative(c[1], StandardNormal.expectedPositivePart(c[0]), 1e-14);
    // z Phi(z) + phi(z) directly would have lost all digits here: -10 Phi(-10) + phi(-10) cancels 1e-23 to 1e-25.
    assertEquals(0.0, StandardNormal.expectedPositivePart(-45));
  }
}
