package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A figure drawn from one result file (or folder) below the results directory: the name and that input are fixed
 * at construction, and the subclass draws from the resolved path (and, for optional extra inputs such as the
 * golden values, from {@link FigureInputs}, noting what it leaves out).
 */
public abstract class SingleInputFigure implements FigureSpec {
  private final String name;
  private final String input;

  /**
   * @param name the file name stem (NAME.png, NAME.svg)
   * @param input the input's path relative to the results directory, e.g. {@code nas/curves.csv}
   */
  protected SingleInputFigure(String name, String input) {
    this.name = name;
    this.input = input;
  }

  @Override
  public final String name() {
    return name;
  }

  /** The required input, resolved against the results directory. */
  protected final Path input(FigureInputs in) {
    return in.results().resolve(input);
  }

  @Override
  public final List<Path> inputs(FigureInputs in) {
    return List.of(input(in));
  }

  @Override
  public final Drawing build(FigureInputs in, Consumer<String> notes) throws IOException {
    return draw(input(in), in, notes);
  }

  /**
   * Reads the input and builds the picture, writing nothing.
   *
   * @param notes receives one line per optional input that was missing or ignored
   */
  protected abstract Drawing draw(Path input, FigureInputs in, Consumer<String> notes) throws IOException;
}
