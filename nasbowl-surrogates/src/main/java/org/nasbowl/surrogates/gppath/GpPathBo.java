package org.nasbowl.surrogates.gppath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nasbowl.core.acquisition.ExpectedImprovement;
import org.nasbowl.core.acquisition.GreedyTopB;
import org.nasbowl.core.bo.History;
import org.nasbowl.core.bo.HistoryBacked;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.bo.Optimizer;
import org.nasbowl.core.bo.Proposals;
import org.nasbowl.core.gp.PoolPosterior;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.surrogates.encoding.PathEncoding;

/**
 * GP-BO on the path encoding: NAS-BOWL's loop with the WL kernel replaced by an RBF kernel on BANANAS' path
 * encoding ({@link RbfGp}, {@link PathEncoding}); one of the "GP-BO with other kernels" competitors of the
 * NAS-BOWL paper.
 *
 * <p>Every ask: random architectures until {@code initial} (10) successful observations exist; then the GP is fit
 * to all successful observations (targets -log(1 - acc), accuracy clipped below 1 - 1e-9 as NAS-BOWL does;
 * lengthscale and noise by marginal likelihood over grids), a pool of {@code poolSize} (200) unseen candidates is
 * generated from mutants of the {@code parents} (10) best observed architectures (core's
 * {@link Proposals#mutationPool}), and the batch is the B candidates with the highest expected improvement (core's
 * {@link ExpectedImprovement} with its default xi = 0 over the GP's incumbent, picked by core's
 * {@link GreedyTopB}). Fresh random samples make up a batch the pool cannot fill, so fewer than B come back only
 * when the space is exhausted. The per-ask generator of {@link History#nextAskRandom()} is the only randomness.
 *
 * <p>Settings chosen here (the NAS-BOWL paper does not give its path-kernel GP's): amplitude 1 on standardised
 * targets as GP-WL; lengthscale by marginal likelihood over 10 log-spaced values in [0.5, 50]; noise over a grid
 * of 7 log-spaced values in [1e-5, 1e-2] (GP-WL's bounds; GP-WL searches them with Brent's method, whose core
 * implementation is not public, and a grid keeps the joint search over (lengthscale, noise) at 70 Cholesky
 * factorisations per fit); pool, parents, initial design, EI and greedy top-B batches exactly as NAS-BOWL's
 * defaults. A 160-query NAS-Bench-201 run costs about 0.4 s of CPU.
 */
public final class GpPathBo<A> implements HistoryBacked<A> {
  private final History<A> history;
  private final GpPathConfig config;
  private final PathEncoding encoding;
  private final Map<String, double[]> encodings = new HashMap<>();
  private RbfGp lastFit;

  /** GP-BO with the space's default path encoding ({@link PathEncoding#forSpace}). */
  public GpPathBo(SearchSpace<A> space, long seed, GpPathConfig config) {
    this(space, seed, config, PathEncoding.forSpace(space));
  }

  public GpPathBo(SearchSpace<A> space, long seed, GpPathConfig config, PathEncoding encoding) {
    this.history = new History<>(space, seed);
    this.config = config;
    this.encoding = encoding;
  }

  /** The GP fitted by the last model-based ask (null before the first). */
  public RbfGp lastFit() {
    return lastFit;
  }

  @Override
  public List<A> ask(int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
    SplittableRandom rng = history.nextAskRandom();
    List<History.Entry<A>> ok = history.successes();
    List<A> out = new ArrayList<>(batchSize);
    if (ok.size() >= Math.max(config.initial(), 2)) {
      double[][] x = new double[ok.size()][];
      double[] y = new double[ok.size()];
      for (int i = 0; i < ok.size(); i++) {
        History.Entry<A> e = ok.get(i);
        x[i] = encodingOf(e.key(), e.architecture());
        y[i] = config.transform().apply(Math.min(e.observation().value().getAsDouble(), 1 - 1e-9));
      }
      lastFit = RbfGp.fit(x, y, config.lengthscales(), config.noises());
      List<A> pool = Proposals.mutationPoolOfBest(history, config.parents(), config.poolSize(), rng);
      if (!pool.isEmpty()) {
        double[][] px = new double[pool.size()][];
        for (int i = 0; i < px.length; i++) px[i] = encodingOf(history.space().key(pool.get(i)), pool.get(i));
        PoolPosterior posterior = lastFit.posterior(px);
        int[] picks = new GreedyTopB().select(posterior, new ExpectedImprovement(), Math.min(batchSize, pool.size()),
            rng);
        for (int p : picks) {
          history.markPending(pool.get(p));
          out.add(pool.get(p));
        }
      }
    }
    Proposals.fillWithFreshSamples(history, out, batchSize, rng);
    return out;
  }

  private double[] encodingOf(String key, A a) {
    return encodings.computeIfAbsent(key, k -> encoding.encode(history.space().encode(a)));
  }

  @Override
  public void tell(A architecture, Observation observation) {
    history.record(architecture, observation);
  }

  @Override
  public History<A> history() {
    return history;
  }
}
