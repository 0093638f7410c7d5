package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class NasRegretFigureTest {
  private static final double TOL = 1e-12;

  private static PanelFigure figure(boolean oracle) throws Exception {
    return NasRegretFigure.build(NasRegretFigure.read(Fixtures.results().resolve(NasRegretFigure.FILE), oracle),
        oracle);
  }

  @Test
  void regretOnALogAxisWithZeroDrawnAtTheFloor() throws Exception {
    PanelFigure f = figure(false);
    assertEquals(List.of("nb201-cifar10", "nb101-run0"), f.panels().stream().map(XYChart::getTitle).toList());
    XYChart c = Fixtures.panel(f, "nb201-cifar10");
    assertTrue(c.getStyler().isYAxisLogarithmic());
    assertFalse(c.getStyler().isXAxisLogarithmic());
    assertEquals(NasRegretFigure.X_TITLE, c.getXAxisTitle());
    assertTrue(c.getYAxisTitle().contains("regret") && c.getYAxisTitle().contains("1e-5"), c.getYAxisTitle());
    assertEquals(List.of(PanelCharts.FRAME, "random band", "random", "nasbowl-m band", "nasbowl-m"),
        Fixtures.seriesNames(c));
    assertArrayEquals(new double[] {1, 2, 3}, Fixtures.series(c, "nasbowl-m").getXData(), 0);
    // Mean regret 0 after query 3 is kept, at the floor.
    assertArrayEquals(new double[] {0.08, 0.01, NasRegretFigure.FLOOR}, Fixtures.series(c, "nasbowl-m").getYData(),
        TOL);
    // Query 2: 0.01 +- 0.01, the lower edge 0 clipped to the floor; query 1: 0.08 +- 0.03.
    assertEquals(0.02, Fixtures.bandUpper(c, "nasbowl-m", 2), TOL);
    assertEquals(NasRegretFigure.FLOOR, Fixtures.bandLower(c, "nasbowl-m", 2), TOL);
    assertEquals(0.11, Fixtures.bandUpper(c, "nasbowl-m", 1), TOL);
    assertEquals(0.05, Fixtures.bandLower(c, "nasbowl-m", 1), TOL);
    // The axis starts at a decade at or below the smallest value and the x axis at 0.
    assertEquals(1e-5, c.getStyler().getYAxisMin(), 1e-18);
    assertEquals(0.0, c.getStyler().getXAxisMin(), 0);

    // A missing standard error is a band of zero width.
    XYChart nb101 = Fixtures.panel(f, "nb101-run0");
    assertEquals(0.05, Fixtures.bandUpper(nb101, "nasbowl-m", 1), TOL);
    assertEquals(0.05, Fixtures.bandLower(nb101, "nasbowl-m", 1), TOL);
  }

  @Test
  void theOracleFigureReadsTheOracleColumns() throws Exception {
    XYChart c = Fixtures.panel(figure(true), "nb201-cifar10");
    assertArrayEquals(new double[] {0.10, 0.04, 0.03}, Fixtures.series(c, "random").getYData(), TOL);
    assertTrue(c.getYAxisTitle().startsWith("oracle regret"), c.getYAxisTitle());
  }

  @Test
  void transferCurvesUseTheSameAxesOnePanelPerTarget() throws Exception {
    PanelFigure f = TransferFigure.build(TransferFigure.read(Fixtures.results().resolve(TransferFigure.FILE)));
    assertEquals(List.of("nb201-cifar100", "nb201-imagenet16"), f.panels().stream().map(XYChart::getTitle).toList());
    XYChart c = Fixtures.panel(f, "nb201-cifar100");
    assertEquals(List.of(PanelCharts.FRAME, "unrestricted band", "unrestricted", "restricted band", "restricted"),
        Fixtures.seriesNames(c));
    assertArrayEquals(new double[] {0.05, NasRegretFigure.FLOOR}, Fixtures.series(c, "restricted").getYData(), TOL);
    assertEquals(0.12, Fixtures.bandUpper(c, "unrestricted", 1), TOL);
    assertTrue(c.getStyler().isYAxisLogarithmic());
    assertEquals(Palette.color("restricted"), Fixtures.series(c, "restricted").getLineColor());
  }
}
