package org.nasbowl.plots.figures;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.nasbowl.core.io.AtomicFiles;

/**
 * Writes a drawing as NAME.png (a bitmap painted by Java2D, as XChart's BitmapEncoder does) and NAME.svg (the
 * same painting recorded by VectorGraphics2D, the library behind XChart's VectorGraphicsEncoder, so the whole
 * figure is one SVG). Each file is written atomically.
 */
public final class FigureFiles {
  private FigureFiles() {}

  /** Writes both files; returns their paths (PNG, then SVG). */
  public static List<Path> write(Drawing d, Path dir, String name) throws IOException {
    Path png = dir.resolve(name + ".png");
    Path svg = dir.resolve(name + ".svg");
    writePng(d, png);
    writeSvg(d, svg);
    return List.of(png, svg);
  }

  public static BufferedImage toImage(Drawing d) {
    BufferedImage img = new BufferedImage(d.width(), d.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, d.width(), d.height());
      d.paint(g);
    } finally {
      g.dispose();
    }
    return img;
  }

  public static void writePng(Drawing d, Path target) throws IOException {
    BufferedImage img = toImage(d);
    AtomicFiles.write(target, out -> {
      if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer in this Java runtime");
    });
  }

  /** The figure as an SVG document, text as text. */
  public static String toSvg(Drawing d) {
    VectorGraphics2D g = new VectorGraphics2D();
    d.paint(g);
    g.dispose();
    var doc = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, d.width(), d.height()));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      doc.writeTo(out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  public static void writeSvg(Drawing d, Path target) throws IOException {
    VectorGraphics2D g = new VectorGraphics2D();
    d.paint(g);
    g.dispose();
    var doc = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, d.width(), d.height()));
    AtomicFiles.write(target, doc::writeTo);
  }
}
