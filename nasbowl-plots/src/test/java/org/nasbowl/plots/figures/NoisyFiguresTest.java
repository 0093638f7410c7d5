package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class NoisyFiguresTest {
  private static final String HEADER = "benchmark,method,query,runs,mean_regret,se_regret,mean_oracle_regret,"
      + "se_oracle_regret,mean_valid_regret,se_valid_regret,mean_recommended_regret,se_recommended_regret";

  private static void curves(Path file, String... rows) throws Exception {
    Files.createDirectories(file.getParent());
    List<String> lines = new ArrayList<>(List.of(HEADER));
    lines.addAll(List.of(rows));
    Files.write(file, lines);
  }

  @Test
  void oneRecommendedRegretPanelPerBenchmarkAndNoiseLevel(@TempDir Path r) throws Exception {
    curves(r.resolve("noisy/nas-0.2/curves.csv"), "nb201-cifar10,nasbowl-m,1,20,0.5,0.1,0.5,0.1,0.9,0.1,0.03,0.01",
        "nb201-cifar10,nasbowl-m,2,20,0.5,0.1,0.5,0.1,0.9,0.1,0.02,0.01",
        "nb201-cifar10,random,1,20,0.5,0.1,0.5,0.1,0.9,0.1,0.04,0.02");
    curves(r.resolve("noisy/nas-1.0/curves.csv"), "nb201-cifar10,nasbowl-m,1,20,0.5,0.1,0.5,0.1,0.9,0.1,0.06,0.01",
        "nb201-cifar10,nasbowl-m,2,20,0.5,0.1,0.5,0.1,0.9,0.1,0,0");
    PanelFigure f = (PanelFigure) NoisyFigures.noisy().build(new FigureInputs(r, null), n -> { });
    assertEquals(List.of("nb201-cifar10, noise SD 0.2 pts", "nb201-cifar10, noise SD 1.0 pts"),
        f.panels().stream().map(XYChart::getTitle).toList());
    // The recommended columns, not the validation regret of the best observation (0.9); 0 at the floor.
    assertArrayEquals(new double[] {0.03, 0.02}, Fixtures.series(f.panels().get(0), "nasbowl-m").getYData(), 1e-12);
    assertArrayEquals(new double[] {0.06, NasRegretFigure.FLOOR},
        Fixtures.series(f.panels().get(1), "nasbowl-m").getYData(), 1e-12);
    assertEquals(0.06, Fixtures.bandUpper(f.panels().get(0), "random", 1), 1e-12);
    assertTrue(f.panels().get(0).getStyler().isYAxisLogarithmic());

    // A curves file without the recommendation columns is an error naming the column.
    Files.write(r.resolve("noisy/nas-1.0/curves.csv"), List.of("benchmark,method,query,runs,mean_regret,se_regret,"
        + "mean_oracle_regret,se_oracle_regret", "b,m,1,1,0,0,0,0"));
    Exception e = assertThrows(Exception.class,
        () -> NoisyFigures.noisy().build(new FigureInputs(r, null), n -> { }));
    assertTrue(e.getMessage().contains("mean_recommended_regret"), e.getMessage());
  }

  @Test
  void failuresShowTheValidationRegretOfEachFailureModel(@TempDir Path r) throws Exception {
    curves(r.resolve("failures/curves.csv"),
        "nb201-cifar10,nasbowl-m[failures=ignore],1,20,0.5,0.1,0.5,0.1,0.010,0.002,,",
        "nb201-cifar10,nasbowl-m,1,20,0.5,0.1,0.5,0.1,0.004,0.001,,");
    PanelFigure f = (PanelFigure) NoisyFigures.failures().build(new FigureInputs(r, null), n -> { });
    XYChart c = Fixtures.panel(f, "nb201-cifar10, one operation fails");
    assertArrayEquals(new double[] {0.010}, Fixtures.series(c, "nasbowl-m[failures=ignore]").getYData(), 1e-12);
    assertArrayEquals(new double[] {0.004}, Fixtures.series(c, "nasbowl-m").getYData(), 1e-12);
    assertEquals(1, f.panels().size(), "no parameter-count panel without its file");
    curves(r.resolve("failures/params/curves.csv"), "nb101-20k,nasbowl-m,1,20,0.5,0.1,0.5,0.1,0.02,0.001,,");
    PanelFigure g = (PanelFigure) NoisyFigures.failures().build(new FigureInputs(r, null), n -> { });
    XYChart p = Fixtures.panel(g, "nb101-20k, large cells fail");
    assertArrayEquals(new double[] {0.02}, Fixtures.series(p, "nasbowl-m").getYData(), 1e-12);
  }
}
