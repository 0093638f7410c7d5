package org.nasbowl.experiments.data.importer;

import java.math.BigDecimal;

/** Number formatting for the imported CSV tables: exact (round-trip) decimal text, never exponent notation. */
final class CsvText {
  private CsvText() {}

  /** The shortest text Java gives that parses back to exactly {@code v}, without an exponent. */
  static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
    double a = Math.abs(v);
    if (a == 0 || (a >= 1e-3 && a < 1e7)) return Double.toString(v);
    return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  /** {@link #num(double)}, or the empty cell for {@code null}. */
  static String num(Double v) {
    return v == null ? "" : num(v.doubleValue());
  }

  /** Quotes a cell if it contains a comma, quote or line break (RFC 4180). */
  static String cell(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
