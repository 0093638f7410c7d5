package org.nasbowl.plots.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.darts.DartsCellEncoder;
import org.nasbowl.core.space.darts.DartsNotation;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.space.nb101.Nb101Space;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class GraphPictureTest {
  static final String CELL = "|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|"
      + "nor_conv_1x1~2|";
  static final String MOTIF = "nor_conv_3x3(avg_pool_3x3(nor_conv_1x1),nor_conv_3x3(output))";

  static LabelledDag cell() {
    return MotifTreeTest.nb201(CELL);
  }

  /** A variety of graphs: NB201 cells, NB101 samples, DARTS cells, motif trees. */
  static List<LabelledDag> graphs() {
    List<LabelledDag> out = new ArrayList<>();
    for (int ordinal = 0; ordinal < Nb201Space.SIZE; ordinal += 97) {
      out.add(Nb201Space.encodeCell(Nb201Cell.fromOrdinal(ordinal)));
    }
    Random rng = new Random(3);
    Nb101Space nb101 = new Nb101Space();
    for (int i = 0; i < 60; i++) out.add(nb101.encode(nb101.sample(rng)).get(0));
    DartsSpace darts = new DartsSpace();
    for (int i = 0; i < 20; i++) out.addAll(darts.encode(darts.sample(rng)));
    out.add(DartsCellEncoder.encode(DartsNotation.parse(MotifTreeTest.DARTS).normal()));
    out.add(MotifTree.parse("input(nor_conv_1x1(nor_conv_1x1),nor_conv_3x3(avg_pool_3x3,nor_conv_3x3),output)")
        .toDag());
    return out;
  }

  @Test
  void layoutSendsEveryEdgeToAHigherLayerAndBoxesDoNotOverlap() {
    for (LabelledDag g : graphs()) {
      GraphPicture p = GraphPicture.architecture(g);
      int[] layer = p.layers();
      for (int[] e : g.edges()) {
        assertTrue(layer[e[0]] < layer[e[1]], g + ": edge " + e[0] + "->" + e[1]);
      }
      for (int v = 0; v < g.size(); v++) {
        if (g.inDegree(v) == 0) assertEquals(0, layer[v], g + ": source " + v);
        Rectangle2D a = p.nodeBox(v);
        assertTrue(a.getMinX() >= 0 && a.getMinY() >= 0 && a.getMaxX() <= p.width() && a.getMaxY() <= p.height(),
            g + ": box of " + v + " leaves the picture");
        assertTrue(Text.width(g.label(v), GraphPicture.NODE_FONT) < a.getWidth(), "label fits its box");
        for (int u = 0; u < v; u++) {
          assertFalse(a.intersects(p.nodeBox(u)), g + ": boxes of " + u + " and " + v + " overlap");
        }
      }
    }
  }

  @Test
  void motifTreesAreDrawnWithoutCrossingsRootFirst() {
    GraphPicture p = GraphPicture.motif("input(nor_conv_1x1(nor_conv_1x1),nor_conv_3x3(avg_pool_3x3,"
        + "nor_conv_3x3),output)");
    assertTrue(p.isMotif());
    assertEquals(0, p.crossings());
    int[] layer = p.layers();
    assertEquals(0, layer[0]);
    for (int v = 1; v < layer.length; v++) assertTrue(layer[v] > 0);
    // Root to the left of its successors: the same direction as architectures.
    assertTrue(p.nodeBox(0).getMaxX() < p.nodeBox(1).getMinX());
  }

  @Test
  void pngDecodes(@TempDir Path dir) throws Exception {
    GraphPicture p = GraphPicture.architecture(cell()).withTitle("a cell");
    Path png = dir.resolve("cell.png");
    p.writePng(png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img);
    assertEquals((int) Math.ceil(p.width() * Picture.DEFAULT_PNG_SCALE), img.getWidth());
    assertEquals((int) Math.ceil(p.height() * Picture.DEFAULT_PNG_SCALE), img.getHeight());
    p.writePng(png, 1.0); // overwrite in place
    img = ImageIO.read(png.toFile());
    assertEquals(p.width(), img.getWidth());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(png), files.toList(), "no temporary files left behind");
    }
  }

  @Test
  void svgIsXmlWithOneTextPerNode(@TempDir Path dir) throws Exception {
    LabelledDag g = cell();
    GraphPicture p = GraphPicture.architecture(g).withLegend(false);
    Path svg = dir.resolve("cell.svg");
    p.writeSvg(svg);
    List<String> texts = svgTexts(Files.readString(svg));
    List<String> expected = new ArrayList<>(g.labels());
    assertEquals(sorted(expected), sorted(texts));

    // With a title and legend: one more text for the title and one per distinct op.
    GraphPicture q = GraphPicture.architecture(g).withTitle("the title");
    List<String> all = svgTexts(q.toSvg());
    assertEquals(g.size() + 1 + q.ops().size(), all.size());
    assertTrue(all.contains("the title"));
    for (String op : g.labels()) assertTrue(all.contains(op), op);
  }

  static List<String> svgTexts(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertEquals("svg", doc.getDocumentElement().getLocalName());
    NodeList nodes = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
    return out;
  }

  private static List<String> sorted(List<String> l) {
    List<String> c = new ArrayList<>(l);
    c.sort(null);
    return c;
  }

  private static final Pattern NODE_LINE = Pattern.compile("^\\s*n(\\d+) \\[label=\"([^\"]*)\", fillcolor=\"(#[0-9A-F]{6})\"(.*)\\];$");
  private static final Pattern EDGE_LINE = Pattern.compile("^\\s*n(\\d+) -> n(\\d+)(.*);$");

  @Test
  void dotHasOneLinePerNodeAndEdgeWithColours() {
    LabelledDag g = cell();
    MotifTree.Occurrence occ = MotifTree.occurrences(g, MOTIF).get(0);
    GraphPicture p = GraphPicture.architecture(g, occ).withTitle("with \"quotes\"");
    String dot = p.toDot();
    assertTrue(dot.startsWith("digraph "));
    assertTrue(dot.contains("rankdir=LR"));
    assertTrue(dot.contains("label=\"with \\\"quotes\\\"\""));
    int nodes = 0;
    int edges = 0;
    String hl = OpColours.hex(OpColours.HIGHLIGHT);
    for (String line : dot.split("\n")) {
      Matcher m = NODE_LINE.matcher(line);
      if (m.matches()) {
        nodes++;
        int v = Integer.parseInt(m.group(1));
        assertEquals(g.label(v), m.group(2));
        assertEquals(OpColours.hex(OpColours.fill(g.label(v))), m.group(3));
        assertEquals(occ.nodes().contains(v), m.group(4).contains("color=\"" + hl + "\", penwidth="), line);
        continue;
      }
      Matcher e = EDGE_LINE.matcher(line);
      if (e.matches()) {
        edges++;
        Edge edge = new Edge(Integer.parseInt(e.group(1)), Integer.parseInt(e.group(2)));
        assertTrue(g.hasEdge(edge.from(), edge.to()));
        assertEquals(occ.edges().contains(edge), e.group(3).contains("color=\"" + hl + "\", penwidth="), line);
      }
    }
    assertEquals(g.size(), nodes);
    assertEquals(g.edgeCount(), edges);
  }

  @Test
  void writeDotWritesTheSameText(@TempDir Path dir) throws Exception {
    GraphPicture p = GraphPicture.motif("nor_conv_1x1(nor_conv_3x3(output))");
    Path dot = dir.resolve("sub/m.dot");
    p.writeDot(dot);
    assertEquals(p.toDot(), Files.readString(dot));
  }

  @Test
  void theSameOpHasTheSameColourInDifferentPictures() {
    GraphPicture arch = GraphPicture.architecture(cell());
    GraphPicture motif = GraphPicture.motif("nor_conv_1x1(nor_conv_3x3(output))").withTitle("m");
    Map<String, Integer> seen = new HashMap<>();
    for (GraphPicture p : List.of(arch, motif)) {
      BufferedImage img = p.toImage(1.0);
      for (int v = 0; v < p.graph().size(); v++) {
        Rectangle2D b = p.nodeBox(v);
        // Inside the box, left of the centred text.
        int rgb = img.getRGB((int) Math.round(b.getX() + 5), (int) Math.round(b.getCenterY())) & 0xFFFFFF;
        String op = p.graph().label(v);
        assertEquals(OpColours.fill(op).getRGB() & 0xFFFFFF, rgb, op + " in " + p);
        Integer before = seen.putIfAbsent(op, rgb);
        if (before != null) assertEquals(before, rgb, op);
      }
    }
    assertTrue(seen.containsKey("nor_conv_1x1") && seen.containsKey("output"));
    // And in DOT.
    assertTrue(motif.toDot().contains("fillcolor=\"" + OpColours.hex(OpColours.fill("nor_conv_3x3")) + "\""));
    assertTrue(arch.toDot().contains("fillcolor=\"" + OpColours.hex(OpColours.fill("nor_conv_3x3")) + "\""));
  }

  @Test
  void highlightsAreValidatedAndMerged() {
    LabelledDag g = cell();
    assertThrows(IllegalArgumentException.class,
        () -> GraphPicture.architecture(g, Map.of(99, Color.RED), Map.of()));
    assertThrows(IllegalArgumentException.class,
        () -> GraphPicture.architecture(g, Map.of(), Map.of(new Edge(6, 0), Color.RED)));
    MotifTree.Occurrence occ = MotifTree.occurrences(g, MOTIF).get(0);
    GraphPicture p = GraphPicture.architecture(g).withHighlight(occ, Color.BLUE);
    assertEquals(occ.nodes(), p.nodeHighlights().keySet());
    assertEquals(occ.edges(), p.edgeHighlights().keySet());
    assertEquals(Color.BLUE, p.nodeHighlights().get(occ.root()));
  }

  @Test
  void disconnectedAndTinyGraphsDraw() throws Exception {
    LabelledDag bare = Nb201Space.encodeCell(Nb201Cell.of("none", "none", "none", "none", "none", "none"));
    GraphPicture p = GraphPicture.architecture(bare);
    assertEquals(2, bare.size());
    assertTrue(p.width() > 0 && p.height() > 0);
    assertEquals(2, svgTexts(p.withLegend(false).toSvg()).size());
    GraphPicture leaf = GraphPicture.motif("avg_pool_3x3");
    assertEquals(1, leaf.graph().size());
    assertNotNull(leaf.toImage(1));
  }
}
