package org.nasbowl.experiments.transfer;

import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.Evaluation;

/**
 * A benchmark whose optimisers search a motif-restricted space (or a {@link MixedSpace} that leans on one).
 * Objective, optimum and regret stay the unrestricted benchmark's, so a restriction that drops the optimum shows
 * up as regret that cannot reach zero.
 */
final class RestrictedBenchmark<A> implements Benchmark<A> {
  private final Benchmark<A> target;
  private final SearchSpace<A> space;
  private final MotifRestrictedSpace<A> restriction;
  private final boolean hard;

  /** The target searched only among the restriction's architectures. */
  RestrictedBenchmark(Benchmark<A> target, MotifRestrictedSpace<A> space) {
    this.target = target;
    this.space = space;
    this.restriction = space;
    this.hard = true;
  }

  /** The target searched in the whole space, with candidates drawn partly from the restriction. */
  RestrictedBenchmark(Benchmark<A> target, MixedSpace<A> space) {
    this.target = target;
    this.space = space;
    this.restriction = space.restriction();
    this.hard = false;
  }

  @Override
  public String id() {
    return target.id();
  }

  @Override
  public String description() {
    return target.description() + (hard ? " Searched among the architectures containing one of "
        : " Searched with candidates drawn partly from the architectures containing one of ")
        + restriction.motifs().size() + " motif(s).";
  }

  @Override
  public SearchSpace<A> space() {
    return space;
  }

  @Override
  public Evaluation query(A architecture, RandomGenerator rng) {
    return target.query(architecture, rng);
  }

  @Override
  public double bestValidationAccuracy() {
    return target.bestValidationAccuracy();
  }

  @Override
  public double bestRegretMetric() {
    return target.bestRegretMetric();
  }

  @Override
  public String regretMetric() {
    return target.regretMetric();
  }

  @Override
  public Evaluation noiseless(A architecture) {
    return target.noiseless(architecture);
  }

  @Override
  public boolean deterministic() {
    return target.deterministic();
  }

  @Override
  public long size() {
    return hard ? restriction.keptCount().orElse(target.size()) : target.size();
  }

  @Override
  public Stream<A> architectures() {
    return hard ? target.architectures().filter(restriction::contains) : target.architectures();
  }
}
