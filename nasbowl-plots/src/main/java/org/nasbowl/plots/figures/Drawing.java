package org.nasbowl.plots.figures;

import java.awt.Graphics2D;

/** A picture of a fixed size that paints itself onto any Graphics2D (a bitmap or a vector document). */
public interface Drawing {
  int width();

  int height();

  /** Paints the whole picture with its top-left corner at the origin. */
  void paint(Graphics2D g);
}
