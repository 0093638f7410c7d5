package org.nasbowl.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nasbowl.core.acquisition.ExpectedImprovement;
import org.nasbowl.core.gp.FittedGp;
import org.nasbowl.core.gp.PoolPosterior;
import org.nasbowl.core.gp.GaussianProcess;
import org.nasbowl.core.gp.GpConfig;
import org.nasbowl.core.gp.Posterior;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.WlFeatureExtractor;
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
 * The surrogate's cost on NAS-Bench-201 cells, for the speed targets of the surrogate issue. Targets are a
 * fixed function of the cell (ops weighted, plus seeded noise) mapped into accuracies; their values barely
 * matter to the cost. Run: {@code java -jar nasbowl-bench/target/benchmarks.jar GpBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class GpBenchmark {
  private final Nb201Space space = new Nb201Space();
  private List<ArchitectureFeatures> train400;
  private double[] acc400;
  private FittedGp fitted200;
  private List<ArchitectureFeatures> pool1000;
  private FittedGp fitted160;
  private List<ArchitectureFeatures> all15625;

  static double accuracy(Nb201Cell c, SplittableRandom rng) {
    double s = 0.5;
    for (String op : c.ops()) {
      s += switch (op) {
        case "nor_conv_3x3" -> 0.06;
        case "nor_conv_1x1" -> 0.04;
        case "avg_pool_3x3" -> 0.01;
        case "skip_connect" -> 0.02;
        default -> 0;
      };
    }
    return Math.min(0.99, s + 0.01 * rng.nextGaussian());
  }

  private List<ArchitectureFeatures> features(List<Nb201Cell> cells, int h) {
    WlFeatureExtractor ex = new WlFeatureExtractor(h);
    List<ArchitectureFeatures> out = new ArrayList<>(cells.size());
    for (Nb201Cell c : cells) out.add(ex.extract(space.encode(c)));
    return out;
  }

  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(20210503L);
    List<Nb201Cell> cells = new ArrayList<>();
    for (int i = 0; i < 400; i++) cells.add(space.sample(rng));
    acc400 = new double[400];
    for (int i = 0; i < 400; i++) acc400[i] = accuracy(cells.get(i), rng);
    train400 = features(cells, 4);
    double[] acc200 = java.util.Arrays.copyOf(acc400, 200);
    fitted200 = GaussianProcess.fit(train400.subList(0, 200), acc200, GpConfig.search());
    List<Nb201Cell> pool = new ArrayList<>();
    for (int i = 0; i < 1000; i++) pool.add(space.sample(rng));
    pool1000 = features(pool, 4);
    double[] acc160 = java.util.Arrays.copyOf(acc400, 160);
    fitted160 = GaussianProcess.fit(train400.subList(0, 160), acc160, GpConfig.search());
    all15625 = features(space.enumerate().toList(), 4);
  }

  /** Fit with model selection, h in {0..4} and noise optimised, at n = 400. */
  @Benchmark
  public FittedGp fitModelSelectionN400() {
    return GaussianProcess.fit(train400, acc400, GpConfig.regression());
  }

  /** Posterior marginals and expected improvement over 1,000 candidates at n = 200. */
  @Benchmark
  public double[] posteriorAndEi1000N200() {
    PoolPosterior p = fitted200.posterior(pool1000);
    return new ExpectedImprovement().score(p.marginals(), p.incumbent());
  }

  /** WL features (h = 3) of all 15,625 NAS-Bench-201 cells from their arch strings' cells: encode + extract. */
  @Benchmark
  public int wlFeaturesAllNb201H3() {
    WlFeatureExtractor ex = new WlFeatureExtractor(3);
    int total = 0;
    for (int k = 0; k < Nb201Space.SIZE; k++) {
      total += ex.extract(space.encode(Nb201Cell.fromOrdinal(k))).cell(0).ids(3).length;
    }
    return total;
  }

  /** Posterior over all 15,625 NAS-Bench-201 cells at n = 160. */
  @Benchmark
  public Posterior posteriorAllNb201N160() {
    return fitted160.posterior(all15625).marginals();
  }
}
