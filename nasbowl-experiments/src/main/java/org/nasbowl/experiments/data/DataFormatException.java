package org.nasbowl.experiments.data;

import java.nio.file.Path;

/**
 * Malformed input data: the message names the file, the line (or record) and the field, so that a user can
 * find and fix the problem. Line and record numbers are 1-based; 0 means "not applicable".
 */
public class DataFormatException extends RuntimeException {
  private final Path file;
  private final long location;
  private final String field;

  /**
   * @param file the input file
   * @param locationKind "line" or "record"
   * @param location 1-based line or record number, 0 if the problem concerns the whole file
   * @param field the column or field name, or null
   * @param problem what is wrong
   */
  public DataFormatException(Path file, String locationKind, long location, String field, String problem) {
    super(describe(file, locationKind, location, field, problem));
    this.file = file;
    this.location = location;
    this.field = field;
  }

  public DataFormatException(Path file, String locationKind, long location, String field, String problem,
      Throwable cause) {
    this(file, locationKind, location, field, problem);
    initCause(cause);
  }

  /** Convenience for text files: a 1-based line number. */
  public static DataFormatException atLine(Path file, long line, String field, String problem) {
    return new DataFormatException(file, "line", line, field, problem);
  }

  private static String describe(Path file, String kind, long location, String field, String problem) {
    StringBuilder sb = new StringBuilder().append(file);
    if (location > 0) sb.append(", ").append(kind).append(' ').append(location);
    if (field != null) sb.append(", field '").append(field).append('\'');
    return sb.append(": ").append(problem).toString();
  }

  public Path file() {
    return file;
  }

  public long location() {
    return location;
  }

  public String field() {
    return field;
  }
}
