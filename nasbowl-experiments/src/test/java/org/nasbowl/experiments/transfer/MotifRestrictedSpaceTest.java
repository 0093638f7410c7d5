package org.nasbowl.experiments.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.kernel.WlSubtreeLabels;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

class MotifRestrictedSpaceTest {
  private static final Nb201Space NB201 = new Nb201Space();
  private static final Motif POOL_POOL = new Motif(0, 1, "avg_pool_3x3(avg_pool_3x3)");
  private static final Motif CONV_TO_OUTPUT = new Motif(0, 2, "nor_conv_1x1(nor_conv_3x3(output))");
  private static final List<Motif> TWO = List.of(POOL_POOL, CONV_TO_OUTPUT);

  /** Independent check by readable WL labels (not the hashed feature ids the space uses). */
  private static boolean containsByLabels(Nb201Cell cell, List<Motif> motifs) {
    LabelledDag g = Nb201Space.encodeCell(cell);
    for (Motif m : motifs) if (WlSubtreeLabels.count(g, m.label(), m.depth()) > 0) return true;
    return false;
  }

  @Test
  void keptCountEqualsAHandCountByEnumeration() {
    int hand = 0;
    for (int k = 0; k < Nb201Space.SIZE; k++) {
      LabelledDag g = Nb201Space.encodeCell(Nb201Cell.fromOrdinal(k));
      if (WlSubtreeLabels.count(g, "avg_pool_3x3(avg_pool_3x3)", 1) > 0) hand++;
    }
    MotifRestrictedSpace<Nb201Cell> space = new MotifRestrictedSpace<>(NB201, List.of(POOL_POOL));
    assertTrue(hand > 0 && hand < Nb201Space.SIZE, "the motif occurs in some but not all cells: " + hand);
    assertEquals(OptionalLong.of(hand), space.keptCount());
    assertEquals(OptionalLong.of(hand), space.size());
    assertEquals(OptionalLong.of(Nb201Space.SIZE), space.fullSize());
    assertEquals((double) hand / Nb201Space.SIZE, space.keptFraction(), 0);
    assertEquals(hand, space.enumerate().count());
  }

  @Test
  void everyWayOfObtainingArchitecturesYieldsOnlyOnesWithAGoodMotif() {
    MotifRestrictedSpace<Nb201Cell> space = new MotifRestrictedSpace<>(NB201, TWO);
    SplittableRandom rng = new SplittableRandom(11);
    int kept = 0;
    for (int k = 0; k < Nb201Space.SIZE; k++) if (containsByLabels(Nb201Cell.fromOrdinal(k), TWO)) kept++;
    assertEquals(kept, space.keptCount().getAsLong());
    space.enumerate().forEach(c -> assertTrue(containsByLabels(c, TWO), c.archString()));
    for (int i = 0; i < 300; i++) {
      Nb201Cell s = space.sample(rng);
      assertTrue(containsByLabels(s, TWO), "sample " + s.archString());
      Nb201Cell m = space.mutate(s, rng);
      assertTrue(containsByLabels(m, TWO), "mutant " + m.archString());
      assertNotEquals(s, m, "a mutant differs from its parent");
      for (Nb201Cell n : space.neighbours(s, rng)) assertTrue(containsByLabels(n, TWO), "neighbour " + n.archString());
    }
    // Cells whose one-edit neighbours all lack the motifs still mutate into kept cells.
    Nb201Cell lonely = space.enumerate().filter(c -> space.neighbours(c, rng).isEmpty()).findFirst().orElse(null);
    if (lonely != null) assertTrue(containsByLabels(space.mutate(lonely, rng), TWO));
  }

  @Test
  void samplingIsUniformOverTheKeptArchitectures() {
    // A motif kept by few cells: the draws must fit a uniform distribution over them (chi-square test).
    Motif rare = new Motif(0, 2, "nor_conv_1x1(nor_conv_1x1(nor_conv_1x1))");
    MotifRestrictedSpace<Nb201Cell> space = new MotifRestrictedSpace<>(NB201, List.of(rare));
    int n = (int) space.keptCount().getAsLong();
    assertTrue(n > 1 && n < 2000, "kept " + n);
    SplittableRandom rng = new SplittableRandom(5);
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    int perCell = 50;
    for (int i = 0; i < perCell * n; i++) counts.merge(space.sample(rng).archString(), 1, Integer::sum);
    assertEquals(n, counts.size(), "every kept cell is drawn");
    double chi2 = 0;
    for (int c : counts.values()) chi2 += (c - perCell) * (double) (c - perCell) / perCell;
    // chi-square with n - 1 degrees of freedom: mean n - 1, sd sqrt(2 (n - 1)); allow 5 sd.
    assertTrue(Math.abs(chi2 - (n - 1)) < 5 * Math.sqrt(2.0 * (n - 1)), "chi2 " + chi2 + " with " + (n - 1) + " df");
  }

  @Test
  void aRestrictionThatKeepsNothingIsRefusedWithAClearMessage() {
    // The input node is never a successor, so no cell contains this subtree.
    Motif impossible = new Motif(0, 1, "nor_conv_3x3(input)");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new MotifRestrictedSpace<>(NB201, List.of(impossible)));
    assertTrue(e.getMessage().contains("keeps nothing") && e.getMessage().contains("nor_conv_3x3(input)")
        && e.getMessage().contains("15625"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MotifRestrictedSpace<>(NB201, List.of()));
  }

  @Test
  void onANonEnumeratedSpaceSamplingGivesUpAfterTheCap() {
    SearchSpace<Nb201Cell> hidden = new NotEnumerable(NB201);
    MotifRestrictedSpace<Nb201Cell> none = new MotifRestrictedSpace<>(hidden, List.of(new Motif(0, 1, "nor_conv_3x3(input)")));
    assertTrue(none.keptCount().isEmpty() && Double.isNaN(none.keptFraction()));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> none.sample(new SplittableRandom(1)));
    assertTrue(e.getMessage().contains("keeps nothing") && e.getMessage().contains(MotifRestrictedSpace.MAX_SAMPLE_DRAWS + " random draws"),
        e.getMessage());
    MotifRestrictedSpace<Nb201Cell> some = new MotifRestrictedSpace<>(hidden, TWO);
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < 100; i++) assertTrue(containsByLabels(some.sample(rng), TWO));
  }

  @Test
  void malformedMotifLabelsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Motif(0, 0, "a(b)"));
    assertTrue(e.getMessage().contains("a(b)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Motif(0, 1, "a(b"));
    assertFalse(new Motif(0, 0, "avg_pool_3x3").label().isEmpty());
  }

  /** The NAS-Bench-201 space without size or enumeration, like a large space. */
  private record NotEnumerable(Nb201Space s) implements SearchSpace<Nb201Cell> {
    public String name() {
      return "nb201-hidden";
    }

    public Nb201Cell parse(String n) {
      return s.parse(n);
    }

    public String format(Nb201Cell a) {
      return s.format(a);
    }

    public List<LabelledDag> encode(Nb201Cell a) {
      return s.encode(a);
    }

    public String key(Nb201Cell a) {
      return s.key(a);
    }

    public Nb201Cell sample(RandomGenerator rng) {
      return s.sample(rng);
    }

    public Nb201Cell mutate(Nb201Cell p, RandomGenerator rng) {
      return s.mutate(p, rng);
    }

    @Override
    public Stream<Nb201Cell> enumerate() {
      throw new UnsupportedOperationException();
    }
  }
}
