package org.nasbowl.core.bo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nasbowl.core.acquisition.AcquisitionFunction;
import org.nasbowl.core.acquisition.BatchSelector;
import org.nasbowl.core.acquisition.ExpectedImprovement;
import org.nasbowl.core.acquisition.GreedyTopB;
import org.nasbowl.core.acquisition.KrigingBeliever;
import org.nasbowl.core.acquisition.ProbabilityOfImprovement;
import org.nasbowl.core.acquisition.ThompsonBatch;
import org.nasbowl.core.acquisition.UpperConfidenceBound;
import org.nasbowl.core.gp.FittedGp;
import org.nasbowl.core.gp.GaussianProcess;
import org.nasbowl.core.gp.Incumbent;
import org.nasbowl.core.gp.PoolPosterior;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.WlFeatureExtractor;
import org.nasbowl.core.space.SearchSpace;

/**
 * NAS-BOWL (ALGORITHM.md section 5): random initial architectures, then in every ask a GP-WL fit on all
 * successful observations, a candidate pool of unseen architectures (mutants of the best, random samples, or
 * the whole space), and a batch chosen by the acquisition function. WL features are computed once per
 * architecture and cached; pending architectures are never proposed again.
 *
 * <p>Where this differs from the original by default, it is by measurement (results/ablation: screened on seeds
 * 100-299, chosen on seeds 0-19, confirmed on seeds 20-39): UCB (the original's beta 2.22) instead of EI, on the
 * latent standard deviation instead of the noise-inclusive one; the GP noise chosen by marginal likelihood in
 * [1e-2, 1e-1] instead of [1e-5, 1e-2]; Kriging believer batches instead of greedy top-B; an m pool of one-edit
 * mutants of the 5 best instead of the original's multi-edit operator on the 10 best; and an initial design of 3
 * random architectures instead of 10. Each original setting stays
 * available in {@link NasBowlConfig}.
 */
public final class NasBowl<A> implements HistoryBacked<A> {
  private final History<A> history;
  private final NasBowlConfig config;
  private final WlFeatureExtractor extractor;
  private final Map<String, ArchitectureFeatures> features = new HashMap<>();
  private List<A> everything;
  private FittedGp lastFit;
  private FittedGp cachedFit;
  private int cachedFitTells = -1;

  public NasBowl(SearchSpace<A> space, long seed, NasBowlConfig config) {
    this.history = new History<>(space, seed);
    this.config = config;
    this.extractor = new WlFeatureExtractor(config.gp().maxDepth());
    if (config.pool() == NasBowlConfig.Pool.EXHAUSTIVE && !exhaustible(space)) {
      throw new IllegalArgumentException("exhaustive pools need a space of at most " + MAX_EXHAUSTIVE
          + " architectures; " + space.name() + " has " + (space.size().isEmpty() ? "too many to enumerate"
          : space.size().getAsLong()));
    }
  }

  /**
   * The largest space scored exhaustively: NAS-Bench-201's 15,625 cells take ~0.1 s per iteration; the
   * 423,624 NAS-Bench-101 cells would take seconds per iteration and gigabytes of kernel columns.
   */
  public static final long MAX_EXHAUSTIVE = 100_000;

  /** Whether the space is small enough for exhaustive pools. */
  public static boolean exhaustible(SearchSpace<?> space) {
    return space.size().isPresent() && space.size().getAsLong() <= MAX_EXHAUSTIVE;
  }

  /** The surrogate fitted by the last ask (null before the first model-based ask). */
  public FittedGp lastFit() {
    return lastFit;
  }

