package org.nasbowl.plots.graph;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.nasbowl.core.io.AtomicFiles;

/**
 * Something drawn with Java2D at a fixed size in pixels (1 px = 1 SVG user unit), exportable as PNG and SVG
 * from the same painting code. Files are written to a temporary file in the target's directory and then
 * renamed over the target, so a reader never sees a partial file.
 */
public interface Picture {
  /** Width in pixels at scale 1. */
  int width();

  /** Height in pixels at scale 1. */
  int height();

  /** Paints the whole picture, background included, into the rectangle (0, 0, width, height). */
  void paint(Graphics2D g);

  /** The default PNG resolution: twice the nominal size, so 14 px text stays sharp when scaled down. */
  double DEFAULT_PNG_SCALE = 2.0;

  /** A raster image at {@code scale} times the nominal size (ARGB, white background). */
  default BufferedImage toImage(double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("scale must be > 0, got " + scale);
    int w = Math.max(1, (int) Math.ceil(width() * scale));
    int h = Math.max(1, (int) Math.ceil(height() * scale));
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.scale(scale, scale);
      paint(g);
    } finally {
      g.dispose();
    }
    return img;
  }

  /** PNG at {@link #DEFAULT_PNG_SCALE}. */
  default void writePng(Path path) throws IOException {
    writePng(path, DEFAULT_PNG_SCALE);
  }

  /** PNG at {@code scale} times the nominal size. */
  default void writePng(Path path, double scale) throws IOException {
    BufferedImage img = toImage(scale);
    AtomicFiles.write(path, out -> {
      if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer available in ImageIO");
    });
  }

  /** The picture as an SVG document (text stays text). */
  default String toSvg() {
    VectorGraphics2D g = new VectorGraphics2D();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      paint(g);
    } finally {
      g.dispose();
    }
    Document doc = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height()));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      doc.writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String svg = bytes.toString(StandardCharsets.UTF_8);
    // Drop the SVG 1.1 DOCTYPE (deprecated, and it makes XML parsers fetch the DTD from the network).
    svg = svg.replaceFirst("<!DOCTYPE svg[^>]*>\\s*", "");
    return withGenericFonts(svg);
  }

  /**
   * Adds a generic family after the concrete font VectorGraphics2D names (e.g. {@code "DejaVu Sans"}), so a
   * viewer without that font falls back to a sans-serif (monospace) font instead of its default serif.
   */
  private static String withGenericFonts(String svg) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("font-family:((?:&quot;[^&]*&quot;|[^;&\"])+);").matcher(svg);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String family = m.group(1);
      String generic = family.toLowerCase(java.util.Locale.ROOT).contains("mono") ? "monospace" : "sans-serif";
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement("font-family:" + family + "," + generic + ";"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  default void writeSvg(Path path) throws IOException {
    String svg = toSvg();
    AtomicFiles.writeString(path, svg);
  }
}
