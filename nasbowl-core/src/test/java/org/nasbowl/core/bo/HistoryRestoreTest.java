package org.nasbowl.core.bo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;

/**
 * {@link History#restore}: an optimiser whose state is its history, restored from the observations (in tell
 * order), the pending architectures and the ask count of another, proposes exactly what the other proposes
 * next. This is how a study in a database rebuilds its optimiser at every ask.
 */
class HistoryRestoreTest {
  private final Nb201Space space = new Nb201Space();

  @ParameterizedTest
  @ValueSource(strings = {"random", "evolution", "nasbowl-m", "nasbowl-r"})
  void aRestoredOptimiserProposesWhatTheOriginalProposes(String id) {
    HistoryBacked<Nb201Cell> live = (HistoryBacked<Nb201Cell>) OptimizerContractTest.factory(id).create(space, 11);
    List<Nb201Cell> inFlight = new ArrayList<>();
    List<Nb201Cell> told = new ArrayList<>();
    List<Observation> obs = new ArrayList<>();
    long asks = 0;
    // Asynchronous: batches of 3 asked, results told out of order, two always left pending.
    for (int round = 0; round < 12; round++) {
      inFlight.addAll(live.ask(3));
      asks++;
      while (inFlight.size() > 2) {
        Nb201Cell c = inFlight.remove(inFlight.size() % 2 == 0 ? 0 : inFlight.size() - 1);
        Observation o = round == 4 && told.size() % 5 == 0 ? Observation.failed("crashed")
            : Observation.of(OptimizerContractTest.objective(c));
        live.tell(c, o);
        told.add(c);
        obs.add(o);
      }
    }
    HistoryBacked<Nb201Cell> restored = (HistoryBacked<Nb201Cell>) OptimizerContractTest.factory(id).create(space, 11);
    restored.history().restore(told, obs, inFlight, asks);
    assertEquals(asks, restored.history().askCount());
    for (int k = 0; k < 3; k++) {
      List<String> a = live.ask(2).stream().map(space::format).toList();
      List<String> b = restored.ask(2).stream().map(space::format).toList();
      assertEquals(a, b, "ask " + k + " after restoring");
    }
  }

  @Test
  void restoringKeepsReplicatesAndRejectsAnArchitecturePendingTwice() {
    History<Nb201Cell> h = new History<>(space, 0);
    Nb201Cell c = space.sample(new java.util.SplittableRandom(0));
    // Told twice: replicates 0 and 1; pending again: a third evaluation under way.
    h.restore(List.of(c, c), List.of(Observation.of(0.5), Observation.of(0.6)), List.of(c), 3);
    assertEquals(2, h.evaluations(space.key(c)));
    assertEquals(List.of(0, 1), h.entries().stream().map(History.Entry::replicate).toList());
    assertEquals(1, h.pendingCount());
    h.record(c, Observation.of(0.55));
    assertEquals(2, h.entries().get(2).replicate());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> h.restore(List.of(), List.of(), List.of(c, c), 1));
    assertTrue(e.getMessage().contains("pending twice"), e.getMessage());
    // A replicate is only for an evaluated architecture that is not pending.
    History<Nb201Cell> fresh = new History<>(space, 0);
    assertThrows(IllegalStateException.class, () -> fresh.markReplicate(c));
    fresh.markPending(c);
    assertThrows(IllegalStateException.class, () -> fresh.markReplicate(c));
    fresh.record(c, Observation.of(0.5));
    fresh.markReplicate(c);
    assertThrows(IllegalArgumentException.class, () -> fresh.record(space.sample(new java.util.SplittableRandom(9)),
        Observation.of(0.1)));
  }
}
