package org.nasbowl.experiments.study;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nasbowl.experiments.results.Stats;

/**
 * Where a study stands, as {@code study status} and the dashboard show it: trials by state against the budget,
 * the running trials of workers that are stopped or lost (they run again once stale), the active workers, the
 * median evaluation and ask, and the time left (the trials not yet finished, spread over the active workers, at
 * the median evaluation time).
 *
 * @param timeLeftSeconds 0 when done, NaN when unknown (then {@code timeLeftReason} says why)
 */
public record StudyProgress(int budget, int complete, int failed, int running, int stale, int notStarted,
    long orphaned, long activeWorkers, double medianSeconds, double medianAskMs, double timeLeftSeconds,
    String timeLeftReason) {

  /** A worker counts as active if it was seen in the last two minutes and is not stopped, exited or lost. */
  public static final long ACTIVE_MS = 120_000;

  public static StudyProgress of(Study s, List<Trial> trials, List<StudyStore.Worker> workers) {
    Map<String, Integer> n = StudyStore.countByState(trials);
    Set<String> live = new HashSet<>();
    for (StudyStore.Worker w : workers) if (w.active()) live.add(w.id());
    long orphaned = trials.stream().filter(t -> Trial.RUNNING.equals(t.state()) && !live.contains(t.worker())).count();
    double medianSeconds = Stats.median(trials.stream().filter(t -> t.seconds() != null).mapToDouble(Trial::seconds).toArray());
    double medianAsk = Stats.median(trials.stream().filter(t -> t.askMs() != null).mapToDouble(Trial::askMs).toArray());
    long active = workers.stream().filter(w -> w.active() && w.now() - w.lastSeen() < ACTIVE_MS).count();
    int left = s.budget() - n.get(Trial.COMPLETE) - n.get(Trial.FAILED);
    double eta;
    String why = null;
    if (left <= 0) {
      eta = 0;
    } else if (active == 0 || Double.isNaN(medianSeconds)) {
      eta = Double.NaN;
      why = active == 0 ? "no active worker" : "no result yet";
    } else {
      eta = Math.ceil((double) left / active) * medianSeconds;
    }
    return new StudyProgress(s.budget(), n.get(Trial.COMPLETE), n.get(Trial.FAILED), n.get(Trial.RUNNING),
        n.get(Trial.STALE), s.budget() - trials.size(), orphaned, active, medianSeconds, medianAsk, eta, why);
  }
}
