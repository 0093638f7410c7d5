package org.nasbowl.surrogates;

import java.util.List;
import org.nasbowl.core.bo.Optimizer;
import org.nasbowl.core.bo.OptimizerFactory;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.surrogates.bananas.Bananas;
import org.nasbowl.surrogates.bananas.BananasConfig;
import org.nasbowl.surrogates.gppath.GpPathBo;
import org.nasbowl.surrogates.gppath.GpPathConfig;

/** The competitor optimisers of this module by id, with their default settings. */
public final class Competitors {
  private Competitors() {}

  /** BANANAS with a mutation pool. */
  public static final String BANANAS_M = "bananas-m";
  /** BANANAS with a random pool. */
  public static final String BANANAS_R = "bananas-r";
  /** GP-BO with an RBF kernel on the path encoding. */
  public static final String GP_PATH = "gp-path";

  /** Every known id. */
  public static final List<String> IDS = List.of(BANANAS_M, BANANAS_R, GP_PATH);

  /**
   * A fresh optimiser.
   *
   * @throws IllegalArgumentException for an unknown id (the message lists the known ones) or a space without a
   *     path encoding
   */
  public static <A> Optimizer<A> create(String id, SearchSpace<A> space, long seed) {
    return switch (id == null ? "" : id) {
      case BANANAS_M -> new Bananas<>(space, seed, BananasConfig.defaults(BananasConfig.CandidatePool.MUTATION));
      case BANANAS_R -> new Bananas<>(space, seed, BananasConfig.defaults(BananasConfig.CandidatePool.RANDOM));
      case GP_PATH -> new GpPathBo<>(space, seed, GpPathConfig.defaults());
      default -> throw new IllegalArgumentException("unknown competitor '" + id + "'; known: "
          + String.join(", ", IDS));
    };
  }

  /**
   * The factory of an id (for {@link org.nasbowl.core.bo.OptimizerLog}).
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public static OptimizerFactory factory(String id) {
    if (!IDS.contains(id)) {
      throw new IllegalArgumentException("unknown competitor '" + id + "'; known: " + String.join(", ", IDS));
    }
    return new OptimizerFactory() {
      @Override
      public <A> Optimizer<A> create(SearchSpace<A> space, long seed) {
        return Competitors.create(id, space, seed);
      }
    };
  }
}
