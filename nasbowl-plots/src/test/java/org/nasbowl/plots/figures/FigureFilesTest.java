package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class FigureFilesTest {
  @Test
  void pngDecodesAtTheFiguresSizeAndSvgIsOneSvgDocument(@TempDir Path tmp) throws Exception {
    PanelFigure f = NasRegretFigure.build(NasRegretFigure.read(Fixtures.results().resolve(NasRegretFigure.FILE),
        false), false);
    List<Path> files = FigureFiles.write(f, tmp.resolve("figs"), "nas_regret");
    assertEquals(List.of(tmp.resolve("figs/nas_regret.png"), tmp.resolve("figs/nas_regret.svg")), files);

    BufferedImage img = ImageIO.read(files.get(0).toFile());
    assertNotNull(img, "PNG decodes");
    assertEquals(f.width(), img.getWidth());
    assertEquals(f.height(), img.getHeight());
    // Two panels side by side, each 560 px wide, plus margins.
    assertEquals(2 * PanelCharts.PANEL_WIDTH + 32, f.width());

    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document svg = dbf.newDocumentBuilder().parse(files.get(1).toFile());
    assertEquals("svg", svg.getDocumentElement().getNodeName());
    assertTrue(svg.getElementsByTagName("path").getLength() > 0, "panels are painted into the one SVG");
    assertTrue(Files.readString(files.get(1)).contains(f.title()), "the figure title is SVG text");

    try (var left = Files.list(tmp.resolve("figs"))) {
      assertEquals(2, left.count(), "no temporary files left behind");
    }
  }
}
