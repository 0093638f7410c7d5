package org.nasbowl.experiments.external;

import java.util.List;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.space.nb101.Nb101Space;
import org.nasbowl.core.space.nb201.Nb201Space;

/** The search spaces a user's own objective can be searched in, by name. */
public final class UserSpaces {
  private UserSpaces() {}

  public static final List<String> NAMES = List.of("nb201", "nb101", "darts");

  public static SearchSpace<?> byName(String name) {
    return switch (name) {
      case "nb201" -> new Nb201Space();
      case "nb101" -> new Nb101Space();
      case "darts" -> new DartsSpace();
      default -> throw new IllegalArgumentException("unknown space '" + name + "'; use nb201, nb101 or darts");
    };
  }
}
