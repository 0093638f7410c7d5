package org.nasbowl.experiments.nas;

import java.util.List;
import org.nasbowl.core.bo.LocalSearch;
import org.nasbowl.core.bo.NasBowl;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.bo.Optimizer;
import org.nasbowl.core.bo.OptimizerFactory;
import org.nasbowl.core.bo.RandomSearch;
import org.nasbowl.core.bo.RegularizedEvolution;
import org.nasbowl.core.gp.GpConfig;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.surrogates.Competitors;

/** The method ids of the NAS experiments and the optimisers behind them. */
public final class Methods {
  private Methods() {}

  public static final List<String> IDS = List.of("nasbowl-m", "nasbowl-r", "nasbowl-x", "bananas-m", "bananas-r",
      "random", "evolution", "local", "gp-path");

  /** One line per method for help texts. */
  public static String describe(String id) {
    return switch (id) {
      case "nasbowl-m" -> "NAS-BOWL, pool of 200 mutants of the 10 best, EI, Kriging believer batches";
      case "nasbowl-r" -> "NAS-BOWL, pool of 200 random architectures";
      case "nasbowl-x" -> "NAS-BOWL, the whole (enumerable) space as pool";
      case "bananas-m" -> "BANANAS: MLP ensemble on path encodings, independent Thompson sampling, mutation pool";
      case "bananas-r" -> "BANANAS with a random pool";
      case "random" -> "random search";
      case "evolution" -> "regularised evolution (population 30, tournament 10)";
      case "local" -> "local search (10 random starts, one-edit neighbourhoods, restarts)";
      case "gp-path" -> "GP-BO with an RBF kernel on path encodings";
      default -> throw unknown(id);
    };
  }

  private static IllegalArgumentException unknown(String id) {
    return new IllegalArgumentException("unknown method '" + id + "'; known: " + IDS);
  }

  /**
   * The optimiser factory of a method.
   *
   * @param deterministic whether the objective is noise-free: NAS-BOWL then fixes the GP noise at 1e-3
   *     (ALGORITHM.md section 4) instead of optimising it
   * @param parallel whether NAS-BOWL's surrogate may use all cores (false when runs already run in parallel)
   */
  public static OptimizerFactory factory(String id, boolean deterministic, boolean parallel) {
    return factory(id, deterministic, parallel, NasBowlConfig.Acquisition.EI, NasBowlConfig.Batch.KRIGING_BELIEVER);
  }

  /** As {@link #factory(String, boolean, boolean)}, with NAS-BOWL's acquisition and batch selection chosen. */
  public static OptimizerFactory factory(String id, boolean deterministic, boolean parallel,
      NasBowlConfig.Acquisition acquisition, NasBowlConfig.Batch batch) {
    if (!IDS.contains(id)) throw unknown(id);
    return new OptimizerFactory() {
      @Override
      public <A> Optimizer<A> create(SearchSpace<A> space, long seed) {
        return switch (id) {
          case "nasbowl-m" -> nasBowl(space, seed, NasBowlConfig.Pool.MUTATION, deterministic, parallel, acquisition, batch);
          case "nasbowl-r" -> nasBowl(space, seed, NasBowlConfig.Pool.RANDOM, deterministic, parallel, acquisition, batch);
          case "nasbowl-x" -> nasBowl(space, seed, NasBowlConfig.Pool.EXHAUSTIVE, deterministic, parallel, acquisition,
              batch);
          case "random" -> new RandomSearch<>(space, seed);
          case "evolution" -> new RegularizedEvolution<>(space, seed);
          case "local" -> new LocalSearch<>(space, seed);
          default -> Competitors.create(id, space, seed);
        };
      }
    };
  }

  private static <A> Optimizer<A> nasBowl(SearchSpace<A> space, long seed, NasBowlConfig.Pool pool,
      boolean deterministic, boolean parallel, NasBowlConfig.Acquisition acquisition, NasBowlConfig.Batch batch) {
    GpConfig gp = GpConfig.search().withParallel(parallel);
    if (deterministic) gp = gp.withFixedNoise(1e-3);
    return new NasBowl<>(space, seed,
        NasBowlConfig.defaults(pool).withGp(gp).withAcquisition(acquisition).withBatch(batch));
  }
}
