package org.nasbowl.plots.graph;

/**
 * A motif label that is not of the form {@code op} or {@code op(child,child,...)}; the message and
 * {@link #position()} give the 1-based character position of the problem.
 */
public final class MalformedMotifException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String label;
  private final int position;

  MalformedMotifException(String label, int position, String problem) {
    super("malformed motif label '" + label + "': " + problem + " at position " + position + "\n  " + label + "\n  "
        + " ".repeat(Math.max(0, position - 1)) + "^");
    this.label = label;
    this.position = position;
  }

  /** The label that failed to parse. */
  public String label() {
    return label;
  }

  /** 1-based character position of the problem (label length + 1 for "unexpected end"). */
  public int position() {
    return position;
  }
}
