package org.nasbowl.core.space.darts;

import java.util.List;
import java.util.Optional;

/**
 * The seven candidate operations of the NAS-Bench-301 (DARTS) space, in the order of the NB301 configuration
 * space. The DARTS search phase also has {@code none}; it never appears in a derived genotype and NB301 does
 * not offer it, so it is not an op of this space.
 */
public enum DartsOp {
  MAX_POOL_3X3("max_pool_3x3"),
  AVG_POOL_3X3("avg_pool_3x3"),
  SKIP_CONNECT("skip_connect"),
  SEP_CONV_3X3("sep_conv_3x3"),
  SEP_CONV_5X5("sep_conv_5x5"),
  DIL_CONV_3X3("dil_conv_3x3"),
  DIL_CONV_5X5("dil_conv_5x5");

  private static final List<DartsOp> ALL = List.of(values());

  private final String notation;

  DartsOp(String notation) {
    this.notation = notation;
  }

  /** The op's name in DARTS genotypes and NB301 configurations, e.g. {@code sep_conv_3x3}. */
  public String notation() {
    return notation;
  }

  /** The op with this DARTS name, if any (exact, case-sensitive match). */
  public static Optional<DartsOp> fromNotation(String name) {
    for (DartsOp op : ALL) {
      if (op.notation.equals(name)) return Optional.of(op);
    }
    return Optional.empty();
  }

  /** All ops in a fixed order (an immutable list). */
  public static List<DartsOp> all() {
    return ALL;
  }

  /** The DARTS names of all ops, comma separated, for error messages. */
  static String namesForMessages() {
    StringBuilder sb = new StringBuilder();
    for (DartsOp op : ALL) {
      if (sb.length() > 0) sb.append(", ");
      sb.append(op.notation);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return notation;
  }
}
