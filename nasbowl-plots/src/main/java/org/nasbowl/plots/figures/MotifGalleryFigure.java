package org.nasbowl.plots.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.nasbowl.plots.graph.MotifGallery;

/**
 * {@code motif_gallery}: the top and bottom motifs (by average gradient) of each benchmark's first interpretability
 * run, from {@code interpret/runs/<benchmark>/seed-<s>/motifs-ag.csv} (the lowest seed), one gallery per benchmark
 * stacked top to bottom. For the two-cell DARTS space each caption names the motif's cell.
 */
public final class MotifGalleryFigure extends SingleInputFigure {
  public static final String NAME = Figures.MOTIF_GALLERY;
  public static final String DIR = "interpret/runs";
  static final int PER_END = 3;
  static final List<String> COLUMNS = List.of("rank", "motif", "average_gradient", "occurrences");

  public MotifGalleryFigure() {
    super(NAME, DIR, MotifGalleryFigure::draw);
  }

  private static Drawing draw(Path input, FigureInputs in, Consumer<String> notes) throws IOException {
    List<MotifGallery> galleries = new ArrayList<>();
    List<Path> benchmarks;
    try (Stream<Path> s = Files.list(input)) {
      benchmarks = s.filter(Files::isDirectory).sorted().toList();
    }
    for (Path b : benchmarks) {
      Path seed;
      try (Stream<Path> s = Files.list(b)) {
        seed = s.filter(p -> p.getFileName().toString().matches("seed-\\d+")
                && Files.isRegularFile(p.resolve("motifs-ag.csv")))
            .min(java.util.Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().substring(5))))
            .orElse(null);
      }
      if (seed == null) {
        notes.accept("no finished run under " + b + "; its gallery is left out");
        continue;
      }
      ResultTable t = ResultTable.read(seed.resolve("motifs-ag.csv"), COLUMNS);
      List<MotifGallery.Entry> good = new ArrayList<>();
      List<MotifGallery.Entry> bad = new ArrayList<>();
      // Up to PER_END from each end, never the same motif at both ends.
      int top = Math.min(PER_END, (t.size() + 1) / 2);
      int bottom = Math.min(PER_END, t.size() / 2);
      boolean cells = false;
      if (t.hasColumn("cell")) {
        for (int r = 0; r < t.size(); r++) cells |= t.count(r, "cell") > 0;
      }
      for (int r = 0; r < top; r++) good.add(entry(t, r, cells));
      for (int r = t.size() - 1; r >= t.size() - bottom; r--) bad.add(entry(t, r, cells));
      galleries.add(MotifGallery.of(b.getFileName() + " (" + seed.getFileName() + " search)", good, bad));
    }
    if (galleries.isEmpty()) throw new IOException("no motif rankings under " + input);
    return stack(galleries);
  }

  /**
   * A gallery entry; in a ranking with motifs of more than one cell (the DARTS space: cell 0 normal, 1 reduction)
   * the caption names the cell.
   */
  private static MotifGallery.Entry entry(ResultTable t, int row, boolean cells) {
    String cell = cells ? (t.count(row, "cell") == 0 ? "normal cell" : "reduction cell") : null;
    return new MotifGallery.Entry(t.text(row, "motif"), t.requiredNumber(row, "average_gradient"),
        t.count(row, "occurrences"), t.count(row, "rank"), cell);
  }

  /** The galleries one above the other on a white page. */
  static Drawing stack(List<MotifGallery> galleries) {
    int w = galleries.stream().mapToInt(MotifGallery::width).max().orElse(1);
    int h = galleries.stream().mapToInt(MotifGallery::height).sum();
    return new Drawing() {
      @Override
      public int width() {
        return w;
      }

      @Override
      public int height() {
        return h;
      }

      @Override
      public void paint(Graphics2D g) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        AffineTransform saved = g.getTransform();
        int y = 0;
        for (MotifGallery m : galleries) {
          g.setTransform(saved);
          g.translate(0, y);
          m.paint(g);
          y += m.height();
        }
        g.setTransform(saved);
      }
    };
  }
}
