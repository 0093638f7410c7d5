package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaletteTest {
  private static final List<String> METHODS = List.of("nasbowl-m", "nasbowl-r", "nasbowl-x", "bananas-m",
      "bananas-r", "random", "evolution", "local", "gp-path");
  private static final List<String> SURROGATES = List.of("gp-wl", "gp-wloa", "gp-vh", "gp-path", "rf", "gbt", "mlp",
      "gnn");

  private static void distinct(List<String> ids) {
    Set<Color> seen = new HashSet<>();
    for (String id : ids) assertEquals(true, seen.add(Palette.color(id)), id + " shares a colour within " + ids);
  }

  @Test
  void idsThatAppearTogetherHaveDistinctColours() {
    distinct(METHODS);
    distinct(SURROGATES);
    distinct(List.of("good", "all", "bad"));
    distinct(List.of("restricted", "unrestricted"));
  }

  @Test
  void nasBowlAndItsSurrogateShareTheirColourAndUnknownIdsAreStable() {
    assertEquals(Palette.color("nasbowl-m"), Palette.color("gp-wl"));
    assertEquals(Palette.color("new-method"), Palette.color("new-method"));
    assertNotEquals(Palette.color("nasbowl-m"), Palette.color("random"));
    assertEquals(List.of("gp-wl", "gp-path", "rf", "zz"), Palette.order(List.of("zz", "rf", "gp-path", "gp-wl")));
    assertEquals(List.of("nasbowl-m", "gp-path", "random"), Palette.order(List.of("random", "gp-path", "nasbowl-m")));
  }
}
