package org.nasbowl.plots.graph;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;

/** A legend of ops: colour swatch and name, left to right, wrapped into rows of a maximum width. */
final class Legend {
  private Legend() {}

  static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final double SWATCH = 15;
  private static final double SWATCH_GAP = 6;
  private static final double ITEM_GAP = 18;
  static final double ROW = 22;

  private static double itemWidth(String op) {
    return SWATCH + SWATCH_GAP + Text.width(op, FONT);
  }

  /** {width, height} of the legend wrapped at {@code maxWidth}; {0, 0} without ops. */
  static double[] size(List<String> ops, double maxWidth) {
    return layout(null, ops, 0, 0, maxWidth);
  }

  /** Paints the legend with its top-left corner at (x, top). */
  static void paint(Graphics2D g, List<String> ops, double x, double top, double maxWidth) {
    layout(g, ops, x, top, maxWidth);
  }

  private static double[] layout(Graphics2D g, List<String> ops, double x0, double top, double maxWidth) {
    if (ops.isEmpty()) return new double[] {0, 0};
    double x = 0;
    double row = 0;
    double widest = 0;
    for (String op : ops) {
      double w = itemWidth(op);
      if (x > 0 && x + w > maxWidth) {
        x = 0;
        row++;
      }
      if (g != null) {
        double cy = top + row * ROW + ROW / 2;
        swatch(g, op, x0 + x, cy);
        g.setColor(Color.BLACK);
        Text.drawLeft(g, op, FONT, x0 + x + SWATCH + SWATCH_GAP, cy);
      }
      widest = Math.max(widest, x + w);
      x += w + ITEM_GAP;
    }
    return new double[] {widest, (row + 1) * ROW};
  }

  /** A small rounded square in the op's colours, vertically centred on {@code cy}. */
  static void swatch(Graphics2D g, String op, double x, double cy) {
    RoundRectangle2D sw = new RoundRectangle2D.Double(x, cy - SWATCH / 2, SWATCH, SWATCH, 5, 5);
    g.setColor(OpColours.fill(op));
    g.fill(sw);
    g.setColor(OpColours.outline(op));
    g.setStroke(new BasicStroke(1f));
    g.draw(sw);
  }
}
