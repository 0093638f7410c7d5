package org.nasbowl.core.bo;

/**
 * An optimiser whose whole state is its {@link History} (anything else it keeps is a cache keyed by
 * architecture): {@link History#restore} puts it in the state reached by any sequence of asks and tells
 * without replaying them. NAS-BOWL, random search, regularised evolution, BANANAS and GP-path are; local search
 * is not (its centre and neighbourhood queue are state of their own).
 */
public interface HistoryBacked<A> extends Optimizer<A> {
  History<A> history();
}
