package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class AblationFigureTest {
  private static final double TOL = 1e-9;

  private static Path csv(Path dir) throws Exception {
    StringBuilder sb = new StringBuilder("benchmark,method,query,runs,mean_valid_regret,se_valid_regret\n");
    for (int q = 1; q <= 160; q++) {
      sb.append("nb201-cifar10,nasbowl-m,").append(q).append(",20,").append(0.01 / q).append(",0.001\n");
    }
    // A shorter run: its last query (120) stands in for 160.
    for (int q = 1; q <= 120; q++) {
      sb.append("nb201-cifar10,nasbowl-m[batch=greedy;kernel=oa],").append(q).append(",20,").append(0.02 / q)
          .append(",\n");
    }
    Path f = dir.resolve("curves.csv");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void theMarkersAreTheMeansInPercentagePointsAtTheShownQueries(@TempDir Path tmp) throws Exception {
    List<AblationFigure.Panel> panels = AblationFigure.read(csv(tmp));
    assertEquals(1, panels.size());
    AblationFigure.Panel p = panels.get(0);
    assertEquals(List.of("nasbowl-m", "nasbowl-m[batch=greedy;kernel=oa]"), p.variants());
    assertArrayEquals(new double[] {1.0 / 50, 2.0 / 50}, p.mean().get(50), TOL);
    assertArrayEquals(new double[] {1.0 / 160, 2.0 / 120}, p.mean().get(160), TOL);
    assertArrayEquals(new double[] {0.1, 0.0}, p.se().get(100), TOL);

    PanelFigure f = AblationFigure.build(panels);
    XYChart c = Fixtures.panel(f, "nb201-cifar10");
    assertArrayEquals(new double[] {1.0 / 100, 2.0 / 100}, Fixtures.series(c, "after-100").getYData(), TOL);
    assertArrayEquals(new double[] {0, 1}, Fixtures.series(c, "after-100").getXData(), TOL);
    assertArrayEquals(new double[] {-0.22, 0.78}, Fixtures.series(c, "after-50").getXData(), TOL);
    assertEquals("batch=greedy kernel=oa", AblationFigure.label("nasbowl-m[batch=greedy;kernel=oa]"));
    assertEquals("nasbowl-x", AblationFigure.label("nasbowl-x"));
  }

  @Test
  void aFileWithoutTheValidationColumnsNamesIt(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("curves.csv");
    Files.writeString(f, "benchmark,method,query,runs,mean_regret\nb,m,1,2,0.1\n");
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> AblationFigure.read(f));
    assertEquals(true, e.getMessage().contains("mean_valid_regret"), e.getMessage());
  }
}
