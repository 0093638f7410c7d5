package org.nasbowl.experiments.interpret;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;

/**
 * The synthetic interpretability oracle (issue 6): motifs learnt from {@code n} random architectures of the
 * synthetic benchmark should put both planted good motifs in the top {@code top} of the ranking and both planted
 * bad motifs in the bottom {@code top}.
 */
public final class MotifOracle {
  private MotifOracle() {}

  public static final int ARCHITECTURES = 200;
  public static final int TOP = 5;

  /** The seeds (of {@code seeds}) in which every planted motif is at its end of the ranking. */
  public static List<Long> hits(List<Long> seeds) {
    List<Long> out = new ArrayList<>();
    for (long s : seeds) if (plantedAtTheExtremes(s)) out.add(s);
    return out;
  }

  /** Whether every planted motif is at its end of the ranking for one seed's random architectures. */
  public static boolean plantedAtTheExtremes(long seed) {
    SyntheticBenchmark b = new SyntheticBenchmark(0);
    SplittableRandom rng = new SplittableRandom(seed);
    List<Nb201Cell> archs = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    while (archs.size() < ARCHITECTURES) {
      Nb201Cell c = b.space().sample(rng);
      if (seen.add(c.ordinal())) archs.add(c);
    }
    double[] acc = archs.stream().mapToDouble(SyntheticBenchmark::accuracy).toArray();
    List<MotifReport.Row> rows = MotifReport.rank(b.space(), archs, acc, MotifReport.Settings.defaults(true));
    int n = rows.size();
    for (SyntheticBenchmark.Motif m : SyntheticBenchmark.MOTIFS) {
      MotifReport.Row row = rows.stream().filter(r -> r.motif().equals(m.label())).findFirst().orElse(null);
      if (row == null) return false;
      boolean ok = m.weight() > 0 ? row.rank() <= TOP : row.rank() > n - TOP;
      if (!ok) return false;
    }
    return true;
  }
}
