package org.nasbowl.surrogates.bananas;

import org.nasbowl.surrogates.mlp.MlpConfig;

/**
 * Settings of {@link Bananas}.
 *
 * @param initial random architectures before the first model-based ask (BANANAS and the original NAS-BOWL: 10)
 * @param ensembleSize networks in the ensemble (BANANAS: 5)
 * @param mlp the network and its training
 * @param pool how candidates are generated
 * @param poolSize candidates scored per ask (BANANAS: 100)
 * @param parents for {@link CandidatePool#MUTATION}: how many of the best architectures are mutated
 */
public record BananasConfig(int initial, int ensembleSize, MlpConfig mlp, CandidatePool pool, int poolSize,
    int parents) {

  /** Candidate generation, the "m" and "r" of the NAS-BOWL paper's plots. */
  public enum CandidatePool {
    /** Mutants of the best architectures, topped up with random samples (bananas-m). */
    MUTATION,
    /** Uniform random samples of the space (bananas-r). */
    RANDOM
  }

  public BananasConfig {
    if (initial < 0) throw new IllegalArgumentException("initial must be >= 0: " + initial);
    if (ensembleSize < 1) throw new IllegalArgumentException("ensemble size must be >= 1: " + ensembleSize);
    if (mlp == null) throw new IllegalArgumentException("mlp config must not be null");
    if (pool == null) throw new IllegalArgumentException("pool must not be null");
    if (poolSize < 1) throw new IllegalArgumentException("pool size must be >= 1: " + poolSize);
    if (parents < 1) throw new IllegalArgumentException("parents must be >= 1: " + parents);
  }

  /** The defaults with the given candidate pool: 10 initial, 5 networks of {@link Bananas#DEFAULT_MLP}, pool 100, 10 parents. */
  public static BananasConfig defaults(CandidatePool pool) {
    return new BananasConfig(10, 5, Bananas.DEFAULT_MLP, pool, 100, 10);
  }

  public BananasConfig withMlp(MlpConfig m) {
    return new BananasConfig(initial, ensembleSize, m, pool, poolSize, parents);
  }

  public BananasConfig withPoolSize(int size) {
    return new BananasConfig(initial, ensembleSize, mlp, pool, size, parents);
  }

  public BananasConfig withInitial(int init) {
    return new BananasConfig(init, ensembleSize, mlp, pool, poolSize, parents);
  }
}
