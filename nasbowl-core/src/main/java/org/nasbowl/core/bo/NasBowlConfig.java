package org.nasbowl.core.bo;

import org.nasbowl.core.acquisition.Uncertainty;
import org.nasbowl.core.gp.GpConfig;

/**
 * Settings of the NAS-BOWL optimiser (ALGORITHM.md section 5), defaults as the original where it has one.
 *
 * @param pool how candidates are generated: mutation of the best (m), random sampling (r), or the whole space
 * @param poolSize candidates per batch (orig 200)
 * @param parents number of best architectures mutated for the m pool (orig 10)
 * @param initial random architectures before the surrogate is used (orig 10)
 * @param acquisition EI (default), UCB, PI or Thompson sampling
 * @param batch Kriging believer (default) or greedy top-B (orig)
 * @param gp the surrogate's settings
 * @param uncertainty the standard deviation EI, UCB and PI use: latent (default) or predictive, noise included (as
 *     the original)
 */
public record NasBowlConfig(Pool pool, int poolSize, int parents, int initial, Acquisition acquisition, Batch batch,
    GpConfig gp, Uncertainty uncertainty) {
  /** Candidate generation. */
  public enum Pool { MUTATION, RANDOM, EXHAUSTIVE }

  public enum Acquisition { EI, UCB, PI, TS }

  public enum Batch { KRIGING_BELIEVER, GREEDY }

  public NasBowlConfig(Pool pool, int poolSize, int parents, int initial, Acquisition acquisition, Batch batch,
      GpConfig gp) {
    this(pool, poolSize, parents, initial, acquisition, batch, gp, Uncertainty.LATENT);
  }

  public NasBowlConfig {
    if (uncertainty == null) throw new IllegalArgumentException("uncertainty must not be null");
    if (poolSize < 1 || parents < 1 || initial < 1) {
      throw new IllegalArgumentException("pool size, parents and initial must be >= 1");
    }
  }

  public static NasBowlConfig defaults(Pool pool) {
    return new NasBowlConfig(pool, 200, 10, 10, Acquisition.EI, Batch.KRIGING_BELIEVER, GpConfig.search());
  }

  public NasBowlConfig withGp(GpConfig g) {
    return new NasBowlConfig(pool, poolSize, parents, initial, acquisition, batch, g, uncertainty);
  }

  public NasBowlConfig withAcquisition(Acquisition a) {
    return new NasBowlConfig(pool, poolSize, parents, initial, a, batch, gp, uncertainty);
  }

  public NasBowlConfig withBatch(Batch b) {
    return new NasBowlConfig(pool, poolSize, parents, initial, acquisition, b, gp, uncertainty);
  }

  public NasBowlConfig withUncertainty(Uncertainty u) {
    return new NasBowlConfig(pool, poolSize, parents, initial, acquisition, batch, gp, u);
  }
}
