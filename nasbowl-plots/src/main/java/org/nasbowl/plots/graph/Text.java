package org.nasbowl.plots.graph;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;

/** Text measurement with a fixed, device-independent context, so layouts are the same for PNG and SVG. */
final class Text {
  private Text() {}

  static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  static double width(String s, Font f) {
    return f.getStringBounds(s, FRC).getWidth();
  }

  /** Ascent plus descent. */
  static double height(Font f) {
    LineMetrics m = f.getLineMetrics("Xg", FRC);
    return m.getAscent() + m.getDescent();
  }

  /** Baseline that centres capitals and lower case visually on {@code cy}. */
  private static double baseline(Font f, double cy) {
    LineMetrics m = f.getLineMetrics("Xg", FRC);
    return cy + (m.getAscent() - m.getDescent()) / 2 - 0.5;
  }

  static void drawCentred(Graphics2D g, String s, Font f, double cx, double cy) {
    g.setFont(f);
    g.drawString(s, (float) (cx - width(s, f) / 2), (float) baseline(f, cy));
  }

  static void drawLeft(Graphics2D g, String s, Font f, double x, double cy) {
    g.setFont(f);
    g.drawString(s, (float) x, (float) baseline(f, cy));
  }
}
