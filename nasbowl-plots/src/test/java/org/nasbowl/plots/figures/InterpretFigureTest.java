package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class InterpretFigureTest {
  @Test
  void stepOutlineOfContiguousAndGappedBins() {
    double[][] xy = InterpretFigure.steps(List.of(new InterpretFigure.Bin(0.5, 0.6, 6),
        new InterpretFigure.Bin(0.7, 0.8, 4), new InterpretFigure.Bin(0.8, 0.9, 2)));
    assertArrayEquals(new double[] {0.5, 0.5, 0.6, 0.6, 0.7, 0.7, 0.8, 0.8, 0.9, 0.9}, xy[0], 0);
    assertArrayEquals(new double[] {0, 6, 6, 0, 0, 4, 4, 2, 2, 0}, xy[1], 0);
  }

  @Test
  void overlaidHistogramsPerGroup() throws Exception {
    PanelFigure f = InterpretFigure.build(InterpretFigure.read(Fixtures.results().resolve(InterpretFigure.FILE)));
    XYChart c = Fixtures.panel(f, "nb201-cifar10");
    assertEquals(List.of(PanelCharts.FRAME, "good", "all", "bad"), Fixtures.seriesNames(c));
    assertEquals(0.5, c.getStyler().getXAxisMin(), 0);
    assertEquals(1.0, c.getStyler().getXAxisMax(), 0);
    XYSeries good = Fixtures.series(c, "good");
    assertArrayEquals(new double[] {0.8, 0.8, 0.9, 0.9, 1.0, 1.0}, good.getXData(), 0);
    assertArrayEquals(new double[] {0, 4, 4, 6, 6, 0}, good.getYData(), 0);
    assertEquals(Palette.color("good"), good.getLineColor());
    assertEquals("accuracy (fraction)", c.getXAxisTitle());
    assertTrue(c.getYAxisTitle().startsWith("density"));
    assertEquals(List.of("with good motifs", "all architectures", "with bad motifs"),
        f.legend().stream().map(PanelFigure.LegendEntry::label).toList());
  }

  @Test
  void overlappingOrInvertedBinsAreErrors(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("histograms.csv");
    Files.writeString(f, "benchmark,group,bin_low,bin_high,density\nb,good,0.1,0.3,1\nb,good,0.2,0.4,1\n");
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> InterpretFigure.read(f));
    assertEquals(3, e.line());
    Files.writeString(f, "benchmark,group,bin_low,bin_high,density\nb,good,0.3,0.1,1\n");
    assertEquals("bin_high", assertThrows(CsvFormatException.class, () -> InterpretFigure.read(f)).column());
  }
}
