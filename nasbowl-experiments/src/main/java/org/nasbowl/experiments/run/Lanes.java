package org.nasbowl.experiments.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Lanes for a run that does not say who ran what (a run directory with parallel evaluations): each evaluation
 * goes to the first lane that is free at its start, so evaluations that overlapped in time are on different lanes
 * and the number of lanes is the run's largest number of evaluations at once.
 */
final class Lanes {
  private Lanes() {}

  static List<RunEvaluation> assign(List<RunEvaluation> evaluations) {
    List<RunEvaluation> byStart = new ArrayList<>(evaluations);
    byStart.sort(Comparator.comparingDouble(e -> Double.isNaN(e.start()) ? Double.MAX_VALUE : e.start()));
    List<Double> freeAt = new ArrayList<>();
    java.util.Map<RunEvaluation, String> lane = new java.util.IdentityHashMap<>();
    for (RunEvaluation e : byStart) {
      int l = 0;
      if (!Double.isNaN(e.start())) {
        while (l < freeAt.size() && freeAt.get(l) > e.start() + 1e-6) l++;
      }
      if (l == freeAt.size()) freeAt.add(0.0);
      freeAt.set(l, Double.isNaN(e.end()) ? freeAt.get(l) : e.end());
      lane.put(e, "slot " + (l + 1));
    }
    List<RunEvaluation> out = new ArrayList<>();
    for (RunEvaluation e : evaluations) {
      out.add(new RunEvaluation(e.id(), e.architecture(), e.observation(), e.seconds(), e.start(), e.end(), lane.get(e),
          e.replicate()));
    }
    return out;
  }
}
