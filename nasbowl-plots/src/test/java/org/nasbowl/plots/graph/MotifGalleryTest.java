package org.nasbowl.plots.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotifGalleryTest {
  static final List<MotifGallery.Entry> GOOD = List.of(
      new MotifGallery.Entry("nor_conv_3x3(nor_conv_3x3(output))", 0.0123, 57),
      new MotifGallery.Entry("nor_conv_1x1(nor_conv_3x3,output)", 0.0098, 40),
      new MotifGallery.Entry("input(nor_conv_1x1(nor_conv_1x1),nor_conv_3x3(avg_pool_3x3,nor_conv_3x3),output)",
          0.0051, 12));
  static final List<MotifGallery.Entry> BAD = List.of(
      new MotifGallery.Entry("avg_pool_3x3(avg_pool_3x3)", -0.021, 66, 118),
      new MotifGallery.Entry("avg_pool_3x3(output)", -2e-4, 101, 119));

  @Test
  void writesPngAndSvgFromAPngPathOrAStem(@TempDir Path dir) throws Exception {
    List<Path> written = MotifGallery.write(dir.resolve("gallery.png"), "motifs", GOOD, BAD);
    assertEquals(List.of(dir.resolve("gallery.png"), dir.resolve("gallery.svg")), written);
    BufferedImage img = ImageIO.read(written.get(0).toFile());
    assertNotNull(img);
    assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
    List<String> texts = GraphPictureTest.svgTexts(Files.readString(written.get(1)));
    assertTrue(texts.contains("motifs"));
    assertTrue(texts.contains("good: highest AG"));
    assertTrue(texts.contains("bad: lowest AG"));
    assertTrue(texts.stream().anyMatch(t -> t.startsWith("#1 ") && t.contains("AG = +0.0123") && t.contains("57")),
        texts.toString());
    assertTrue(texts.stream().anyMatch(t -> t.startsWith("#119 ") && t.contains("-2.00e-04")), texts.toString());
    assertTrue(texts.contains("avg_pool_3x3(avg_pool_3x3)"));

    assertEquals(List.of(dir.resolve("g2.png"), dir.resolve("g2.svg")),
        MotifGallery.write(dir.resolve("g2"), null, GOOD, List.of()));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(4, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void sharesOneLegendAndTheOpColours() throws Exception {
    MotifGallery g = MotifGallery.of("t", GOOD, BAD);
    assertEquals(List.of("nor_conv_3x3", "nor_conv_1x1", "avg_pool_3x3", "input", "output"), g.ops());
    assertEquals(5, g.pictures().size());
    for (GraphPicture p : g.pictures()) {
      assertTrue(p.isMotif());
      assertTrue(!p.hasLegend());
    }
    // Legend entries appear once: each op name is a text exactly once in the legend besides the node boxes.
    List<String> texts = GraphPictureTest.svgTexts(g.toSvg());
    long nodeBoxes = g.pictures().stream().mapToLong(p -> p.graph().labels().stream()
        .filter("avg_pool_3x3"::equals).count()).sum();
    assertEquals(nodeBoxes + 1, texts.stream().filter("avg_pool_3x3"::equals).count());
  }

  @Test
  void rejectsAnEmptyGalleryAndMalformedLabels() {
    assertThrows(IllegalArgumentException.class, () -> MotifGallery.of("t", List.of(), List.of()));
    assertThrows(MalformedMotifException.class,
        () -> MotifGallery.of("t", List.of(new MotifGallery.Entry("a(b", 1, 1)), List.of()));
  }

  @Test
  void longLabelsWrapAtCommas() {
    List<String> lines = MotifGallery.wrap("input(nor_conv_1x1(nor_conv_1x1),nor_conv_3x3(avg_pool_3x3,"
        + "nor_conv_3x3),output)", 200);
    assertTrue(lines.size() > 1);
    assertEquals("input(nor_conv_1x1(nor_conv_1x1),nor_conv_3x3(avg_pool_3x3,nor_conv_3x3),output)",
        String.join("", lines));
  }

  @Test
  void scoresAreFormattedCompactly() {
    assertEquals("+0.0123", MotifGallery.formatScore(0.0123));
    assertEquals("-0.021", MotifGallery.formatScore(-0.021));
    assertEquals("-2.00e-04", MotifGallery.formatScore(-2e-4));
    assertEquals("+1.5", MotifGallery.formatScore(1.5));
  }
}
