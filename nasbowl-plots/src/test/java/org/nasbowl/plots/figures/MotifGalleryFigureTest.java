package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.plots.graph.MotifGallery;

class MotifGalleryFigureTest {
  private static void ranking(Path file, String... motifs) throws Exception {
    Files.createDirectories(file.getParent());
    StringBuilder sb = new StringBuilder("rank,motif,depth,cell,average_gradient,occurrences,mean_accuracy\n");
    for (int i = 0; i < motifs.length; i++) {
      sb.append(i + 1).append(",\"").append(motifs[i]).append("\",1,0,").append(0.1 - 0.02 * i).append(",12,0.8\n");
    }
    Files.writeString(file, sb);
  }

  @Test
  void oneGalleryPerBenchmarkFromItsLowestSeedWithThreeMotifsAtEachEnd(@TempDir Path tmp) throws Exception {
    Path runs = tmp.resolve("interpret/runs");
    String[] a = {"nor_conv_3x3(output)", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3(output)", "avg_pool_3x3",
        "nor_conv_1x1(avg_pool_3x3)", "avg_pool_3x3(avg_pool_3x3)"};
    ranking(runs.resolve("b1/seed-2/motifs-ag.csv"), "nor_conv_3x3");
    ranking(runs.resolve("b1/seed-10/motifs-ag.csv"), a);
    ranking(runs.resolve("b2/seed-0/motifs-ag.csv"), "nor_conv_1x1", "avg_pool_3x3");
    Files.createDirectories(runs.resolve("b3/seed-0"));
    List<String> notes = new ArrayList<>();
    Drawing d = new MotifGalleryFigure().build(new FigureInputs(tmp, null), notes::add);
    // b1 uses seed-2 (the lowest seed, numerically), b2 has one motif at each end, b3 has no finished run.
    MotifGallery b1 = MotifGallery.of("b1 (seed-2 search)", List.of(new MotifGallery.Entry("nor_conv_3x3", 0.1, 12, 1)),
        List.of());
    MotifGallery b2 = MotifGallery.of("b2 (seed-0 search)",
        List.of(new MotifGallery.Entry("nor_conv_1x1", 0.1, 12, 1)),
        List.of(new MotifGallery.Entry("avg_pool_3x3", 0.08, 12, 2)));
    assertEquals(b1.height() + b2.height(), d.height());
    assertEquals(Math.max(b1.width(), b2.width()), d.width());
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("b3"), notes.toString());
  }
}
