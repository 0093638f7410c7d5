package org.nasbowl.plots.figures;

import java.nio.file.Path;

/** A result file that cannot be read: names the file, the 1-based line and, where known, the column. */
public final class CsvFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final int line;
  private final String column;

  public CsvFormatException(Path file, int line, String column, String reason) {
    super(file + ", line " + line + (column == null ? "" : ", column '" + column + "'") + ": " + reason);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public Path file() {
    return file;
  }

  public int line() {
    return line;
  }

  /** The column's name, or null when the whole line is wrong. */
  public String column() {
    return column;
  }
}
