package org.nasbowl.core.bo;

import java.util.List;

/**
 * An ask/tell architecture optimiser. {@link #ask} proposes architectures not yet evaluated nor pending;
 * {@link #tell} records the outcome of one of them (in any order, so evaluations may run asynchronously).
 * Every random decision is derived from the optimiser's seed and the number of asks so far, so the same
 * sequence of asks and tells reproduces the same proposals: {@link OptimizerLog} saves and restores the
 * state exactly by replaying it.
 */
public interface Optimizer<A> {

  /**
   * Proposes up to {@code batchSize} distinct architectures, none evaluated or pending before. Fewer in two cases:
   * the space is exhausted (an empty list: nothing is left), or the optimiser stops at the end of its initial
   * design, whose outcomes it needs before its model can propose (NAS-BOWL with a design smaller than the ask; a
   * further ask while the design is pending gets random architectures, for idle parallel workers).
   */
  List<A> ask(int batchSize);

  /**
   * Records an outcome for a pending architecture.
   *
   * @throws IllegalArgumentException if the architecture was not asked for or was already told
   */
  void tell(A architecture, Observation observation);

  /**
   * The architecture this optimiser recommends among those evaluated successfully, by its own model (for NAS-BOWL,
   * the GP's posterior mean at the evaluated architectures by default); empty when it has no model or too little
   * data, in which case the recommendation is the best observation. Under noise the best observation is often
   * just the luckiest, which a model that pools neighbouring results can see through.
   */
  default java.util.Optional<A> recommend() {
    return java.util.Optional.empty();
  }

  /**
   * What the last ask would have proposed next, best first, none of it pending (empty when the optimiser has no
   * ranking). A study worker whose proposal another worker claimed in the meantime takes the first that is free.
   */
  default List<A> alternatives() {
    return List.of();
  }
}
