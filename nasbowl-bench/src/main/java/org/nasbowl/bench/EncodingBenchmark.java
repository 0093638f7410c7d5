package org.nasbowl.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.darts.DartsGenotype;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.space.nb101.Nb101Hash;
import org.nasbowl.core.space.nb101.Nb101Space;
import org.nasbowl.core.space.nb101.Nb101Spec;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of turning architectures into graphs and keys: the per-candidate work of every acquisition step.
 * Run: {@code java -jar nasbowl-bench/target/benchmarks.jar EncodingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EncodingBenchmark {
  private static final int N = 1_000;
  private final Nb201Space nb201 = new Nb201Space();
  private final Nb101Space nb101 = new Nb101Space();
  private final DartsSpace darts = new DartsSpace();
  private List<Nb201Cell> nb201Cells;
  private List<Nb101Spec> nb101Specs;
  private List<DartsGenotype> dartsGenotypes;
  private final Nb101Hash hasher = new Nb101Hash();

  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(20210503L);
    nb201Cells = java.util.stream.Stream.generate(() -> nb201.sample(rng)).limit(N).toList();
    nb101Specs = java.util.stream.Stream.generate(() -> nb101.sample(rng)).limit(N).toList();
    dartsGenotypes = java.util.stream.Stream.generate(() -> darts.sample(rng)).limit(N).toList();
  }

  /** Encodes 1,000 NAS-Bench-201 cells; returns the total node count so nothing is dead code. */
  @Benchmark
  public int nb201Encode1000() {
    int nodes = 0;
    for (Nb201Cell c : nb201Cells) nodes += Nb201Space.encodeCell(c).size();
    return nodes;
  }

  /** Official module hashes of 1,000 NAS-Bench-101 specs (pruning cached in the spec). */
  @Benchmark
  public int nb101Hash1000() {
    int h = 0;
    for (Nb101Spec s : nb101Specs) h += hasher.hash(s).hashCode();
    return h;
  }

  /** Both cell graphs of 1,000 DARTS genotypes. */
  @Benchmark
  public int dartsEncode1000() {
    int nodes = 0;
    for (DartsGenotype g : dartsGenotypes) {
      for (LabelledDag d : darts.encode(g)) nodes += d.size();
    }
    return nodes;
  }
}
