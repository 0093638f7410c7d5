package org.nasbowl.core.acquisition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nasbowl.core.gp.Posterior;

class AcquisitionFunctionTest {
  // Phi and phi at the points used below (mpmath, 50 digits).
  private static final double PHI_1 = 0.84134474606854294859;
  private static final double PHI_M1 = 0.15865525393145705141;
  private static final double PHI_HALF = 0.69146246127401310364;
  private static final double PDF_1 = 0.2419707245191433498;
  private static final double PDF_HALF = 0.35206532676429947777;
  private static final double PDF_0 = 0.39894228040143267794;

  /** Pool members (mu, latent variance): (1, 1), (0, 4), (0.5, 0.25), (-10, 1), (0.3, 0); noise 0.21. */
  private static Posterior fixed() {
    return new Posterior(new double[] {1, 0, 0.5, -10, 0.3}, new double[] {1, 4, 0.25, 1, 0}, 0.21);
  }

  @Test
  void expectedImprovementHandValues() {
    double[] ei = new ExpectedImprovement().score(fixed(), 0.0);
    // (1, 1), f* = 0: z = 1, EI = 1 Phi(1) + 1 phi(1).
    assertEquals(1.0833154705876864, ei[0], 1e-15);
    assertEquals(PHI_1 + PDF_1, ei[0], 1e-15);
    // (0, sigma 2): z = 0, EI = 0 + 2 phi(0) = 2 / sqrt(2 pi).
    assertEquals(2 * PDF_0, ei[1], 1e-15);
    // (0.5, sigma 0.5): z = 1, EI = 0.5 Phi(1) + 0.5 phi(1).
    assertEquals(0.5 * (PHI_1 + PDF_1), ei[2], 1e-15);
    // (-10, 1): z = -10, EI = phi(-10) - 10 Phi(-10) = 7.4745602545893280366e-25 (mpmath).
    assertEquals(7.4745602545893280366e-25, ei[3], 7.47e-25 * 1e-13);
    // sigma = 0: max(mu - f*, 0).
    assertEquals(0.3, ei[4], 0);

    double[] shifted = new ExpectedImprovement().score(fixed(), 1.0);
    // (0.5, sigma 0.5), f* = 1: z = -1, EI = -0.5 Phi(-1) + 0.5 phi(1).
    assertEquals(0.5 * (PDF_1 - PHI_M1), shifted[2], 1e-16);
    assertEquals(0.0, shifted[4], 0); // sigma = 0 below the incumbent

    // xi = 0.5 at (1, 1), f* = 0: d = 0.5, EI = 0.5 Phi(0.5) + phi(0.5).
    assertEquals(0.5 * PHI_HALF + PDF_HALF, new ExpectedImprovement(0.5).score(fixed(), 0.0)[0], 1e-15);
  }

  @Test
  void predictiveStandardDeviationAddsTheNoise() {
    // Latent sigma 0 with noise 0.21: latent EI is max(d, 0), predictive EI uses sigma = sqrt(0.21).
    Posterior p = new Posterior(new double[] {0.0}, new double[] {0.0}, 0.21);
    assertEquals(0.0, new ExpectedImprovement().score(p, 0.0)[0], 0);
    assertEquals(Math.sqrt(0.21) * PDF_0,
        new ExpectedImprovement(0, Uncertainty.PREDICTIVE).score(p, 0.0)[0], 1e-15);
    assertEquals(0.0, new ProbabilityOfImprovement().score(p, 0.0)[0], 0);
    assertEquals(0.5, new ProbabilityOfImprovement(0, Uncertainty.PREDICTIVE).score(p, 0.0)[0], 0);
    // UCB at (0, var 4), noise 5: latent 0 + 2.22 * 2, predictive 0 + 2.22 * 3.
    Posterior q = new Posterior(new double[] {0.0}, new double[] {4.0}, 5.0);
    assertEquals(4.44, new UpperConfidenceBound().score(q, 0)[0], 1e-15);
    assertEquals(6.66, new UpperConfidenceBound(2.22, Uncertainty.PREDICTIVE).score(q, 0)[0], 1e-14);
  }

  @Test
  void upperConfidenceBoundIsMeanPlusBetaTimesSigmaAndIgnoresTheIncumbent() {
    double[] ucb = new UpperConfidenceBound().score(fixed(), 123.0);
    assertArrayEquals(new double[] {1 + 2.22, 0 + 2.22 * 2, 0.5 + 2.22 * 0.5, -10 + 2.22, 0.3}, ucb, 1e-15);
    assertEquals(2.22, new UpperConfidenceBound().beta());
    assertArrayEquals(new double[] {1 + 3, 6, 2, -7, 0.3}, new UpperConfidenceBound(3).score(fixed(), 0), 1e-15);
    assertArrayEquals(fixed().mean(), new UpperConfidenceBound(0).score(fixed(), 0), 0);
  }

