package org.nasbowl.core.interpret;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nasbowl.core.gp.FittedGp;
import org.nasbowl.core.gp.MeanGradient;
import org.nasbowl.core.kernel.ArchitectureFeatures;

/**
 * The paper's motif importance, the average gradient (AG; ALGORITHM.md section 7): for each WL feature (motif)
 * d, the mean of d mu / d phi_d over the architectures that contain it (phi_d > 0), using the fitted GP's
 * posterior mean. Motifs present in fewer than {@code minOccurrences} architectures are dropped, and so are
 * the bare labels of the graph's input and output nodes (at every depth: a node without successors keeps its
 * bare label). Ranked by AG, highest (good) first.
 */
public final class MotifImportance {
  private MotifImportance() {}

  /** One motif's importance. */
  public record Motif(MeanGradient.FeatureKey feature, double averageGradient, int occurrences) {}

  /** Highest score first; ties by depth, then id, so the order is deterministic. */
  private static final Comparator<Motif> BEST_FIRST = Comparator.comparingDouble((Motif m) -> -m.averageGradient())
      .thenComparingInt(m -> m.feature().depth()).thenComparingLong(m -> m.feature().id());

  /** Ids of the features of the given bare labels at every depth 0..h (a leaf keeps its bare label). */
  private static java.util.Set<Long> excludedIds(java.util.Set<String> labels, int h) {
    java.util.Set<Long> ids = new java.util.HashSet<>();
    for (String label : labels) {
      for (int d = 0; d <= h; d++) ids.add(org.nasbowl.core.kernel.WlFeatureExtractor.idOf(d, label));
    }
    return ids;
  }

  /** The default minimum number of architectures containing a motif (the original's setting). */
  public static final int DEFAULT_MIN_OCCURRENCES = 10;

  /**
   * Average gradients over {@code architectures} (e.g. the training set, or a sample of the space).
   *
   * @param excludedLabels bare node labels whose features are dropped at every depth (e.g. "input", "output")
   */
  public static List<Motif> averageGradients(FittedGp gp, List<ArchitectureFeatures> architectures,
      int minOccurrences, java.util.Set<String> excludedLabels) {
    java.util.Set<Long> excluded = excludedIds(excludedLabels, gp.h());
    MeanGradient grad = MeanGradient.of(gp);
    Map<MeanGradient.FeatureKey, double[]> acc = new HashMap<>();
    for (ArchitectureFeatures x : architectures) {
      for (Map.Entry<MeanGradient.FeatureKey, Double> e : grad.allDerivatives(x).entrySet()) {
        MeanGradient.FeatureKey k = e.getKey();
        if (x.cell(k.cell()).value(k.depth(), k.id()) <= 0) continue;
        double[] a = acc.computeIfAbsent(k, q -> new double[2]);
        a[0] += e.getValue();
        a[1]++;
      }
    }
    List<Motif> out = new ArrayList<>();
    for (Map.Entry<MeanGradient.FeatureKey, double[]> e : acc.entrySet()) {
      MeanGradient.FeatureKey k = e.getKey();
      int count = (int) e.getValue()[1];
      if (count < minOccurrences) continue;
      if (excluded.contains(k.id())) continue;
      out.add(new Motif(k, e.getValue()[0] / count, count));
    }
    out.sort(BEST_FIRST);
    return out;
  }

  /**
   * The original code's quantity, for comparison (ALGORITHM.md section 7): for motif d, the mean over the
   * architectures in which d occurs exactly once of the sum of the posterior mean's derivatives with respect to
   * ALL features. It is dominated by the normalisation term and anti-correlated with quality (which is why the
   * original labels its lowest values "good"); same filters and ordering as {@link #averageGradients}.
   */
  public static List<Motif> originalVariant(FittedGp gp, List<ArchitectureFeatures> architectures,
      int minOccurrences, java.util.Set<String> excludedLabels) {
    java.util.Set<Long> excluded = excludedIds(excludedLabels, gp.h());
    MeanGradient grad = MeanGradient.of(gp);
    Map<MeanGradient.FeatureKey, double[]> acc = new HashMap<>();
    for (ArchitectureFeatures x : architectures) {
      Map<MeanGradient.FeatureKey, Double> all = grad.allDerivatives(x);
      double total = 0;
      for (double v : all.values()) total += v;
      for (MeanGradient.FeatureKey k : all.keySet()) {
        if (x.cell(k.cell()).value(k.depth(), k.id()) != 1) continue;
        double[] a = acc.computeIfAbsent(k, q -> new double[2]);
        a[0] += total;
        a[1]++;
      }
    }
    List<Motif> out = new ArrayList<>();
    for (Map.Entry<MeanGradient.FeatureKey, double[]> e : acc.entrySet()) {
      int count = (int) e.getValue()[1];
      if (count < minOccurrences || excluded.contains(e.getKey().id())) continue;
      out.add(new Motif(e.getKey(), e.getValue()[0] / count, count));
    }
    out.sort(BEST_FIRST);
    return out;
  }
}