  @Override
  public List<A> ask(int batchSize) {
    SplittableRandom rng = history.nextAskRandom();
    List<History.Entry<A>> ok = history.successes();
    List<A> out = new ArrayList<>(batchSize);
    if (ok.size() < config.initial() || ok.size() < 2) {
      // The initial design holds config.initial() random architectures: an ask for more (the runner's first batch
      // of 10) gets only the rest of the design, so a smaller design really lets the model propose sooner. Once the
      // whole design is pending, a further ask (idle parallel workers) gets random architectures as before.
      int rest = config.initial() - ok.size() - history.pendingCount();
      Proposals.fillWithFreshSamples(history, out, rest > 0 ? Math.min(batchSize, rest) : batchSize, rng);
      return out;
    }
    Training<A> data = training();
    lastFit = fit(data);
    if (config.replicates() > 1 && (batchSize > 1 || history.askCount() % REPLICATE_EVERY == 0)) {
      // One slot for another evaluation of the architecture the model rates best, while it has few.
      A top = bestByMean(data, lastFit, false);
      if (top != null && history.evaluations(history.space().key(top)) < config.replicates()
          && !history.isPending(history.space().key(top))) {
        history.markReplicate(top);
        out.add(top);
        if (--batchSize == 0) return out;
      }
    }
    List<A> pool = pool(rng);
    if (pool.isEmpty()) return out;
    List<ArchitectureFeatures> poolFeatures = new ArrayList<>(pool.size());
    for (A a : pool) poolFeatures.add(featuresOf(history.space().key(a), a));
    PoolPosterior posterior = lastFit.posterior(poolFeatures);
    if (config.incumbent() != Incumbent.OBSERVED_AT_BEST_MEAN) {
      posterior = posterior.withIncumbent(lastFit.incumbent(config.incumbent()));
    }
    int[] picks = selector().select(posterior, acquisition(), Math.min(batchSize, pool.size()), rng);
    for (int p : picks) {
      history.markPending(pool.get(p));
      out.add(pool.get(p));
    }
    return out;
  }

  /**
   * The GP's data: every success with its value, and with {@link NasBowlConfig.Failures#IMPUTE} every failure with
   * the lowest value observed; {@code entries.get(i)} is the history entry of row i.
   */
  private record Training<A>(List<History.Entry<A>> entries, List<ArchitectureFeatures> xs, double[] y) {}

