package org.nasbowl.experiments.data.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportProgressTest {
  @Test
  void printsAtMostOncePerIntervalWithRateAndShare() {
    long[] now = {0};
    StringWriter sw = new StringWriter();
    ThrottledProgress p = new ThrottledProgress("import-x", "records", new PrintWriter(sw), 1000, () -> now[0]);
    p.update(10, 100, 1_000_000);
    now[0] = 999_000_000L;
    p.update(20, 200, 1_000_000);
    assertFalse(p.printedAny(), "nothing within the first interval");
    now[0] = 2_000_000_000L;
    p.update(5000, 500_000, 1_000_000);
    now[0] = 2_500_000_000L;
    p.update(6000, 600_000, 1_000_000);
    List<String> lines = sw.toString().lines().toList();
    assertEquals(List.of("import-x: 5,000 records, 2,500 records/s, 50.0% of 1.0 MB, 2 s"), lines);
    assertTrue(p.printedAny());
    assertEquals(2.5, p.elapsedSeconds(), 1e-12);
  }

  @Test
  void csvNumbersRoundTripWithoutExponents() {
    for (double v : new double[] {0, 0.9445112347602844, 4309.798828125, 32426634, 1e-5, 123456789.25, -2.5e-7}) {
      String s = CsvText.num(v);
      assertFalse(s.contains("E"), s);
      assertEquals(v, Double.parseDouble(s), s);
    }
    assertEquals("", CsvText.num((Double) null));
    assertEquals("\"a,\"\"b\"", CsvText.cell("a,\"b"));
  }
}
