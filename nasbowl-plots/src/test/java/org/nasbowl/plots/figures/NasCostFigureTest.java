package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class NasCostFigureTest {
  private static final double TOL = 1e-12;

  @Test
  void modelBasedMethodsLogLogWithTheOriginalsMeasuredCost() throws Exception {
    List<String> notes = new ArrayList<>();
    PanelFigure f = (PanelFigure) new NasCostFigure().build(new FigureInputs(Fixtures.results(), Fixtures.golden()),
        notes::add);
    assertTrue(notes.isEmpty(), notes.toString());
    XYChart c = Fixtures.panel(f, "nb201-cifar10");
    assertTrue(c.getStyler().isXAxisLogarithmic() && c.getStyler().isYAxisLogarithmic());
    assertEquals(NasCostFigure.X_TITLE, c.getXAxisTitle());
    assertEquals(NasCostFigure.Y_TITLE, c.getYAxisTitle());
    // random search fits no model and is left out.
    assertEquals(List.of("bananas-m", "nasbowl-m", NasCostFigure.ORIGINAL, NasCostFigure.ORIGINAL_SCALED),
        Fixtures.seriesNames(c));
    assertArrayEquals(new double[] {0.005, 0.006, 0.008}, Fixtures.series(c, "nasbowl-m").getYData(), TOL);
    // The original up to the first size >= 20 observations: n = 10 (median of 2.1, 4.3, 3.2) and 25 (5.5); the
    // scaled line takes a fifth of each loop: median of 0.5, 1.1, 0.8, and 1.5.
    assertArrayEquals(new double[] {10, 25}, Fixtures.series(c, NasCostFigure.ORIGINAL).getXData(), 0);
    assertArrayEquals(new double[] {3.2, 5.5}, Fixtures.series(c, NasCostFigure.ORIGINAL).getYData(), 1e-9);
    assertArrayEquals(new double[] {0.8, 1.5}, Fixtures.series(c, NasCostFigure.ORIGINAL_SCALED).getYData(), 1e-9);
    assertTrue(f.legend().stream().anyMatch(e -> e.label().contains("golden/synthetic_regression.jsonl")));
  }

  @Test
  void withoutAGoldenDirectoryTheProjectsEmbeddedCopyOfTheOriginalsCostIsDrawn() throws Exception {
    List<String> notes = new ArrayList<>();
    PanelFigure f = (PanelFigure) new NasCostFigure().build(new FigureInputs(Fixtures.results(), null), notes::add);
    assertTrue(notes.isEmpty(), notes.toString());
    // The original's file: 3 repeats at each of 6 training sizes, pool 1,000; at n = 10 the median of fit + loop
    // over the repeats is 2.5352 s (computed from the file's fit_s and acq_nasbowl_loop_s).
    List<OriginalCost.Point> pts = OriginalCost.readEmbedded();
    assertEquals(List.of(10, 25, 50, 100, 200, 400), pts.stream().map(OriginalCost.Point::nTrain).toList());
    assertTrue(pts.stream().allMatch(p -> p.pool() == 1000 && p.fitSeconds().length == 3));
    assertEquals(2.535188947, pts.get(0).seconds(), 1e-6);
    XYChart c = Fixtures.panel(f, "nb201-cifar10");
    assertEquals(2.535188947, Fixtures.series(c, NasCostFigure.ORIGINAL).getYData()[0], 1e-6);
  }

  @Test
  void withoutTheGoldenFileTheReferenceIsLeftOutWithANote(@TempDir Path tmp) throws Exception {
    List<String> notes = new ArrayList<>();
    PanelFigure f = (PanelFigure) new NasCostFigure().build(new FigureInputs(Fixtures.results(), tmp), notes::add);
    assertEquals(1, notes.size());
    assertTrue(notes.get(0).contains(OriginalCost.FILE), notes.get(0));
    assertEquals(List.of("bananas-m", "nasbowl-m"), Fixtures.seriesNames(Fixtures.panel(f, "nb201-cifar10")));
  }
}