  @Test
  void probabilityOfImprovementHandValues() {
    double[] pi = new ProbabilityOfImprovement().score(fixed(), 0.0);
    assertEquals(PHI_1, pi[0], 1e-15);
    assertEquals(0.5, pi[1], 0);
    assertEquals(PHI_1, pi[2], 1e-15);
    assertEquals(7.619853024160526066e-24, pi[3], 7.62e-24 * 1e-14);
    assertEquals(1.0, pi[4], 0); // certain improvement
    double[] above = new ProbabilityOfImprovement().score(fixed(), 1.0);
    assertEquals(0.5, above[0], 0);
    assertEquals(PHI_M1, above[2], 1e-15);
    assertEquals(0.0, above[4], 0); // certain non-improvement
    assertEquals(0.0, new ProbabilityOfImprovement().score(fixed(), 0.3)[4], 0); // equal is no improvement
    assertEquals(PHI_HALF, new ProbabilityOfImprovement(0.5).score(fixed(), 0.0)[0], 1e-15); // d = 0.5, sigma 1
  }

  @Test
  void expectedImprovementLimits() {
    ExpectedImprovement ei = new ExpectedImprovement();
    // sigma -> 0 tends to max(mu - f*, 0) continuously.
    for (double sigma : new double[] {1e-3, 1e-6, 1e-9, 1e-300, Double.MIN_VALUE}) {
      assertEquals(0.3, ei.value(0.3, sigma, 0), sigma, "sigma " + sigma);
      assertEquals(0.0, ei.value(-0.3, sigma, 0), sigma, "sigma " + sigma);
    }
    assertEquals(0.3, ei.value(0.3, 0, 0), 0);
    assertEquals(0.0, ei.value(-0.3, 0, 0), 0);
    // Far above the incumbent EI -> mu - f*; far below it -> 0 from above, never negative.
    assertEquals(50.0, ei.value(50, 1, 0), 1e-12);
    assertEquals(0.0, ei.value(-100, 1, 0), 0);
    for (double mu = -60; mu <= 10; mu += 0.25) {
      double v = ei.value(mu, 1.3, 0.1);
      assertTrue(v >= 0 && v >= mu - 0.1, "mu " + mu + ": " + v);
    }
    // sigma -> infinity relative to |d|: EI ~ sigma phi(0).
    assertEquals(1e6 * PDF_0, ei.value(0.5, 1e6, 0), 1e6 * PDF_0 * 1e-6);
  }

  @Test
  void expectedImprovementIsStrictlyIncreasingInMeanAndInSigma() {
    ExpectedImprovement ei = new ExpectedImprovement();
    // dEI/dmu = Phi(z) > 0 and dEI/dsigma = phi(z) > 0. Strictness is checked where the increment is
    // representable (z in [-20, 5]); elsewhere EI is flat to double precision, and must not decrease.
    double previous = -1;
    for (double mu = -30; mu <= 8; mu += 0.05) {
      double v = ei.value(mu, 1.0, 0.0);
      assertTrue(v > previous, "EI not increasing in mu at " + mu);
      previous = v;
    }
    for (double mu : new double[] {-3, -0.2, 0, 0.7, 4}) {
      previous = Math.max(mu, 0) - 1e-12;
      for (double sigma = 0.01; sigma <= 10; sigma += 0.01) {
        double v = ei.value(mu, sigma, 0.0);
        double z = mu / sigma;
        assertTrue(v >= previous, "EI decreasing in sigma at mu " + mu + ", sigma " + sigma);
        if (z >= -20 && z <= 5) {
          assertTrue(v > previous, "EI not increasing in sigma at mu " + mu + ", sigma " + sigma);
        }
        previous = v;
      }
    }
  }

  @Test
  void defaultsAndValidation() {
    assertEquals(new ExpectedImprovement(0.0, Uncertainty.LATENT), new ExpectedImprovement());
    assertEquals(new UpperConfidenceBound(2.22, Uncertainty.LATENT), new UpperConfidenceBound());
    assertEquals(new ProbabilityOfImprovement(0.0, Uncertainty.LATENT), new ProbabilityOfImprovement());
    assertThrows(IllegalArgumentException.class, () -> new ExpectedImprovement(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new ProbabilityOfImprovement(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new UpperConfidenceBound(-1));
    assertThrows(IllegalArgumentException.class, () -> new UpperConfidenceBound(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new ExpectedImprovement(0, null));
    assertThrows(IllegalArgumentException.class, () -> new ExpectedImprovement().score(fixed(), Double.NaN));
    Posterior bad = new Posterior(new double[] {0}, new double[] {Double.NaN}, 0);
    assertThrows(IllegalArgumentException.class, () -> new UpperConfidenceBound().score(bad, 0));
    // A variance negative by rounding counts as zero.
    Posterior rounded = new Posterior(new double[] {0.25}, new double[] {-1e-17}, 0);
    assertEquals(0.25, new ExpectedImprovement().score(rounded, 0)[0], 0);
  }
}
