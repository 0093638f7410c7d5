package org.nasbowl.plots.figures;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour, line style and legend label per method, surrogate, motif group and transfer variant, the same in
 * every figure. NAS-BOWL and its GP-WL surrogate are red; BANANAS and the MLP ensemble it uses are blue; the
 * path-encoding GP is purple both as a method and as a surrogate. Baselines without a model (random search,
 * evolution, local search) are dashed. The map's order is also the legend order.
 */
public final class Palette {
  /** How a series is drawn. */
  public record Style(Color color, boolean dashed, String label) {}

  private static final Map<String, Style> STYLES = new LinkedHashMap<>();

  private static void put(String id, int rgb, boolean dashed, String label) {
    STYLES.put(id, new Style(new Color(rgb), dashed, label));
  }

  static {
    // NAS methods and surrogates, in one legend order: methods read nasbowl-*, bananas-*, gp-path, evolution,
    // local, random; surrogates gp-wl, gp-wloa, gp-vh, gp-path, rf, gbt, mlp, gnn.
    put("nasbowl-m", 0xD62728, false, "nasbowl-m");
    put("nasbowl-r", 0xFF7F0E, false, "nasbowl-r");
    put("nasbowl-x", 0x8C564B, false, "nasbowl-x");
    put("bananas-m", 0x1F77B4, false, "bananas-m");
    put("bananas-r", 0x17BECF, false, "bananas-r");
    put("gp-wl", 0xD62728, false, "gp-wl");
    put("gp-wloa", 0xE377C2, false, "gp-wloa");
    put("gp-vh", 0xFF7F0E, false, "gp-vh");
    put("gp-path", 0x9467BD, false, "gp-path");
    put("rf", 0x2CA02C, false, "rf");
    put("gbt", 0x8C564B, false, "gbt");
    put("mlp", 0x1F77B4, false, "mlp");
    put("gnn", 0x17BECF, false, "gnn");
    put("evolution", 0x2CA02C, true, "evolution");
    put("local", 0xBCBD22, true, "local");
    put("random", 0x7F7F7F, true, "random");
    // Motif groups of the interpretability validation.
    put("good", 0x2CA02C, false, "with good motifs");
    put("all", 0x7F7F7F, false, "all architectures");
    put("bad", 0xD62728, false, "with bad motifs");
    // Budgets of the ablation figure.
    put("after-50", 0xFF7F0E, false, "after 50 queries");
    put("after-100", 0x2CA02C, false, "after 100 queries");
    put("after-160", 0x1F77B4, false, "after 160 queries");
    // Transfer variants.
    put("restricted", 0xD62728, false, "restricted by motifs (warm start)");
    put("mixed", 0xFF7F0E, false, "half the candidates restricted by motifs");
    put("restricted-small", 0x9467BD, false, "restricted, small initial design");
    put("unrestricted", 0x1F77B4, false, "unrestricted");
    put("unrestricted-small", 0x17BECF, true, "unrestricted, small initial design");
  }

  /** Colours for ids the palette does not know, chosen by a stable hash of the id. */
  private static final int[] OTHERS = {0x393B79, 0x637939, 0x8C6D31, 0x843C39, 0x7B4173, 0x3182BD, 0x31A354};

  /** The line colour of the reference measurements of the original implementation. */
  public static final Color REFERENCE = Color.BLACK;

  private Palette() {}

  public static Style style(String id) {
    Style s = STYLES.get(id);
    if (s != null) return s;
    return new Style(new Color(OTHERS[Math.floorMod(id.hashCode(), OTHERS.length)]), false, id);
  }

  public static Color color(String id) {
    return style(id).color();
  }

  /** The colour with an alpha for bands and fills. */
  public static Color translucent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /** Ids in legend order: the palette's order, then unknown ids alphabetically. */
  public static List<String> order(Collection<String> ids) {
    List<String> known = new ArrayList<>(STYLES.keySet());
    List<String> out = new ArrayList<>(ids.stream().distinct().toList());
    out.sort(Comparator.comparingInt((String id) -> known.contains(id) ? known.indexOf(id) : known.size())
        .thenComparing(Comparator.naturalOrder()));
    return out;
  }

  /** Benchmarks (panels) in the README's order, unknown ones after them alphabetically. */
  public static List<String> orderBenchmarks(Collection<String> ids) {
    List<String> known = List.of("nb201-cifar10", "nb201-cifar100", "nb201-imagenet16", "nb101-20k", "nb101-run0",
        "nb101", "darts", "synthetic");
    List<String> out = new ArrayList<>(ids.stream().distinct().toList());
    out.sort(Comparator.comparingInt((String id) -> known.contains(id) ? known.indexOf(id) : known.size())
        .thenComparing(Comparator.naturalOrder()));
    return out;
  }
}
