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
  void cumulativeDistributionsWithMediansAndTheOrderedSeedsInTheTitle(@TempDir Path tmp) throws Exception {
    Path file = Fixtures.results().resolve(InterpretFigure.FILE);
    List<String> notes = new java.util.ArrayList<>();
    PanelFigure f = (PanelFigure) new InterpretFigure().build(new FigureInputs(Fixtures.results(), null), notes::add);
    assertEquals(List.of(), notes);
    // The first summary row learnt and evaluated on the benchmark with the average gradient: 0.4 of 20 seeds.
    XYChart c = Fixtures.panel(f, "nb201-cifar10 (ordered in 8/20)");
    XYSeries good = Fixtures.series(c, "good");
    assertArrayEquals(new double[] {0.8, 0.9, 1.0}, good.getXData(), 1e-12);
    assertArrayEquals(new double[] {0, 0.4, 1.0}, good.getYData(), 1e-12);
    // A gap between bins is flat: bad has mass 0.6 in [0.5, 0.6) and 0.4 in [0.7, 0.8).
    XYSeries bad = Fixtures.series(c, "bad");
    assertArrayEquals(new double[] {0.5, 0.6, 0.7, 0.8}, bad.getXData(), 1e-12);
    assertArrayEquals(new double[] {0, 0.6, 0.6, 1.0}, bad.getYData(), 1e-12);
    // Medians by linear interpolation within the bin: 0.9 + 0.1 / 0.6 * 0.1, 0.8, 0.5 + 0.5 / 0.6 * 0.1.
    assertEquals(0.9 + 0.1 / 6, Fixtures.series(c, "good median").getXData()[0], 1e-12);
    assertEquals(0.8, Fixtures.series(c, "all median").getXData()[0], 1e-12);
    assertEquals(0.5 + 0.5 / 6, Fixtures.series(c, "bad median").getXData()[0], 1e-12);
    assertEquals("accuracy (fraction)", c.getXAxisTitle());
    assertEquals(List.of("with good motifs", "all architectures", "with bad motifs"),
        f.legend().stream().map(PanelFigure.LegendEntry::label).toList());
    Path svg = tmp.resolve("i.svg");
    FigureFiles.writeSvg(f, svg);
    String text = Files.readString(svg);
    assertTrue(text.contains("Seeds with good &gt; all &gt; bad: nb201-cifar10 8 of 20"), "the ordered-seed count is in the SVG");
    assertTrue(text.contains("median"), "the medians are explained");
    assertEquals(8, InterpretFigure.ordered(file.resolveSibling("summary.csv")).get("nb201-cifar10").ordered());
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
