package org.nasbowl.plots.graph;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One fixed colour per op, the same in every figure: the Okabe-Ito colour-blind-safe palette for the ops of
 * NAS-Bench-201, NAS-Bench-101 and DARTS (the same kind of op gets the same colour in every space: 3x3
 * convolutions blue, 1x1 convolutions sky blue, average pooling orange, max pooling yellow), greys for the
 * structural nodes (inputs, output, add), and a deterministic colour from a hash of the name for any other op.
 */
public final class OpColours {
  private OpColours() {}

  /** Default colour of highlighted nodes and edges (IBM's colour-blind-safe magenta, unlike any op fill). */
  public static final Color HIGHLIGHT = new Color(0xDC267F);

  /** Colour of ordinary edges. */
  public static final Color EDGE = new Color(0x4D4D4D);

  private static final Color BLUE = new Color(0x0072B2);
  private static final Color SKY_BLUE = new Color(0x56B4E9);
  private static final Color ORANGE = new Color(0xE69F00);
  private static final Color YELLOW = new Color(0xF0E442);
  private static final Color GREEN = new Color(0x009E73);
  private static final Color LIGHT_GREEN = new Color(0x80CEB9);
  private static final Color PURPLE = new Color(0xCC79A7);
  private static final Color VERMILLION = new Color(0xD55E00);
  private static final Color LAVENDER = new Color(0xB8A6D9);

  private static final Color INPUT_GREY = new Color(0xA8A8A8);
  private static final Color OUTPUT_GREY = new Color(0xD0D0D0);
  private static final Color ADD_GREY = new Color(0xEDEDED);

  private static final Pattern DARTS_INPUT = Pattern.compile("c_\\{k-\\d+\\}");

  /** Known ops in legend order: operations first, structural nodes last. */
  private static final Map<String, Color> KNOWN;

  private static final Set<String> NEUTRAL = Set.of("input", "input1", "input2", "output", "add", "c_{k-2}",
      "c_{k-1}");

  static {
    Map<String, Color> m = new LinkedHashMap<>();
    // NAS-Bench-201 (ReLU-conv-BN; skip_connect is bypassed and none deleted in the graphs).
    m.put("nor_conv_3x3", BLUE);
    m.put("nor_conv_1x1", SKY_BLUE);
    m.put("avg_pool_3x3", ORANGE); // also DARTS
    // NAS-Bench-101 (conv-BN-ReLU).
    m.put("conv3x3-bn-relu", BLUE);
    m.put("conv1x1-bn-relu", SKY_BLUE);
    m.put("maxpool3x3", YELLOW);
    // DARTS / NAS-Bench-301.
    m.put("max_pool_3x3", YELLOW);
    m.put("sep_conv_3x3", GREEN);
    m.put("sep_conv_5x5", LIGHT_GREEN);
    m.put("dil_conv_3x3", PURPLE);
    m.put("dil_conv_5x5", VERMILLION);
    m.put("skip_connect", LAVENDER);
    m.put("none", new Color(0xF7F7F7));
    // Structural nodes.
    m.put("input", INPUT_GREY);
    m.put("input1", INPUT_GREY);
    m.put("input2", INPUT_GREY);
    m.put("c_{k-2}", INPUT_GREY);
    m.put("c_{k-1}", INPUT_GREY);
    m.put("add", ADD_GREY);
    m.put("output", OUTPUT_GREY);
    KNOWN = Collections.unmodifiableMap(m);
  }

  private static final List<String> KNOWN_ORDER = List.copyOf(KNOWN.keySet());

  /** The fixed colours of the known ops, in legend order (immutable). */
  public static Map<String, Color> known() {
    return KNOWN;
  }

  public static boolean isKnown(String op) {
    return KNOWN.containsKey(op);
  }

  /** Structural nodes drawn in grey: inputs (also DARTS {@code c_{k-j}}), output and add. */
  public static boolean isNeutral(String op) {
    return NEUTRAL.contains(op) || DARTS_INPUT.matcher(op).matches();
  }

  /** The fill colour of an op's box. */
  public static Color fill(String op) {
    Color c = KNOWN.get(op);
    if (c != null) return c;
    if (DARTS_INPUT.matcher(op).matches()) return INPUT_GREY;
    return hashed(op);
  }

  /** Black or white, whichever contrasts more with {@link #fill(String)} (WCAG contrast ratio). */
  public static Color text(String op) {
    return readableOn(fill(op));
  }

  /** Thin outline of an op's box: its fill colour darkened. */
  public static Color outline(String op) {
    return blend(fill(op), Color.BLACK, 0.45);
  }

  /** Black or white, whichever has the higher WCAG contrast ratio against {@code background}. */
  public static Color readableOn(Color background) {
    double l = luminance(background);
    double black = (l + 0.05) / 0.05;
    double white = 1.05 / (l + 0.05);
    return black >= white ? Color.BLACK : Color.WHITE;
  }

  /** WCAG relative luminance in [0, 1]. */
  static double luminance(Color c) {
    return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
  }

  private static double linear(int channel) {
    double s = channel / 255.0;
    return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  }

  static Color blend(Color a, Color b, double t) {
    return new Color((int) Math.round(a.getRed() * (1 - t) + b.getRed() * t),
        (int) Math.round(a.getGreen() * (1 - t) + b.getGreen() * t),
        (int) Math.round(a.getBlue() * (1 - t) + b.getBlue() * t));
  }

  /** A muted colour from the FNV-1a hash of the op's UTF-8 bytes: the same in every run and JVM. */
  private static Color hashed(String op) {
    int h = 0x811C9DC5;
    for (byte b : op.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x01000193;
    }
    float hue = (h & 0xFFFF) / 65536f;
    float sat = 0.35f + ((h >>> 16) & 0xFF) / 255f * 0.25f;
    float bri = 0.78f + ((h >>> 24) & 0xFF) / 255f * 0.16f;
    return new Color(Color.HSBtoRGB(hue, sat, bri));
  }

  /** {@code #RRGGBB}, upper case (the form used in DOT and SVG). */
  public static String hex(Color c) {
    return String.format(Locale.ROOT, "#%02X%02X%02X", c.getRed(), c.getGreen(), c.getBlue());
  }

  /** Legend order: known operations in palette order, then unknown ops alphabetically, structural nodes last. */
  public static final Comparator<String> LEGEND_ORDER = Comparator.comparingInt(OpColours::legendGroup)
      .thenComparingInt(op -> {
        int i = KNOWN_ORDER.indexOf(op);
        return i < 0 ? Integer.MAX_VALUE : i;
      })
      .thenComparing(Comparator.naturalOrder());

  private static int legendGroup(String op) {
    if (isNeutral(op)) return 2;
    return KNOWN.containsKey(op) ? 0 : 1;
  }
}
