package org.nasbowl.plots.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.darts.DartsCellEncoder;
import org.nasbowl.core.space.darts.DartsNotation;
import org.nasbowl.core.space.nb101.Nb101Space;

/**
 * Renders the example figures (an NB201 cell with a highlighted motif, a depth-2 motif, a gallery, an NB101
 * and a DARTS cell) into a temporary directory, or into {@code $NASBOWL_PICS} when that is set, for looking at.
 */
class ExampleFiguresTest {
  @Test
  void rendersTheExamples(@TempDir Path tmp) throws Exception {
    String env = System.getenv("NASBOWL_PICS");
    Path out = env == null || env.isBlank() ? tmp : Path.of(env);

    LabelledDag nb201 = GraphPictureTest.cell();
    MotifTree.Occurrence occ = MotifTree.occurrences(nb201, GraphPictureTest.MOTIF).get(0);
    GraphPicture cell = GraphPicture.architecture(nb201, occ).withTitle("NB201 cell, motif " + GraphPictureTest.MOTIF);
    cell.writePng(out.resolve("nb201-cell.png"));
    cell.writeSvg(out.resolve("nb201-cell.svg"));
    cell.writeDot(out.resolve("nb201-cell.dot"));

    GraphPicture motif = GraphPicture.motif("nor_conv_1x1(nor_conv_3x3(output))").withTitle("a depth-2 motif");
    motif.writePng(out.resolve("motif-depth2.png"));
    motif.writeSvg(out.resolve("motif-depth2.svg"));

    MotifGallery.write(out.resolve("gallery.png"), "NAS-Bench-201: motifs by average gradient",
        MotifGalleryTest.GOOD, MotifGalleryTest.BAD);

    Nb101Space space = new Nb101Space();
    LabelledDag nb101 = space.encode(space.parse("0111000000011000001000000010000000100000010000000|input;"
        + "conv3x3-bn-relu;conv1x1-bn-relu;maxpool3x3;conv3x3-bn-relu;conv3x3-bn-relu;output")).get(0);
    GraphPicture p101 = GraphPicture.architecture(nb101).withTitle("NB101 cell");
    p101.writePng(out.resolve("nb101-cell.png"));
    p101.writeSvg(out.resolve("nb101-cell.svg"));

    LabelledDag darts = DartsCellEncoder.encode(DartsNotation.parse(MotifTreeTest.DARTS).normal());
    GraphPicture pd = GraphPicture.architecture(darts).withTitle("DARTS normal cell");
    pd.writePng(out.resolve("darts-normal.png"));
    pd.writeSvg(out.resolve("darts-normal.svg"));

    for (String name : List.of("nb201-cell.png", "nb201-cell.svg", "nb201-cell.dot", "motif-depth2.png",
        "gallery.png", "gallery.svg", "nb101-cell.png", "darts-normal.png")) {
      assertTrue(Files.size(out.resolve(name)) > 0, name);
    }
    assertEquals(0, GraphPicture.motif("nor_conv_1x1(nor_conv_3x3(output))").crossings());
  }
}
