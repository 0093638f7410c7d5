package org.nasbowl.surrogates.gppath;

import java.util.List;
import java.util.SplittableRandom;
import org.nasbowl.core.acquisition.ExpectedImprovement;
import org.nasbowl.core.acquisition.GreedyTopB;
import org.nasbowl.core.bo.History;
import org.nasbowl.core.bo.Proposals;
import org.nasbowl.core.gp.PoolPosterior;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.surrogates.encoding.EncodedSurrogateBo;
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
 * factorisations per fit); pool of 200, 10 parents, initial design 10, EI and greedy top-B batches as the
 * original NAS-BOWL's settings (this project's NAS-BOWL defaults differ since the ablation: see NasBowlConfig). A 160-query NAS-Bench-201 run costs about 0.4 s of CPU.
 */
public final class GpPathBo<A> extends EncodedSurrogateBo<A, RbfGp> {
  private final GpPathConfig config;

  /** GP-BO on the space's default path encoding ({@link PathEncoding#forSpace}); the GP is {@link #lastModel()}. */
  public GpPathBo(SearchSpace<A> space, long seed, GpPathConfig config) {
    super(space, seed, PathEncoding.forSpace(space), config.initial(),
        accuracy -> config.transform().apply(Math.min(accuracy, 1 - 1e-9)));
    this.config = config;
  }

  @Override
  protected RbfGp fit(double[][] x, double[] y, SplittableRandom rng) {
    return RbfGp.fit(x, y, config.lengthscales(), config.noises());
  }

  @Override
  protected List<A> pool(SplittableRandom rng) {
    return Proposals.mutationPoolOfBest(history(), config.parents(), config.poolSize(), rng);
  }

  @Override
  protected int[] select(RbfGp gp, double[][] candidates, int batchSize, SplittableRandom rng) {
    PoolPosterior posterior = gp.posterior(candidates);
    return new GreedyTopB().select(posterior, new ExpectedImprovement(), batchSize, rng);
  }
}
