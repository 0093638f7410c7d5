package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class RegressionFigureTest {
  private static final double TOL = 1e-12;

  @Test
  void onePanelPerBenchmarkOneLineWithBandPerSurrogate() throws Exception {
    PanelFigure f = RegressionFigure.build(RegressionFigure.read(Fixtures.results().resolve(RegressionFigure.FILE)));
    assertEquals(List.of("nb201-cifar10", "synthetic"), f.panels().stream().map(XYChart::getTitle).toList(),
        "benchmarks in the README's order");
    XYChart syn = Fixtures.panel(f, "synthetic");
    assertEquals(List.of("rf band", "rf", "gp-wl band", "gp-wl"), Fixtures.seriesNames(syn),
        "surrogates in reverse palette order (gp-wl on top), each band before its line");
    assertEquals(RegressionFigure.X_TITLE, syn.getXAxisTitle());
    assertEquals(RegressionFigure.Y_TITLE, syn.getYAxisTitle());
    assertTrue(syn.getStyler().isXAxisLogarithmic());
    assertFalse(syn.getStyler().isYAxisLogarithmic());

    // rf has no Spearman at n = 10 (empty cells): that point is left out, not drawn as 0.
    assertArrayEquals(new double[] {25, 100}, Fixtures.series(syn, "rf").getXData(), 0);
    assertArrayEquals(new double[] {0.50, 0.80}, Fixtures.series(syn, "rf").getYData(), TOL);
    assertEquals(3, Fixtures.series(syn, "gp-wl").getXData().length);
    // Band at n = 25 for gp-wl: 0.85 +- 0.03.
    assertEquals(0.88, Fixtures.bandUpper(syn, "gp-wl", 25), TOL);
    assertEquals(0.82, Fixtures.bandLower(syn, "gp-wl", 25), TOL);

    assertEquals(List.of("gp-wl", "rf"), f.legend().stream().map(PanelFigure.LegendEntry::label).toList());
    assertTrue(f.legend().get(0).band());
    assertEquals(Palette.color("gp-wl"), Fixtures.series(syn, "gp-wl").getLineColor());
    assertTrue(f.notes().get(0).contains("3 seeds"), f.notes().toString());
  }

  @Test
  void fontsAreReadable() throws Exception {
    XYChart c = RegressionFigure.build(RegressionFigure.read(Fixtures.results().resolve(RegressionFigure.FILE)))
        .panels().get(0);
    assertTrue(c.getStyler().getAxisTitleFont().getSize() >= 14);
    assertTrue(c.getStyler().getAxisTickLabelsFont().getSize() >= 14);
    assertTrue(PanelFigure.LEGEND_FONT.getSize() >= 14);
  }
}
