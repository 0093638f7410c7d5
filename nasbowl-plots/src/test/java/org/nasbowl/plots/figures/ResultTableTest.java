package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultTableTest {
  private static final List<String> COLUMNS = List.of("benchmark", "method", "query", "runs", "mean_regret",
      "se_regret");

  private static Path write(Path dir, String text) throws Exception {
    Path f = dir.resolve("curves.csv");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void aBadNumberNamesFileLineAndColumn(@TempDir Path tmp) throws Exception {
    Path f = write(tmp, "benchmark,method,query,runs,mean_regret,se_regret\n"
        + "b,m,1,3,0.1,0.01\n"
        + "b,m,2,3,0.x5,0.01\n");
    CsvFormatException e = assertThrows(CsvFormatException.class,
        () -> Curves.read(f, COLUMNS, new Curves.Columns("benchmark", "method", "query", "runs", "mean_regret",
            "se_regret"), false));
    assertEquals(f, e.file());
    assertEquals(3, e.line());
    assertEquals("mean_regret", e.column());
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("line 3")
        && e.getMessage().contains("'mean_regret'") && e.getMessage().contains("0.x5"), e.getMessage());
  }

  @Test
  void aShortLineAndAMissingColumnAreNamed(@TempDir Path tmp) throws Exception {
    Path f = write(tmp, "benchmark,method,query,runs,mean_regret,se_regret\nb,m,1,3,0.1\n");
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> ResultTable.read(f, COLUMNS));
    assertEquals(2, e.line());
    assertNull(e.column());
    assertTrue(e.getMessage().contains("expected 6 fields"), e.getMessage());

    Path g = write(tmp, "benchmark,method,query,runs,mean_regret\nb,m,1,3,0.1\n");
    CsvFormatException m = assertThrows(CsvFormatException.class, () -> ResultTable.read(g, COLUMNS));
    assertEquals(1, m.line());
    assertEquals("se_regret", m.column());
  }

  @Test
  void emptyCellsAreMissingValuesAndQuotedFieldsAreRead(@TempDir Path tmp) throws Exception {
    Path f = write(tmp, "benchmark,method,query,runs,mean_regret,se_regret\n\"b,1\",m,1,3,0.25,\n\n");
    ResultTable t = ResultTable.read(f, COLUMNS);
    assertEquals(1, t.size());
    assertEquals("b,1", t.text(0, "benchmark"));
    assertEquals(0.25, t.number(0, "mean_regret"), 0);
    assertTrue(Double.isNaN(t.number(0, "se_regret")));
    assertThrows(CsvFormatException.class, () -> t.requiredNumber(0, "se_regret"));
  }

  @Test
  void duplicatePointsAndNonPositiveLogCoordinatesAreErrors(@TempDir Path tmp) throws Exception {
    Curves.Columns cols = new Curves.Columns("benchmark", "method", "query", "runs", "mean_regret", "se_regret");
    Path dup = write(tmp, "benchmark,method,query,runs,mean_regret,se_regret\nb,m,1,3,0.1,0\nb,m,1,3,0.2,0\n");
    assertEquals(3, assertThrows(CsvFormatException.class, () -> Curves.read(dup, COLUMNS, cols, false)).line());
    Path zero = write(tmp, "benchmark,method,query,runs,mean_regret,se_regret\nb,m,0,3,0.1,0\n");
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> Curves.read(zero, COLUMNS, cols, true));
    assertEquals("query", e.column());
  }
}
