package org.nasbowl.plots.figures;

import java.nio.file.Path;

/**
 * Where figures read from.
 *
 * @param results the results directory (regression/, nas/, interpret/, transfer/ under it)
 * @param golden a directory of the original implementation's golden values, or null for the copy embedded in the
 *     project
 */
public record FigureInputs(Path results, Path golden) {
  public FigureInputs {
    if (results == null) throw new IllegalArgumentException("results directory required");
  }
}
