package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** One named figure: the result files it needs and how it is drawn from them. */
public interface FigureSpec {
  /** The file name stem (NAME.png, NAME.svg). */
  String name();

  /** The result files the figure cannot do without; when one is missing the figure is skipped. */
  List<Path> inputs(FigureInputs in);

  /**
   * Reads the inputs and builds the picture, writing nothing.
   *
   * @param notes receives one line per optional input that was missing or ignored
   * @throws CsvFormatException if an input is malformed
   */
  Drawing build(FigureInputs in, Consumer<String> notes) throws IOException;
}
