package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV result file as written by the experiment runners: a header line, then one record per line, fields
 * separated by commas (double quotes allowed around a field). Empty numeric cells are missing values (NaN).
 * Every accessor failure names the file, the line and the column.
 */
public final class ResultTable {
  private final Path file;
  private final Map<String, Integer> columns = new HashMap<>();
  private final List<String[]> rows = new ArrayList<>();
  private final List<Integer> lines = new ArrayList<>();

  private ResultTable(Path file) {
    this.file = file;
  }

  /** Reads a file that must have at least the required columns (in any order, extra columns allowed). */
  public static ResultTable read(Path file, List<String> required) throws IOException {
    ResultTable t = new ResultTable(file);
    List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (text.isEmpty() || text.get(0).isBlank()) throw new CsvFormatException(file, 1, null, "no header line");
    String[] header = split(file, 1, text.get(0));
    for (int c = 0; c < header.length; c++) {
      String name = header[c].strip();
      if (c == 0 && name.startsWith("\uFEFF")) name = name.substring(1);
      if (t.columns.putIfAbsent(name, c) != null) throw new CsvFormatException(file, 1, name, "duplicate column");
    }
    for (String r : required) {
      if (!t.columns.containsKey(r)) {
        throw new CsvFormatException(file, 1, r, "missing column (expected " + String.join(",", required) + ")");
      }
    }
    for (int i = 1; i < text.size(); i++) {
      String line = text.get(i);
      if (line.isBlank()) continue;
      String[] fields = split(file, i + 1, line);
      if (fields.length != header.length) {
        throw new CsvFormatException(file, i + 1, null,
            "expected " + header.length + " fields as in the header, found " + fields.length);
      }
      t.rows.add(fields);
      t.lines.add(i + 1);
    }
    return t;
  }

  private static String[] split(Path file, int lineNo, String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cur.append(ch);
        }
      } else if (ch == '"' && cur.length() == 0) {
        quoted = true;
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    if (quoted) throw new CsvFormatException(file, lineNo, null, "unterminated quoted field");
    out.add(cur.toString());
    return out.toArray(String[]::new);
  }

  public Path file() {
    return file;
  }

  /** Number of records (the header excluded). */
  /** Whether the table has the column (required or not). */
  public boolean hasColumn(String column) {
    return columns.containsKey(column);
  }

  public int size() {
    return rows.size();
  }

  /** The 1-based line number of a record in the file. */
  public int line(int row) {
    return lines.get(row);
  }

  /** A non-empty text field. */
  public String text(int row, String column) {
    String v = raw(row, column).strip();
    if (v.isEmpty()) throw error(row, column, "empty");
    return v;
  }

  /** A number; an empty cell (or NaN) is a missing value and gives NaN. Infinite values are errors. */
  public double number(int row, String column) {
    String v = raw(row, column).strip();
    if (v.isEmpty() || v.equalsIgnoreCase("nan")) return Double.NaN;
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw error(row, column, "not a number: '" + v + "'");
    }
    if (Double.isInfinite(d)) throw error(row, column, "infinite value '" + v + "'");
    return d;
  }

  /** A number that must be present. */
  public double requiredNumber(int row, String column) {
    double d = number(row, column);
    if (Double.isNaN(d)) throw error(row, column, "missing value");
    return d;
  }

  /** A non-negative integer. */
  public int count(int row, String column) {
    String v = raw(row, column).strip();
    try {
      int n = Integer.parseInt(v);
      if (n < 0) throw error(row, column, "negative count " + n);
      return n;
    } catch (NumberFormatException e) {
      throw error(row, column, "not an integer: '" + v + "'");
    }
  }

  /** An error about one cell, naming the file, line and column. */
  public CsvFormatException error(int row, String column, String reason) {
    return new CsvFormatException(file, line(row), column, reason);
  }

  private String raw(int row, String column) {
    Integer c = columns.get(column);
    if (c == null) throw new CsvFormatException(file, 1, column, "missing column");
    return rows.get(row)[c];
  }
}
