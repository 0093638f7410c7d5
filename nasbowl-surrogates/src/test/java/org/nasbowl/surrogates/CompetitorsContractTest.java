package org.nasbowl.surrogates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.bo.Optimizer;
import org.nasbowl.core.bo.OptimizerLog;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

/** The ask/tell contract, checked for every competitor of {@link Competitors}. */
class CompetitorsContractTest {

  /** Every 11th evaluation fails: failures must be remembered but never trained on. */
  private static Observation evaluate(Nb201Cell cell, int index) {
    if (index % 11 == 10) return Observation.failed("simulated training crash");
    return Observation.of(SyntheticNb201.accuracy(cell));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bananas-m", "bananas-r", "gp-path"})
  void distinctProposalsAndExactBatchSizesOver160Queries(String id) {
    Nb201Space space = new Nb201Space();
    Optimizer<Nb201Cell> opt = Competitors.create(id, space, 17);
    int[] batches = {10, 5, 7, 1, 3, 5};
    Set<String> keys = new HashSet<>();
    int queries = 0;
    for (int t = 0; queries < 160; t++) {
      int b = Math.min(batches[t == 0 ? 0 : 1 + (t - 1) % (batches.length - 1)], 160 - queries);
      List<Nb201Cell> got = opt.ask(b);
      assertEquals(b, got.size(), "ask " + t + " of " + id);
      for (Nb201Cell c : got) {
        assertTrue(keys.add(space.key(c)), id + " proposed " + c.archString() + " twice");
        opt.tell(c, evaluate(c, queries++));
      }
    }
    assertEquals(160, keys.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bananas-m", "bananas-r", "gp-path"})
  void pendingArchitecturesAreNotProposedAgain(String id) {
    Nb201Space space = new Nb201Space();
    Optimizer<Nb201Cell> opt = Competitors.create(id, space, 3);
    List<Nb201Cell> init = opt.ask(12);
    for (int i = 0; i < init.size(); i++) opt.tell(init.get(i), evaluate(init.get(i), i));
    // Two model-based batches before any tell: the second must avoid the pending first.
    List<Nb201Cell> first = opt.ask(5);
    List<Nb201Cell> second = opt.ask(5);
    Set<String> keys = new HashSet<>();
    for (Nb201Cell c : init) keys.add(space.key(c));
    for (Nb201Cell c : first) assertTrue(keys.add(space.key(c)));
    for (Nb201Cell c : second) assertTrue(keys.add(space.key(c)));
    for (Nb201Cell c : second) opt.tell(c, Observation.of(SyntheticNb201.accuracy(c)));
    for (Nb201Cell c : first) opt.tell(c, Observation.of(SyntheticNb201.accuracy(c)));
    assertThrows(IllegalArgumentException.class, () -> opt.tell(first.get(0), Observation.of(0.5)));
    assertThrows(IllegalArgumentException.class,
        () -> opt.tell(Nb201Cell.of("none", "none", "none", "none", "none", "avg_pool_3x3"), Observation.of(0.5)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bananas-m", "bananas-r", "gp-path"})
  void fewerProposalsOnlyWhenTheSpaceIsExhausted(String id) {
    SyntheticNb201.TinySpace space = new SyntheticNb201.TinySpace();
    Optimizer<Nb201Cell> opt = Competitors.create(id, space, 5);
    Set<String> keys = new HashSet<>();
    List<Integer> sizes = new ArrayList<>();
    int q = 0;
    while (true) {
      List<Nb201Cell> got = opt.ask(5);
      sizes.add(got.size());
      if (got.isEmpty()) break;
      for (Nb201Cell c : got) {
        assertTrue(keys.add(space.key(c)));
        opt.tell(c, evaluate(c, q++));
      }
    }
    assertEquals(64, keys.size(), "sizes " + sizes);
    // 64 = 12 x 5 + 4: twelve full batches, the remainder, then nothing.
    assertEquals(14, sizes.size(), "sizes " + sizes);
    for (int i = 0; i < 12; i++) assertEquals(5, sizes.get(i));
    assertEquals(4, sizes.get(12));
    assertEquals(0, sizes.get(13));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bananas-m", "bananas-r", "gp-path"})
  void replayingTheLogReproducesTheProposals(String id) {
    Nb201Space space = new Nb201Space();
    OptimizerLog.Recording<Nb201Cell> rec = OptimizerLog.recording(Competitors.factory(id), space, 29, null);
    int q = 0;
    for (int t = 0; t < 10; t++) {
      List<Nb201Cell> got = rec.ask(t == 0 ? 10 : 5);
      // Told in reverse order: the history's tell order is part of the state.
      for (int i = got.size() - 1; i >= 0; i--) rec.tell(got.get(i), evaluate(got.get(i), q++));
    }
    List<Nb201Cell> pending = rec.ask(5);
    OptimizerLog.Recording<Nb201Cell> again = OptimizerLog.replay(Competitors.factory(id), space, 29, rec.events(),
        null);
    for (Nb201Cell c : pending) {
      Observation o = Observation.of(SyntheticNb201.accuracy(c));
      rec.tell(c, o);
      again.tell(c, o);
    }
    for (int t = 0; t < 2; t++) {
      List<Nb201Cell> a = rec.ask(5);
      List<Nb201Cell> b = again.ask(5);
      assertEquals(a, b);
      for (Nb201Cell c : a) {
        Observation o = Observation.of(SyntheticNb201.accuracy(c));
        rec.tell(c, o);
        again.tell(c, o);
      }
    }
    assertEquals(rec.events(), again.events());
    // A different seed proposes differently (the log is not replayable with it).
    assertThrows(IllegalStateException.class,
        () -> OptimizerLog.replay(Competitors.factory(id), space, 30, rec.events(), null));
  }

  @Test
  void unknownIdsAreRejectedWithTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Competitors.create("bananas", new Nb201Space(), 1));
    for (String id : Competitors.IDS) assertTrue(e.getMessage().contains(id), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Competitors.factory("nope"));
    assertThrows(IllegalArgumentException.class, () -> Competitors.create(null, new Nb201Space(), 1));
    assertEquals(List.of("bananas-m", "bananas-r", "gp-path"), Competitors.IDS);
  }
}
