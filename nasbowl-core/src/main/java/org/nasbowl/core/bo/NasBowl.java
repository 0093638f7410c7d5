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
  /** The model of the data at {@link #modelTells} evaluations (rows in the GP's order). */
  private Model<A> model;
  private int modelTells = -1;
  /** The history's entries the model was fitted to (refit > 0). */
  private List<History.Entry<A>> modelHistory = List.of();
  /** The last hyperparameter selection (refit > 0): its point, the history prefix it saw and its model. */
  private Selection<A> selection;
  private List<A> alternatives = List.of();
  /** The last pool's columns of L^-1 K_*, reused by the next ask's posterior while the model is only extended. */
  private final org.nasbowl.core.gp.ColumnCache poolColumns = new org.nasbowl.core.gp.ColumnCache();

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
    alternatives = List.of();
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
    Model<A> m = model();
    lastFit = m.gp();
    if (config.replicates() > 1 && (batchSize > 1 || history.askCount() % REPLICATE_EVERY == 0)) {
      // One slot for another evaluation of the architecture the model rates best, while it has few.
      A top = bestByMean(m, false);
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
    PoolPosterior posterior = lastFit.posterior(poolFeatures, poolColumns);
    if (config.incumbent() != Incumbent.OBSERVED_AT_BEST_MEAN) {
      posterior = posterior.withIncumbent(lastFit.incumbent(config.incumbent()));
    }
    int[] picks = selector().select(posterior, acquisition(), Math.min(batchSize, pool.size()), rng);
    for (int p : picks) {
      history.markPending(pool.get(p));
      out.add(pool.get(p));
    }
    alternatives = ranked(pool, posterior, picks);
    return out;
  }

  /** Alternatives offered after an ask: this many of the pool's next best by acquisition value. */
  static final int ALTERNATIVES = 16;

  /**
   * The pool's architectures that were not picked, best acquisition value first (ties by pool order), at most
   * {@link #ALTERNATIVES}; empty for Thompson sampling, whose values are random draws.
   */
  private List<A> ranked(List<A> pool, PoolPosterior posterior, int[] picks) {
    if (config.acquisition() == NasBowlConfig.Acquisition.TS) return List.of();
    double[] score = acquisition().score(posterior.marginals(), posterior.incumbent());
    boolean[] picked = new boolean[pool.size()];
    for (int p : picks) picked[p] = true;
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < pool.size(); i++) if (!picked[i]) rest.add(i);
    rest.sort((a, b) -> Double.compare(score[b], score[a]) != 0 ? Double.compare(score[b], score[a])
        : Integer.compare(a, b));
    List<A> out = new ArrayList<>();
    for (int i = 0; i < Math.min(ALTERNATIVES, rest.size()); i++) out.add(pool.get(rest.get(i)));
    return out;
  }

  /**
   * What the last ask would have proposed next, best first: the pool's architectures it did not pick, by acquisition
   * value. Not marked pending. A study worker whose proposal was taken by another worker in the meantime takes the
   * first of these that is still free.
   */
  @Override
  public List<A> alternatives() {
    return alternatives;
  }

  /**
   * The GP's data: every success with its value, and with {@link NasBowlConfig.Failures#IMPUTE} every failure with
   * the lowest value observed; {@code entries.get(i)} is the history entry of row i.
   */
  private record Training<A>(List<History.Entry<A>> entries, List<ArchitectureFeatures> xs, double[] y) {}

  private Training<A> training() {
    return training(history.entries());
  }

  /** The training data of these entries (successes, then imputed failures). */
  private Training<A> training(List<History.Entry<A>> entries) {
    List<History.Entry<A>> rows = new ArrayList<>();
    for (History.Entry<A> e : entries) if (e.observation().ok()) rows.add(e);
    for (History.Entry<A> e : entries) if (!e.observation().ok() && isRow(e)) rows.add(e);
    return trainingOf(rows);
  }

  /** Whether an evaluation is a row of the GP's data: a success, or a failure when failures are imputed. */
  private boolean isRow(History.Entry<A> e) {
    return e.observation().ok() || config.failures() == NasBowlConfig.Failures.IMPUTE;
  }

  /**
   * The model with the rows of these further evaluations added ({@link FittedGp#extend}, hyperparameters kept, every
   * row's value recomputed), the same model if none is a row, or empty if the kernel matrix is no longer positive
   * definite with the model's noise.
   */
  private java.util.Optional<Model<A>> extended(Model<A> base, List<History.Entry<A>> more) {
    List<History.Entry<A>> rows = new ArrayList<>(base.data().entries());
    int old = rows.size();
    for (History.Entry<A> e : more) if (isRow(e)) rows.add(e);
    if (rows.size() == old) return java.util.Optional.of(base);
    Training<A> data = trainingOf(rows);
    return base.gp().extend(data.xs().subList(old, rows.size()), data.y()).map(g -> new Model<>(g, data));
  }

  /** The rows' features and values: a success's value, a failure the lowest value among the rows' successes. */
  private Training<A> trainingOf(List<History.Entry<A>> rows) {
    double worst = Double.POSITIVE_INFINITY;
    for (History.Entry<A> e : rows) if (e.observation().ok()) worst = Math.min(worst, e.observation().value().getAsDouble());
    List<ArchitectureFeatures> xs = new ArrayList<>(rows.size());
    double[] y = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      History.Entry<A> e = rows.get(i);
      xs.add(featuresOf(e.key(), e.architecture()));
      double v = e.observation().ok() ? e.observation().value().getAsDouble() : worst;
      // -log(1 - acc) needs acc < 1; a perfect score is clipped just below 1.
      y[i] = Math.min(v, 1 - 1e-9);
    }
    return new Training<>(rows, xs, y);
  }

  /** A fitted GP and its data, row i of one being row i of the other. */
  private record Model<A>(FittedGp gp, Training<A> data) {}

  /** A hyperparameter selection: at {@code point} evaluations, the history's first {@code point} entries and the fit. */
  private record Selection<A>(int point, List<History.Entry<A>> prefix, Model<A> model) {}

  /**
   * The GP on the current data. With {@code refit = 0} every call after a new result fits from scratch, the WL depth
   * and noise selected anew. With {@code refit = f > 0} they are selected only at the selection points
   * ({@link #selectionPoint}), on the history's first entries up to that point, and the model is then extended by
   * every later result at O(n^2) each ({@link FittedGp#extend}). Either way the model is a function of the history
   * alone, not of when asks happened: a resumed run, another study worker or a new process gets the same model.
   * A fit made for {@link #recommend} serves the next ask while nothing was told in between.
   */
  private Model<A> model() {
    int tells = history.evaluatedCount();
    if (config.refit() > 0) return incremental(tells);
    if (model != null && modelTells == tells) return model;
    model = full(training());
    modelTells = tells;
    return model;
  }

  private Model<A> full(Training<A> data) {
    org.nasbowl.core.gp.GpConfig gp = config.gp();
    double pure = config.replicateNoise() ? replicateNoise(data, gp) : Double.NaN;
    if (!Double.isNaN(pure)) gp = gp.withFixedNoise(pure);
    return new Model<>(GaussianProcess.fit(data.xs(), data.y(), gp), data);
  }

  private Model<A> incremental(int tells) {
    List<History.Entry<A>> entries = history.entries();
    int point = selectionPoint(tells, config.refit(), config.refitFrom());
    if (successes(entries, point) < 2) point = tells; // too little to select on before the point
    if (selection == null || selection.point() != point || !same(entries, selection.prefix(), point)) {
      List<History.Entry<A>> prefix = List.copyOf(entries.subList(0, point));
      selection = new Selection<>(point, prefix, select(prefix));
      model = selection.model();
      modelTells = point;
      modelHistory = prefix;
    } else if (model == null || modelTells > tells || !same(entries, modelHistory, modelTells)) {
      model = selection.model();
      modelTells = point;
      modelHistory = selection.prefix();
    }
    if (modelTells == tells) return model;
    // Not positive definite with the selected noise (numerically, after many rows): select again on everything.
    model = extended(model, entries.subList(modelTells, tells)).orElseGet(() -> full(training()));
    modelTells = tells;
    modelHistory = List.copyOf(entries);
    return model;
  }

  /**
   * The model at a selection point: the hyperparameters selected on the latest {@link NasBowlConfig#SELECT_ON}
   * evaluations at most (a fit from scratch, O(m^3)), then the earlier ones added to that model (O(n^2) each), so
   * that a selection among 5,000 results costs about what one among 2,000 does plus the Cholesky rows of the rest.
   */
  private Model<A> select(List<History.Entry<A>> prefix) {
    int cap = NasBowlConfig.SELECT_ON;
    if (prefix.size() <= cap || successes(prefix.subList(prefix.size() - cap, prefix.size()), cap) < 2) {
      return full(training(prefix));
    }
    Model<A> recent = full(training(prefix.subList(prefix.size() - cap, prefix.size())));
    return extended(recent, prefix.subList(0, prefix.size() - cap)).orElseGet(() -> full(training(prefix)));
  }

  /** Whether the first {@code count} entries are the same evaluations (architecture key, replicate, observation). */
  private static <A> boolean same(List<History.Entry<A>> a, List<History.Entry<A>> b, int count) {
    if (a.size() < count || b.size() < count) return false;
    for (int i = 0; i < count; i++) {
      History.Entry<A> x = a.get(i);
      History.Entry<A> y = b.get(i);
      if (x.replicate() != y.replicate() || !x.key().equals(y.key()) || !x.observation().equals(y.observation())) {
        return false;
      }
    }
    return true;
  }

  private static <A> int successes(List<History.Entry<A>> entries, int upTo) {
    int s = 0;
    for (int i = 0; i < upTo; i++) if (entries.get(i).observation().ok()) s++;
    return s;
  }

  /**
   * The last hyperparameter selection point at or before {@code tells} evaluations: every count up to
   * {@code from}, then each point {@code p} followed by {@code p + max(1, ceil(p * refit))}. With refit 0.1 from
   * 500: 500, 550, 605, 666, 733, ...
   */
  static int selectionPoint(int tells, double refit, int from) {
    if (!(refit > 0) || tells <= from) return tells;
    long p = from;
    while (true) {
      long next = p + Math.max(1, (long) Math.ceil(p * refit - 1e-9));
      if (next > tells) return (int) p;
      p = next;
    }
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
    return java.util.Optional.ofNullable(bestByMean(model(), config.recommend() == NasBowlConfig.Recommendation.LCB));
  }

  /** With batches of one, a replicate is asked at every this many asks. */
  static final int REPLICATE_EVERY = 5;

  /**
   * The successfully evaluated architecture with the highest posterior mean (minus one latent standard deviation
   * with {@code lcb}) among the GP's data, ties to the first row, or null. The means of all rows cost O(n) each; the
   * standard deviations, O(n^2) each, are computed only for rows in decreasing order of mean until a mean falls
   * below the best score found (mean minus a standard deviation cannot exceed the mean), so the answer is the
   * exhaustive one, usually after a few rows.
   */
  private A bestByMean(Model<A> m, boolean lcb) {
    Training<A> data = m.data();
    double[] mu = m.gp().trainingMeans();
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < mu.length; i++) if (data.entries().get(i).observation().ok()) rows.add(i);
    if (rows.isEmpty()) return null;
    rows.sort((a, b) -> Double.compare(mu[b], mu[a]) != 0 ? Double.compare(mu[b], mu[a]) : Integer.compare(a, b));
    if (!lcb) return data.entries().get(rows.get(0)).architecture();
    int best = -1;
    double top = Double.NEGATIVE_INFINITY;
    for (int from = 0; from < rows.size(); from += LCB_CHUNK) {
      if (mu[rows.get(from)] < top) break;
      List<Integer> chunk = rows.subList(from, Math.min(rows.size(), from + LCB_CHUNK));
      List<ArchitectureFeatures> xs = new ArrayList<>(chunk.size());
      for (int i : chunk) xs.add(data.xs().get(i));
      org.nasbowl.core.gp.Posterior p = m.gp().posterior(xs).marginals();
      for (int c = 0; c < chunk.size(); c++) {
        int i = chunk.get(c);
        double score = p.mean()[c] - p.latentStd(c);
        if (score > top || (score == top && i < best)) {
          top = score;
          best = i;
        }
      }
    }
    return data.entries().get(best).architecture();
  }

  private static final int LCB_CHUNK = 8;

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
