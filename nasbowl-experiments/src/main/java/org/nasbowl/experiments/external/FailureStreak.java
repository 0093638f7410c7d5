package org.nasbowl.experiments.external;

import org.nasbowl.core.bo.Observation;

/**
 * Stops a search whose objective command keeps failing. Failed evaluations count towards the budget, so a broken
 * command (a typo, a missing module, a full disk) would otherwise spend the whole budget on failures within
 * seconds. Used by {@code search --objective-cmd} and by each study worker ({@code --max-consecutive-failures}).
 */
public final class FailureStreak {
  /** The default limit: long enough for the occasional failing architecture (out of memory, a diverged run). */
  public static final int DEFAULT_LIMIT = 10;

  private final int limit;
  private int streak;

  /** @param limit failures in a row that stop the search; 0 never stops */
  public FailureStreak(int limit) {
    this.limit = requireLimit(limit);
  }

  /**
   * Checks a limit before it is stored, e.g. in settings that build the streak later.
   *
   * @return limit
   * @throws IllegalArgumentException if it is negative
   */
  public static int requireLimit(int limit) {
    if (limit < 0) throw new IllegalArgumentException("--max-consecutive-failures must be >= 0, got " + limit);
    return limit;
  }

  /**
   * Records one finished evaluation, in the order results arrive.
   *
   * @throws IllegalStateException on the {@code limit}-th failure in a row, naming the last failure and {@code where}
   *     its output is
   */
  public void record(Observation o, String where) {
    if (o.ok()) {
      streak = 0;
      return;
    }
    streak++;
    if (limit > 0 && streak >= limit) {
      throw new IllegalStateException("stopped: the last " + streak + " evaluations failed, the last with '"
          + o.failure() + "' (its output: " + where + "); the objective command looks broken. Fix it and run the "
          + "same command again to go on (the failures stay recorded), or raise --max-consecutive-failures "
          + "(0: never stop)");
    }
  }
}
