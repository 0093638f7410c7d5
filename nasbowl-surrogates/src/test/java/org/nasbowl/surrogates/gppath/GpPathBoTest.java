package org.nasbowl.surrogates.gppath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.gp.TargetTransform;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

class GpPathBoTest {

  @Test
  void defaultGridsAreLogSpaced() {
    GpPathConfig c = GpPathConfig.defaults();
    assertEquals(10, c.lengthscales().size());
    assertEquals(0.5, c.lengthscales().get(0), 1e-15);
    assertEquals(50, c.lengthscales().get(9), 1e-12);
    assertEquals(Math.sqrt(0.5 * 50), Math.sqrt(c.lengthscales().get(4) * c.lengthscales().get(5)), 1e-12);
    assertEquals(List.of(1e-5, Math.pow(10, -4.5), 1e-4, Math.pow(10, -3.5), 1e-3, Math.pow(10, -2.5), 1e-2).size(),
        c.noises().size());
    assertEquals(1e-3, c.noises().get(4), 1e-15);
    assertEquals(200, c.poolSize());
    assertEquals(10, c.parents());
    assertEquals(10, c.initial());
    assertEquals(TargetTransform.NEG_LOG_ERROR, c.transform());
    assertThrows(IllegalArgumentException.class, () -> GpPathConfig.logGrid(0, 1, 3));
  }

  @Test
  void fitsAfterTenSuccessesAndToleratesPerfectScores() {
    Nb201Space space = new Nb201Space();
    GpPathBo<Nb201Cell> opt = new GpPathBo<>(space, 4, GpPathConfig.defaults());
    List<Nb201Cell> init = opt.ask(10);
    for (int i = 0; i < init.size(); i++) {
      // An accuracy of exactly 1 is clipped below 1 before -log(1 - acc).
      opt.tell(init.get(i), Observation.of(i == 0 ? 1.0 : 0.5 + 0.03 * i));
    }
    assertNull(opt.lastModel());
    List<Nb201Cell> next = opt.ask(5);
    assertEquals(5, next.size());
    assertNotNull(opt.lastModel());
    assertEquals(10, opt.lastModel().size());
  }
}
