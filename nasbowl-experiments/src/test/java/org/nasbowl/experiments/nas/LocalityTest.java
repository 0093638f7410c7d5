package org.nasbowl.experiments.nas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.space.nb201.Nb201Cell;

/** locality.csv against hand-counted distances on NAS-Bench-201 cells. */
class LocalityTest {
  private static final String C3 = "nor_conv_3x3";
  private static final String C1 = "nor_conv_1x1";
  private static final String SK = "skip_connect";
  private static final String AP = "avg_pool_3x3";
  private static final String NO = "none";

  private static QueryRecord q(int i, Nb201Cell c, double valid) {
    return new QueryRecord(i, c.archString(), c.archString(), valid, valid, valid, valid, 0, 0, i, 0, null);
  }

  /**
   * Ten queries that are not counted (the first batch), with the 5 best by validation all equal to cell B5 up to one
   * op, then three counted queries: one next to a best cell, one next only to a poor cell, one far from everything.
   */
  @Test
  void sharesAreCountedFromTheEleventhQuery(@TempDir Path tmp) throws Exception {
    List<QueryRecord> qs = new ArrayList<>();
    Nb201Cell poor = Nb201Cell.of(NO, NO, NO, NO, NO, NO);
    // 5 good cells differing from all-conv3x3 on one edge each (validation 0.9), 5 poor ones near all-none (0.1).
    for (int e = 0; e < 5; e++) {
      String[] ops = {C3, C3, C3, C3, C3, C3};
      ops[e] = C1;
      qs.add(q(qs.size() + 1, Nb201Cell.of(ops), 0.9));
    }
    for (int e = 0; e < 5; e++) {
      String[] ops = {NO, NO, NO, NO, NO, NO};
      ops[e] = SK;
      qs.add(q(qs.size() + 1, Nb201Cell.of(ops), 0.1));
    }
    // 11: all conv3x3 -> one edit from each good cell: near best, not far.
    qs.add(q(11, Nb201Cell.of(C3, C3, C3, C3, C3, C3), 0.5));
    // 12: all none -> one edit from the poor cells only (distance 1 to poor, 6 or 5 to the good ones).
    qs.add(q(12, poor, 0.05));
    // 13: avg pools everywhere -> at least 5 edits from everything: far.
    qs.add(q(13, Nb201Cell.of(AP, AP, AP, AP, AP, AP), 0.0));
    assertArrayEquals(new int[] {3, 1, 1}, Locality.counts(qs));
    assertEquals(2, Locality.distance(Nb201Cell.of(C3, C3, C3, C3, C3, C3), Nb201Cell.of(C1, C3, C3, C3, C3, SK)));

    Locality.write(tmp, List.of(new Trace("nb201-cifar10", "m", 0, 13, "test accuracy", qs, 1.0),
        new Trace("nb201-cifar10", "m", 1, 13, "test accuracy", qs, 1.0)));
    List<String> lines = Files.readAllLines(tmp.resolve("locality.csv"));
    assertEquals(List.of("benchmark,method,runs,queries,share_far,share_near_best",
        "nb201-cifar10,m,2,6,0.3333,0.3333"), lines);
  }

  @Test
  void otherSpacesWriteNothing(@TempDir Path tmp) throws Exception {
    List<QueryRecord> qs = List.of(new QueryRecord(1, "x0", "x0", 0.5, 0.5, 0.5, 0.5, 0, 0, 1, 0, null));
    Locality.write(tmp, List.of(new Trace("synthetic", "m", 0, 1, "noiseless accuracy", qs, 1.0)));
    assertFalse(Files.exists(tmp.resolve("locality.csv")));
  }
}
