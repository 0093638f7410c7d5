package org.nasbowl.experiments.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV table with a header row (plain or gzip-compressed by the {@code .gz} suffix), checking that
 * the required columns exist and every row has as many fields as the header. Typed getters report bad values
 * with the file, line and column.
 */
public final class CsvTable {
  private CsvTable() {}

  /** One data row; line numbers count the header as line 1. */
  public static final class Row {
    private final Path file;
    private final CSVRecord record;
    private final Map<String, Integer> columns;
    private final long line;

    Row(Path file, CSVRecord record, Map<String, Integer> columns, long line) {
      this.file = file;
      this.record = record;
      this.columns = columns;
      this.line = line;
    }

    public long line() {
      return line;
    }

    public Path file() {
      return file;
    }

    public boolean has(String column) {
      return columns.containsKey(column);
    }

    /** The raw text of a column; an error if it is empty. */
    public String text(String column) {
      String v = raw(column);
      if (v.isEmpty()) throw error(column, "empty value");
      return v;
    }

    /** The raw text, possibly empty. */
    public String raw(String column) {
      Integer i = columns.get(column);
      if (i == null) throw new IllegalArgumentException("no column " + column + " in " + file);
      return record.get(i).strip();
    }

    /** A finite number; NaN, infinities and non-numbers are errors. */
    public double number(String column) {
      String v = text(column);
      double d;
      try {
        d = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw error(column, "not a number: '" + v + "'");
      }
      if (!Double.isFinite(d)) throw error(column, "not a finite number: '" + v + "'");
      return d;
    }

    /** A finite number within [lo, hi]. */
    public double number(String column, double lo, double hi) {
      double d = number(column);
      if (d < lo || d > hi) throw error(column, "value " + d + " outside [" + lo + ", " + hi + "]");
      return d;
    }

    public long integer(String column) {
      String v = text(column);
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw error(column, "not an integer: '" + v + "'");
      }
    }

    public DataFormatException error(String column, String problem) {
      return DataFormatException.atLine(file, line, column, problem);
    }
  }

  /**
   * Reads every row of {@code file}, requiring {@code required} columns, and hands each to {@code sink}.
   *
   * @throws DataFormatException for a missing file, a missing column, a ragged row, or whatever the sink throws
   */
  public static void read(Path file, Collection<String> required, Consumer<Row> sink) {
    try (InputStream raw = open(file);
        Reader reader = new InputStreamReader(raw, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().get().parse(reader)) {
      Map<String, Integer> columns = null;
      int width = 0;
      for (CSVRecord record : parser) {
        long line = parser.getCurrentLineNumber();
        if (columns == null) {
          columns = new HashMap<>();
          for (int i = 0; i < record.size(); i++) columns.put(record.get(i).strip(), i);
          width = record.size();
          List<String> missing = new ArrayList<>();
          for (String c : required) if (!columns.containsKey(c)) missing.add(c);
          if (!missing.isEmpty()) {
            throw DataFormatException.atLine(file, 1, missing.get(0),
                "missing column(s) " + missing + "; header has " + columns.keySet());
          }
          continue;
        }
        if (record.size() == 1 && record.get(0).isBlank()) continue;
        if (record.size() != width) {
          throw DataFormatException.atLine(file, line, null,
              "row has " + record.size() + " fields, the header has " + width);
        }
        sink.accept(new Row(file, record, columns, line));
      }
      if (columns == null) throw new DataFormatException(file, "line", 0, null, "empty file, no header row");
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file, "line", 0, null, "file not found");
    } catch (IOException e) {
      throw new DataFormatException(file, "line", 0, null, "cannot read: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new DataFormatException(file, "line", 0, null, "cannot parse CSV: " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    if (file.getFileName().toString().endsWith(".gz")) return new GZIPInputStream(in, 1 << 16);
    return in;
  }
}
