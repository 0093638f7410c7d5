package org.nasbowl.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RankCorrelationTest {
  @Test
  void handComputedValues() {
    assertArrayEquals(new double[] {2, 1, 3.5, 3.5}, RankCorrelation.ranks(new double[] {5, 1, 7, 7}), 0);
    // x = 1..5, y = 2 1 4 3 5: d = -1 1 -1 1 0, sum d^2 = 4, rho = 1 - 6*4/(5*24) = 0.8.
    double[] x = {1, 2, 3, 4, 5};
    double[] y = {2, 1, 4, 3, 5};
    assertEquals(0.8, RankCorrelation.spearman(x, y), 1e-15);
    // Kendall: pairs 10, discordant (1,2) and (3,4): tau = (8 - 2) / 10.
    assertEquals(0.6, RankCorrelation.kendallTauB(x, y), 1e-15);
    assertEquals(-1, RankCorrelation.spearman(x, new double[] {9, 7, 5, 3, 1}), 1e-15);
    assertTrue(Double.isNaN(RankCorrelation.spearman(x, new double[] {1, 1, 1, 1, 1})));
    // Ties: tau-b with x ties = {1,1,2}, y = {1,2,3}: concordant 2, tiesX 1: 2 / sqrt(2 * 3).
    assertEquals(2 / Math.sqrt(6), RankCorrelation.kendallTauB(new double[] {1, 1, 2}, new double[] {1, 2, 3}), 1e-15);
  }
}
