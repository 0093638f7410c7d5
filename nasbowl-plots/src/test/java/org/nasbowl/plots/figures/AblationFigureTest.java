package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AblationFigureTest {
  private static final double TOL = 1e-9;

  /** Two tables; the default has regret 1/q (cifar10) and 3/q (cifar100), the variant twice that, shorter runs. */
  private static Path csv(Path dir) throws Exception {
    StringBuilder sb = new StringBuilder("benchmark,method,query,runs,mean_valid_regret,se_valid_regret\n");
    for (String b : List.of("nb201-cifar10", "nb201-cifar100")) {
      double scale = b.equals("nb201-cifar10") ? 1 : 3;
      for (int q = 1; q <= 160; q++) {
        sb.append(b).append(",nasbowl-m,").append(q).append(",20,").append(0.01 * scale / q).append(",0.001\n");
      }
      // A shorter run: its last query (120) stands in for 160.
      for (int q = 1; q <= 120; q++) {
        sb.append(b).append(",nasbowl-m[batch=greedy;kernel=oa],").append(q).append(",20,").append(0.02 * scale / q)
            .append(",\n");
      }
    }
    Path f = dir.resolve("curves.csv");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void rowsAreTheFourTableMeansInPointsSortedByTheCriterion(@TempDir Path tmp) throws Exception {
    List<AblationFigure.Row> rows = AblationFigure.read(csv(tmp));
    assertEquals(List.of("nasbowl-m", "nasbowl-m[batch=greedy;kernel=oa]"),
        rows.stream().map(AblationFigure.Row::variant).toList());
    // Mean over the two tables of 100 * 0.01 * {1, 3} / q = 2 / q points.
    assertArrayEquals(new double[] {2.0 / 50, 2.0 / 100, 2.0 / 160}, rows.get(0).atQuery(), TOL);
    assertArrayEquals(new double[] {4.0 / 50, 4.0 / 100, 4.0 / 120}, rows.get(1).atQuery(), TOL);
    assertEquals((2.0 / 50 + 2.0 / 100 + 2.0 / 160) / 3, rows.get(0).criterion(), TOL);
    assertEquals(2, rows.get(0).tables());
  }

  @Test
  void theSvgNamesEveryVariantAndItsAxis(@TempDir Path tmp) throws Exception {
    List<AblationFigure.Row> rows = AblationFigure.read(csv(tmp));
    AblationFigure.Ranking r = AblationFigure.build(rows, Map.of("nasbowl-m", 0.5), 20);
    assertEquals(0.5, r.rows().get(0).confirmation(), TOL);
    assertTrue(Double.isNaN(r.rows().get(1).confirmation()));
    Path svg = tmp.resolve("a.svg");
    FigureFiles.writeSvg(r, svg);
    String text = Files.readString(svg);
    for (AblationFigure.Row row : rows) assertTrue(text.contains(row.variant()), row.variant());
    assertTrue(text.contains("validation regret (percentage points"), "the x axis is labelled");
    assertTrue(text.contains("after 160 queries") && text.contains("confirmation seeds"), "the legend");
  }

  @Test
  void aFileWithoutTheValidationColumnsNamesIt(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("curves.csv");
    Files.writeString(f, "benchmark,method,query,runs,mean_regret\nb,m,1,2,0.1\n");
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> AblationFigure.read(f));
    assertEquals(true, e.getMessage().contains("mean_valid_regret"), e.getMessage());
  }
}
