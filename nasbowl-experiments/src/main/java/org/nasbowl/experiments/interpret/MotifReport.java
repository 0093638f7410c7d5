package org.nasbowl.experiments.interpret;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.nasbowl.core.gp.FittedGp;
import org.nasbowl.core.gp.GaussianProcess;
import org.nasbowl.core.gp.GpConfig;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.interpret.MotifImportance;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.WlFeatureExtractor;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.data.AtomicFiles;

/**
 * Ranked motifs of a set of evaluated architectures (e.g. a search's queries): fits GP-WL (h in {1, 2, 3},
 * as in search) on them, ranks every motif by the paper's average gradient over the architectures containing
 * it, and reports each motif's readable WL label, depth, cell, average gradient, number of architectures
 * containing it and their mean validation accuracy.
 */
public final class MotifReport {
  private MotifReport() {}

  /** One ranked motif. */
  public record Row(int rank, String motif, int depth, int cell, double averageGradient, int occurrences,
      double meanAccuracy) {}

  public static <A> List<Row> rank(SearchSpace<A> space, List<A> architectures, double[] accuracies,
      boolean deterministic, int minOccurrences) {
    GpConfig cfg = GpConfig.search();
    if (deterministic) cfg = cfg.withFixedNoise(1e-3);
    WlFeatureExtractor ex = new WlFeatureExtractor(cfg.maxDepth());
    List<ArchitectureFeatures> xs = new ArrayList<>();
    Map<String, WlFeatureExtractor.FeatureName> names = new HashMap<>();
    for (A a : architectures) {
      List<LabelledDag> cells = space.encode(a);
      xs.add(ex.extract(cells));
      for (int c = 0; c < cells.size(); c++) {
        for (var e : WlFeatureExtractor.names(cells.get(c), cfg.maxDepth()).entrySet()) {
          names.putIfAbsent(c + ":" + e.getValue().depth() + ":" + e.getKey(), e.getValue());
        }
      }
    }
    FittedGp gp = GaussianProcess.fit(xs, accuracies, cfg);
    Set<String> io = Set.of("input", "output", "c_{k-2}", "c_{k-1}");
    List<MotifImportance.Motif> ranked = MotifImportance.averageGradients(gp, xs, minOccurrences, io);
    List<Row> rows = new ArrayList<>();
    // A subtree that ends in leaves before the deepest WL iteration has the same label at every greater depth:
    // one motif, reported once at its shallowest depth.
    Set<String> reported = new java.util.HashSet<>();
    List<MotifImportance.Motif> shallowFirst = new ArrayList<>(ranked);
    shallowFirst.sort(java.util.Comparator.comparingInt(m -> m.feature().depth()));
    Set<MotifImportance.Motif> kept = new java.util.HashSet<>();
    for (MotifImportance.Motif m : shallowFirst) {
      var k = m.feature();
      if (reported.add(k.cell() + ":" + names.get(k.cell() + ":" + k.depth() + ":" + k.id()).label())) kept.add(m);
    }
    for (MotifImportance.Motif m : ranked) {
      if (!kept.contains(m)) continue;
      var k = m.feature();
      double sum = 0;
      for (int i = 0; i < xs.size(); i++) {
        if (xs.get(i).cell(k.cell()).value(k.depth(), k.id()) > 0) sum += accuracies[i];
      }
      WlFeatureExtractor.FeatureName name = names.get(k.cell() + ":" + k.depth() + ":" + k.id());
      rows.add(new Row(rows.size() + 1, name.label(), k.depth(), k.cell(), m.averageGradient(), m.occurrences(),
          sum / m.occurrences()));
    }
    return rows;
  }

  public static void writeCsv(Path file, List<Row> rows) throws IOException {
    AtomicFiles.writeText(file, w -> {
      w.write("rank,motif,depth,cell,average_gradient,occurrences,mean_accuracy\n");
      for (Row r : rows) {
        w.write(String.format(Locale.ROOT, "%d,\"%s\",%d,%d,%.6g,%d,%.6f%n", r.rank(), r.motif(), r.depth(), r.cell(),
            r.averageGradient(), r.occurrences(), r.meanAccuracy()));
      }
    });
  }
}
