/**
 * Acquisition functions (expected improvement, UCB, probability of improvement, Thompson sampling) and batch
 * selection (greedy top-B as in the original, Kriging believer as the default, batch Thompson sampling) over a
 * candidate pool, for NAS-BOWL (ALGORITHM.md section 5). Larger targets are better.
 */
package org.nasbowl.core.acquisition;