  private Training<A> training() {
    List<History.Entry<A>> rows = new ArrayList<>(history.successes());
    double worst = Double.POSITIVE_INFINITY;
    for (History.Entry<A> e : rows) worst = Math.min(worst, e.observation().value().getAsDouble());
    int successes = rows.size();
    if (config.failures() == NasBowlConfig.Failures.IMPUTE) {
      for (History.Entry<A> e : history.entries()) if (!e.observation().ok()) rows.add(e);
    }
    List<ArchitectureFeatures> xs = new ArrayList<>(rows.size());
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      History.Entry<A> e = rows.get(i);
      xs.add(featuresOf(e.key(), e.architecture()));
      double v = i < successes ? e.observation().value().getAsDouble() : worst;
      // -log(1 - acc) needs acc < 1; a perfect score is clipped just below 1.
      y[i] = Math.min(v, 1 - 1e-9);
    }
    return new Training<>(rows, xs, y);
  }

  /**
   * The GP on the current data. A fit made for {@link #recommend} serves the next ask while nothing was told in
   * between (the same data gives the same fit, so reusing it changes no proposal).
   */
  private FittedGp fit(Training<A> data) {
    if (cachedFit != null && cachedFitTells == history.evaluatedCount()) return cachedFit;
    org.nasbowl.core.gp.GpConfig gp = config.gp();
    double pure = config.replicateNoise() ? replicateNoise(data, gp) : Double.NaN;
    if (!Double.isNaN(pure)) gp = gp.withFixedNoise(pure);
    cachedFit = GaussianProcess.fit(data.xs(), data.y(), gp);
    cachedFitTells = history.evaluatedCount();
    return cachedFit;
  }

  /** Bounds of the noise estimated from replicates (standardised units): numerically safe, and no more than the variance. */
  static final double REPLICATE_NOISE_MIN = 1e-4;
  static final double REPLICATE_NOISE_MAX = 1.0;

  /**
   * The pooled within-architecture variance of the successful replicates' transformed targets, in the units the
   * GP standardises to (divided by the targets' variance), clamped to [{@link #REPLICATE_NOISE_MIN},
   * {@link #REPLICATE_NOISE_MAX}]; NaN while fewer than two architectures have two successful evaluations.
   */
  static <A> double replicateNoise(Training<A> data, org.nasbowl.core.gp.GpConfig gp) {
    java.util.Map<String, List<Double>> groups = new java.util.LinkedHashMap<>();
    double[] t = new double[data.y().length];
    int n = 0;
    for (int i = 0; i < t.length; i++) {
      if (!data.entries().get(i).observation().ok()) continue;
      t[n] = gp.transform().apply(data.y()[i]);
      groups.computeIfAbsent(data.entries().get(i).key(), k -> new ArrayList<>()).add(t[n]);
      n++;
    }
    double within = 0;
    int dof = 0;
    int replicated = 0;
    for (List<Double> g : groups.values()) {
      if (g.size() < 2) continue;
      replicated++;
      double m = g.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      for (double v : g) within += (v - m) * (v - m);
      dof += g.size() - 1;
    }
    if (replicated < 2 || n < 3) return Double.NaN;
    double mean = 0;
    for (int i = 0; i < n; i++) mean += t[i];
    mean /= n;
    double ss = 0;
    for (int i = 0; i < n; i++) ss += (t[i] - mean) * (t[i] - mean);
    double variance = ss / (n - 1);
    if (!(variance > 0)) return Double.NaN;
    return Math.max(REPLICATE_NOISE_MIN, Math.min(REPLICATE_NOISE_MAX, within / dof / variance));
  }

  @Override
  public java.util.Optional<A> recommend() {
    if (config.recommend() == NasBowlConfig.Recommendation.OBSERVED || history.successes().size() < 2) {
      return java.util.Optional.empty();
    }
    Training<A> data = training();
    return java.util.Optional.ofNullable(bestByMean(data, fit(data), config.recommend() == NasBowlConfig.Recommendation.LCB));
  }

  /** With batches of one, a replicate is asked at every this many asks. */
  static final int REPLICATE_EVERY = 5;

  /**
   * The successfully evaluated architecture with the highest posterior mean (minus one latent standard deviation
   * with {@code lcb}) among the GP's data, or null.
   */
  private A bestByMean(Training<A> data, FittedGp gp, boolean lcb) {
    org.nasbowl.core.gp.Posterior p = gp.posterior(data.xs()).marginals();
    int best = -1;
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < data.entries().size(); i++) {
      if (!data.entries().get(i).observation().ok()) continue; // an imputed failure is never recommended
      double score = p.mean()[i] - (lcb ? p.latentStd(i) : 0);
      if (score > top) {
        top = score;
        best = i;
      }
    }
    return best < 0 ? null : data.entries().get(best).architecture();
  }

  private List<A> pool(SplittableRandom rng) {
    switch (config.pool()) {
      case MUTATION:
        int mutants = (int) Math.round(config.poolSize() * (1 - config.randomShare()));
        return Proposals.mutationPool(history, Proposals.best(history, config.parents()), config.poolSize(), mutants,
            config.mutation() == NasBowlConfig.Mutation.ORIGINAL, rng);
      case RANDOM: {
        List<A> pool = new ArrayList<>();
        Proposals.fillRandom(history, pool, new HashSet<>(), config.poolSize(), rng);
        return pool;
      }
      default: {
        if (everything == null) everything = history.space().enumerate().toList();
        List<A> pool = new ArrayList<>();
        for (A a : everything) if (!history.seen(a)) pool.add(a);
        return pool;
      }
    }
  }

  private ArchitectureFeatures featuresOf(String key, A a) {
    return features.computeIfAbsent(key, k -> extractor.extract(history.space().encode(a)));
  }

  private AcquisitionFunction acquisition() {
    return switch (config.acquisition()) {
      case EI, TS -> new ExpectedImprovement(0.0, config.uncertainty());
      case UCB -> new UpperConfidenceBound(config.beta(), config.uncertainty());
      case PI -> new ProbabilityOfImprovement(0.0, config.uncertainty());
    };
  }

  private BatchSelector selector() {
    if (config.acquisition() == NasBowlConfig.Acquisition.TS) return new ThompsonBatch();
    return config.batch() == NasBowlConfig.Batch.GREEDY ? new GreedyTopB() : new KrigingBeliever();
  }

  @Override
  public void tell(A architecture, Observation observation) {
    history.record(architecture, observation);
  }

  /** Keys of the architectures evaluated so far (for tests and reports). */
  public Set<String> evaluatedKeys() {
    Set<String> s = new HashSet<>();
    for (History.Entry<A> e : history.entries()) s.add(e.key());
    return s;
  }

  @Override
  public History<A> history() {
    return history;
  }
}
