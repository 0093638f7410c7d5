package org.nasbowl.experiments.interpret;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.plots.graph.Edge;
import org.nasbowl.plots.graph.GraphPicture;
import org.nasbowl.plots.graph.MotifTree;

/**
 * Where an architecture's good and bad motifs are, for {@code explain} and the dashboard: good and bad are the top
 * and bottom {@code fraction} of the motif ranking with a positive and a negative score; every occurrence of one
 * in the architecture's cells is coloured (green, red; red wins where they overlap, so a bad block is never
 * hidden).
 */
public final class MotifHighlights {
  private MotifHighlights() {}

  public static final Color GOOD = new Color(0x1A9850);
  public static final Color BAD = new Color(0xD73027);

  /** A motif the architecture contains: its row, "good", "bad" or "-", and its occurrences. */
  public record Present(MotifReport.Row row, String kind, int occurrences) {}

  /** The colours per cell and the motifs present. */
  public record Highlights(List<Map<Integer, Color>> nodes, List<Map<Edge, Color>> edges, List<Present> present) {
    public long count(String kind) {
      return present.stream().filter(p -> p.kind().equals(kind)).count();
    }

    /** The picture of cell {@code c} with its highlights. */
    public GraphPicture picture(List<LabelledDag> cells, int c) {
      return GraphPicture.architecture(cells.get(c), nodes.get(c), edges.get(c));
    }
  }

  public static Highlights of(List<LabelledDag> cells, List<MotifReport.Row> rows, double fraction) {
    InterpretExperiment.Split byRank = InterpretExperiment.split(rows, fraction, MotifReport.Variant.AVERAGE_GRADIENT);
    List<MotifReport.Row> good = byRank.good().stream().filter(r -> r.averageGradient() > 0).toList();
    List<MotifReport.Row> bad = byRank.bad().stream().filter(r -> r.averageGradient() < 0).toList();
    List<Map<Integer, Color>> nodes = new ArrayList<>();
    List<Map<Edge, Color>> edges = new ArrayList<>();
    for (int c = 0; c < cells.size(); c++) {
      nodes.add(new HashMap<>());
      edges.add(new HashMap<>());
    }
    List<Present> present = new ArrayList<>();
    for (MotifReport.Row r : rows) {
      if (r.cell() >= cells.size()) continue;
      List<MotifTree.Occurrence> occ = MotifTree.occurrences(cells.get(r.cell()), r.motif(), r.depth());
      if (occ.isEmpty()) continue;
      String kind = good.contains(r) ? "good" : bad.contains(r) ? "bad" : "-";
      present.add(new Present(r, kind, occ.size()));
      if (kind.equals("-")) continue;
      Color colour = kind.equals("good") ? GOOD : BAD;
      for (MotifTree.Occurrence o : occ) {
        for (int v : o.nodes()) nodes.get(r.cell()).merge(v, colour, (x, y) -> x.equals(BAD) ? x : y);
        for (Edge ed : o.edges()) edges.get(r.cell()).merge(ed, colour, (x, y) -> x.equals(BAD) ? x : y);
      }
    }
    return new Highlights(nodes, edges, present);
  }
}
