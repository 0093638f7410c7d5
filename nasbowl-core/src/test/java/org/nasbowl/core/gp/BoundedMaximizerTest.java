package org.nasbowl.core.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedMaximizerTest {
  @Test
  void findsInteriorAndBoundaryMaxima() {
    BoundedMaximizer.Result r = BoundedMaximizer.maximize(x -> -(x - 1.3) * (x - 1.3) + Math.sin(3 * x) * 0.01,
        -2, 4, 1e-6);
    // Stationary point of -(x-1.3)^2 + 0.01 sin 3x near 1.3: x = 1.3 + 0.015 cos(3x) (solved by iteration).
    double x = 1.3;
    for (int i = 0; i < 50; i++) x = 1.3 + 0.015 * Math.cos(3 * x);
    assertEquals(x, r.x(), 1e-5);
    assertTrue(r.evaluations() < 40, "evaluations " + r.evaluations());
    assertEquals(4, BoundedMaximizer.maximize(t -> t, -1, 4, 1e-6).x(), 0);
    assertEquals(-1, BoundedMaximizer.maximize(t -> -t * t * t, -1, 4, 1e-6).x(), 0);
  }
}
