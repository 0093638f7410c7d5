package org.nasbowl.experiments.interpret;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The synthetic interpretability oracle (issue 6): on the synthetic benchmark, motifs learnt from 200 random
 * architectures put both planted good motifs in the top 5 and both planted bad motifs in the bottom 5 in at least
 * 18 of 20 seeds.
 */
class MotifOracleTest {
  @Test
  void plantedMotifsRankAtTheirEndsInAtLeast18Of20Seeds() {
    List<Long> seeds = LongStream.range(0, 20).boxed().toList();
    List<Long> hits = MotifOracle.hits(seeds);
    System.out.println("[oracle] planted motifs at their ends in " + hits.size() + " of 20 seeds: " + hits);
    assertTrue(hits.size() >= 18, "planted motifs at their ends in " + hits.size() + " of 20 seeds: " + hits);
  }
}
