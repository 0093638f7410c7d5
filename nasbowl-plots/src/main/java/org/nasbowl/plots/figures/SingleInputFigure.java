package org.nasbowl.plots.figures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A figure drawn from one result file (or folder) below the results directory: its name, that input and how it
 * is drawn from the resolved path (and, for optional extra inputs such as the golden values, from
 * {@link FigureInputs}, noting what it leaves out) are fixed at construction.
 */
public abstract class SingleInputFigure implements FigureSpec {
  /** Draws a figure from its resolved input. */
  @FunctionalInterface
  public interface Drawer {
    /**
     * Reads the input and builds the picture, writing nothing.
     *
     * @param notes receives one line per optional input that was missing or ignored
     */
    Drawing draw(Path input, FigureInputs in, Consumer<String> notes) throws IOException;
  }

  private final String name;
  private final String input;
  private final Drawer drawer;

  /**
   * @param name the file name stem (NAME.png, NAME.svg)
   * @param input the input's path relative to the results directory, e.g. {@code nas/curves.csv}
   */
  protected SingleInputFigure(String name, String input, Drawer drawer) {
    this.name = name;
    this.input = input;
    this.drawer = drawer;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<Path> inputs(FigureInputs in) {
    return List.of(in.results().resolve(input));
  }

  @Override
  public final Drawing build(FigureInputs in, Consumer<String> notes) throws IOException {
    return drawer.draw(in.results().resolve(input), in, notes);
  }
}
