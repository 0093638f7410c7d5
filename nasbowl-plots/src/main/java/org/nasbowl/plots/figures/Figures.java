package org.nasbowl.plots.figures;

import java.util.List;
import java.util.Optional;

/**
 * The reproduction's figures by name, in the order {@code nasbowl plots} produces them; {@link #spec} gives how
 * to draw each.
 */
public final class Figures {
  public static final String MOTIF_GALLERY = "motif_gallery";

  /** Every figure name (file stem of NAME.png and NAME.svg). */
  public static final List<String> NAMES = List.of(RegressionFigure.NAME, NasRegretFigure.NAME,
      NasRegretFigure.ORACLE_NAME, NasRegretFigure.VALID_NAME, NasCostFigure.NAME, InterpretFigure.NAME, MOTIF_GALLERY, TransferFigure.NAME,
      AblationFigure.NAME, NoisyFigures.NOISY_NAME, NoisyFigures.FAILURES_NAME);

  private Figures() {}

  /** How to draw a figure, or empty if no renderer is registered for it; unknown names are an error. */
  public static Optional<FigureSpec> spec(String name) {
    return Optional.ofNullable(switch (name) {
      case RegressionFigure.NAME -> new RegressionFigure();
      case NasRegretFigure.NAME -> new NasRegretFigure(false);
      case NasRegretFigure.ORACLE_NAME -> new NasRegretFigure(true);
      case NasRegretFigure.VALID_NAME -> new NasRegretFigure(NasRegretFigure.Kind.VALID);
      case NasCostFigure.NAME -> new NasCostFigure();
      case InterpretFigure.NAME -> new InterpretFigure();
      case TransferFigure.NAME -> new TransferFigure();
      case AblationFigure.NAME -> new AblationFigure();
      case MOTIF_GALLERY -> new MotifGalleryFigure();
      case NoisyFigures.NOISY_NAME -> NoisyFigures.noisy();
      case NoisyFigures.FAILURES_NAME -> NoisyFigures.failures();
      default -> throw new IllegalArgumentException("unknown figure '" + name + "'; known: " + String.join(", ", NAMES));
    });
  }
}
