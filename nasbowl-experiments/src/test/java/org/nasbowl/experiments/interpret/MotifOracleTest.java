package org.nasbowl.experiments.interpret;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;

/**
 * The synthetic interpretability oracle (issue 6): on the synthetic benchmark, motifs learnt from 200 random
 * architectures put both planted good motifs in the top 5 and both planted bad motifs in the bottom 5 in at least
 * 18 of 20 seeds.
 */
class MotifOracleTest {
  static final int SEEDS = 20;
  static final int REQUIRED = 18;
  static final int TOP = 5;

  /** Whether every planted motif is at its end of the ranking for one seed's 200 random architectures. */
  static boolean plantedAtTheExtremes(long seed) {
    SyntheticBenchmark b = new SyntheticBenchmark(0);
    SplittableRandom rng = new SplittableRandom(seed);
    List<Nb201Cell> archs = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    while (archs.size() < 200) {
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

  @Test
  void plantedMotifsRankAtTheirEndsInAtLeast18Of20Seeds() {
    int hits = 0;
    List<Long> misses = new ArrayList<>();
    for (long seed = 0; seed < SEEDS; seed++) {
      if (plantedAtTheExtremes(seed)) hits++;
      else misses.add(seed);
    }
    System.out.println("[oracle] planted motifs at their ends in " + hits + " of " + SEEDS + " seeds; missed " + misses);
    assertTrue(hits >= REQUIRED, "planted motifs at their ends in " + hits + " of " + SEEDS + " seeds; missed " + misses);
  }
}
