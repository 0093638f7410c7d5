package org.nasbowl.experiments.benchmark;

import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.nasbowl.core.space.SearchSpace;

/**
 * A benchmark made to behave like real training: Gaussian noise on the validation accuracy of every query (drawn
 * from the run's noise generator, so the same seed gives the same draws; clipped to [0, 1]), and planted failure
 * regions where a query fails as a crash or an out-of-memory error would: every architecture containing an
 * operation ({@code --fail-if OP}), or every architecture with more trainable parameters than a limit
 * ({@code --fail-above-params N}, for tables that have parameter counts). Regret stays on the noiseless values
 * ({@link #noiseless}); the test accuracy is never noisy. The id is the table's, so results group by table; the
 * modifications are recorded with every trace ({@link Modifiers#describe}).
 */
public final class ModifiedBenchmark<A> implements Benchmark<A> {
  /**
   * What is changed.
   *
   * @param noise standard deviation of the validation noise in percentage points (0: none)
   * @param failIf an operation whose presence makes a query fail, or null
   * @param failAboveParams a parameter count above which a query fails, or null
   */
  public record Modifiers(double noise, String failIf, Double failAboveParams) {
    public Modifiers {
      if (!(noise >= 0) || !Double.isFinite(noise)) {
        throw new IllegalArgumentException("--noise must be a number of percentage points >= 0, got " + noise);
      }
      if (failIf != null && failIf.isBlank()) throw new IllegalArgumentException("--fail-if needs an operation name");
      if (failAboveParams != null && !(failAboveParams > 0)) {
        throw new IllegalArgumentException("--fail-above-params must be > 0, got " + failAboveParams);
      }
    }

    public static Modifiers none() {
      return new Modifiers(0, null, null);
    }

    public boolean any() {
      return noise > 0 || failIf != null || failAboveParams != null;
    }

    /** {@code noise=1.0;fail-if=avg_pool_3x3}, or "" when nothing is changed: recorded with traces. */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      if (noise > 0) sb.append("noise=").append(String.format(Locale.ROOT, "%s", noise));
      if (failIf != null) sb.append(sb.isEmpty() ? "" : ";").append("fail-if=").append(failIf);
      if (failAboveParams != null) {
        sb.append(sb.isEmpty() ? "" : ";").append("fail-above-params=").append(String.format(Locale.ROOT, "%.0f", failAboveParams));
      }
      return sb.toString();
    }

    /** The benchmark with these modifications (itself when there are none). */
    public <A> Benchmark<A> apply(Benchmark<A> b) {
      return any() ? new ModifiedBenchmark<>(b, this) : b;
    }
  }

  private final Benchmark<A> base;
  private final Modifiers modifiers;

  public ModifiedBenchmark(Benchmark<A> base, Modifiers modifiers) {
    this.base = base;
    this.modifiers = modifiers;
    if (modifiers.failIf() != null) {
      boolean known = base.architectures().limit(2_000).anyMatch(this::containsFailOp);
      if (!known) {
        throw new IllegalArgumentException("--fail-if " + modifiers.failIf() + ": no architecture of " + base.id()
            + " has that operation (operations are named as in the space's notation, e.g. avg_pool_3x3)");
      }
    }
    if (modifiers.failAboveParams() != null) {
      boolean counts = base.architectures().limit(50).anyMatch(a -> base.noiseless(a).parameters().isPresent());
      if (!counts) {
        throw new IllegalArgumentException("--fail-above-params: " + base.id() + " has no parameter counts (nb101-20k "
            + "and the imported nb101 table have them)");
      }
    }
  }

  /**
   * Whether the architecture's notation names the operation (as a whole token), as a training script that crashes
   * on it would see: an operation on an edge that does not reach the output is still built and still fails.
   */
  private boolean containsFailOp(A a) {
    for (String token : base.space().format(a).split("[^A-Za-z0-9_\\-]+")) {
      if (token.equals(modifiers.failIf())) return true;
    }
    return false;
  }

  @Override
  public Evaluation query(A architecture, RandomGenerator rng) {
    String failure = fails(architecture);
    if (failure != null) throw new EvaluationFailedException(failure);
    if (modifiers.noise() == 0) return base.query(architecture, rng);
    // On top of the table's own draw (one training seed's value on a per-seed benchmark, the mean otherwise).
    Evaluation e = base.query(architecture, rng);
    double v = Math.min(1, Math.max(0, e.validationAccuracy() + modifiers.noise() / 100 * rng.nextGaussian()));
    return new Evaluation(v, e.testAccuracy(), e.trainingSeconds(), e.parameters());
  }

  @Override
  public Evaluation noiseless(A architecture) {
    return base.noiseless(architecture);
  }

  @Override
  public String id() {
    return base.id();
  }

  @Override
  public String description() {
    return base.description() + " Modified: " + modifiers.describe() + " (noise in percentage points of validation "
        + "accuracy; regret on the noiseless values).";
  }

  @Override
  public SearchSpace<A> space() {
    return base.space();
  }

  /** With a failure region: the best among the architectures that do not fail (regret is against what can be had). */
  @Override
  public double bestValidationAccuracy() {
    return feasibleOptima()[0];
  }

  @Override
  public double bestRegretMetric() {
    return feasibleOptima()[1];
  }

  private double[] optima;

  private synchronized double[] feasibleOptima() {
    if (optima != null) return optima;
    if (modifiers.failIf() == null && modifiers.failAboveParams() == null) {
      optima = new double[] {base.bestValidationAccuracy(), base.bestRegretMetric()};
      return optima;
    }
    boolean testMetric = base.regretMetric().contains("test");
    double[] best = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    base.architectures().forEach(a -> {
      if (fails(a) != null) return;
      Evaluation e = base.noiseless(a);
      best[0] = Math.max(best[0], e.validationAccuracy());
      best[1] = Math.max(best[1], testMetric ? e.testAccuracy().orElse(e.validationAccuracy()) : e.validationAccuracy());
    });
    optima = best;
    return optima;
  }

  /** Why a query of this architecture fails, or null. */
  private String fails(A architecture) {
    if (modifiers.failIf() != null && containsFailOp(architecture)) {
      return "planted failure: the cell contains " + modifiers.failIf();
    }
    if (modifiers.failAboveParams() != null) {
      Evaluation e = base.noiseless(architecture);
      if (e.parameters().isPresent() && e.parameters().getAsDouble() > modifiers.failAboveParams()) {
        return String.format(Locale.ROOT, "planted failure: %.0f parameters > %.0f (as out of memory)",
            e.parameters().getAsDouble(), modifiers.failAboveParams());
      }
    }
    return null;
  }

  @Override
  public String regretMetric() {
    return base.regretMetric();
  }

  @Override
  public boolean deterministic() {
    return base.deterministic() && modifiers.noise() == 0;
  }

  @Override
  public long size() {
    return base.size();
  }

  @Override
  public Stream<A> architectures() {
    return base.architectures();
  }

  /** The modifications. */
  public Modifiers modifiers() {
    return modifiers;
  }
}
