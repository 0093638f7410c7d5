package org.nasbowl.core.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.gp.FittedGp;
import org.nasbowl.core.gp.GaussianProcess;
import org.nasbowl.core.gp.GpConfig;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.WlFeatureExtractor;
import org.nasbowl.core.kernel.WlSubtreeLabels;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

/**
 * A planted-motif oracle: cells whose accuracy rises with a "good" depth-1 motif and falls with a "bad" one;
 * after fitting on 200 random cells, the good motif must rank near the top and the bad one near the bottom.
 */
class MotifImportanceTest {
  static final String GOOD = "nor_conv_3x3(nor_conv_3x3)";
  static final String BAD = "avg_pool_3x3(avg_pool_3x3)";

  static double accuracy(LabelledDag g) {
    if (g.edgeCount() == 0) return 0.1;
    String[] d1 = WlSubtreeLabels.compute(g, 1)[1];
    double a = 0.6;
    for (String l : d1) {
      if (l.equals(GOOD)) a += 0.08;
      if (l.equals(BAD)) a -= 0.08;
    }
    return a;
  }

  @Test
  void plantedMotifsRankAtTheExtremesInMostSeeds() {
    Nb201Space space = new Nb201Space();
    WlFeatureExtractor ex = new WlFeatureExtractor(3);
    long good = WlFeatureExtractor.idOf(1, GOOD);
    long bad = WlFeatureExtractor.idOf(1, BAD);
    Set<String> io = Set.of("input", "output");
    int hits = 0;
    for (long seed = 0; seed < 10; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      List<ArchitectureFeatures> xs = new ArrayList<>();
      double[] y = new double[200];
      for (int i = 0; i < 200; i++) {
        Nb201Cell c = space.sample(rng);
        LabelledDag g = space.encode(c).get(0);
        xs.add(ex.extract(List.of(g)));
        y[i] = accuracy(g);
      }
      FittedGp gp = GaussianProcess.fit(xs, y, GpConfig.search());
      List<MotifImportance.Motif> ranked = MotifImportance.averageGradients(gp, xs, 10, io);
      int n = ranked.size();
      int goodRank = -1;
      int badRank = -1;
      for (int r = 0; r < n; r++) {
        if (ranked.get(r).feature().depth() == 1 && ranked.get(r).feature().id() == good) goodRank = r;
        if (ranked.get(r).feature().depth() == 1 && ranked.get(r).feature().id() == bad) badRank = r;
        assertTrue(ranked.get(r).occurrences() >= 10);
        long id = ranked.get(r).feature().id();
        int d = ranked.get(r).feature().depth();
        assertTrue(id != WlFeatureExtractor.idOf(d, "input") && id != WlFeatureExtractor.idOf(d, "output"),
            "bare input/output labels are dropped at every depth");
      }
      if (goodRank >= 0 && goodRank < 5 && badRank >= n - 5) hits++;
    }
    assertTrue(hits >= 9, "planted motifs at the extremes in " + hits + " of 10 seeds");
  }

  @Test
  void averagesOnlyOverArchitecturesContainingTheMotif() {
    Nb201Space space = new Nb201Space();
    WlFeatureExtractor ex = new WlFeatureExtractor(1);
    SplittableRandom rng = new SplittableRandom(3);
    List<ArchitectureFeatures> xs = new ArrayList<>();
    double[] y = new double[60];
    for (int i = 0; i < 60; i++) {
      LabelledDag g = space.encode(space.sample(rng)).get(0);
      xs.add(ex.extract(List.of(g)));
      y[i] = accuracy(g);
    }
    FittedGp gp = GaussianProcess.fit(xs, y, GpConfig.search().withHGrid(List.of(1)));
    List<MotifImportance.Motif> all = MotifImportance.averageGradients(gp, xs, 1, Set.of());
    MotifImportance.Motif m = all.get(0);
    double sum = 0;
    int count = 0;
    org.nasbowl.core.gp.MeanGradient g = org.nasbowl.core.gp.MeanGradient.of(gp);
    for (ArchitectureFeatures x : xs) {
      if (x.cell(0).value(m.feature().depth(), m.feature().id()) > 0) {
        sum += g.derivative(x, 0, m.feature().depth(), m.feature().id());
        count++;
      }
    }
    assertEquals(count, m.occurrences());
    assertEquals(sum / count, m.averageGradient(), 1e-12);
    for (int i = 1; i < all.size(); i++) assertTrue(all.get(i - 1).averageGradient() >= all.get(i).averageGradient());
  }

  @Test
  void originalVariantAveragesTheSumOfAllDerivativesWhereTheMotifOccursOnce() {
    Nb201Space space = new Nb201Space();
    WlFeatureExtractor ex = new WlFeatureExtractor(2);
    SplittableRandom rng = new SplittableRandom(5);
    List<ArchitectureFeatures> xs = new ArrayList<>();
    double[] y = new double[80];
    for (int i = 0; i < 80; i++) {
      LabelledDag g = space.encode(space.sample(rng)).get(0);
      xs.add(ex.extract(List.of(g)));
      y[i] = accuracy(g);
    }
    FittedGp gp = GaussianProcess.fit(xs, y, GpConfig.search().withHGrid(List.of(2)));
    List<MotifImportance.Motif> orig = MotifImportance.originalVariant(gp, xs, 5, Set.of("input", "output"));
    org.nasbowl.core.gp.MeanGradient g = org.nasbowl.core.gp.MeanGradient.of(gp);
    for (MotifImportance.Motif m : orig.subList(0, Math.min(5, orig.size()))) {
      double sum = 0;
      int count = 0;
      for (ArchitectureFeatures x : xs) {
        if (x.cell(0).value(m.feature().depth(), m.feature().id()) != 1) continue;
        for (double v : g.allDerivatives(x).values()) sum += v;
        count++;
      }
      assertEquals(count, m.occurrences());
      assertEquals(sum / count, m.averageGradient(), 1e-9);
    }
    assertTrue(orig.size() > 5);
  }
}
