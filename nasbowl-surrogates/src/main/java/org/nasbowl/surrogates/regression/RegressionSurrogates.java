package org.nasbowl.surrogates.regression;

import java.util.List;
import org.nasbowl.core.kernel.BaseKernel;
import org.nasbowl.core.space.SearchSpace;

/** The surrogate ids of the regression comparison and their implementations. */
public final class RegressionSurrogates {
  private RegressionSurrogates() {}

  public static final List<String> IDS = List.of("gp-wl", "gp-wloa", "gp-vh", "gp-path", "rf", "gbt", "mlp", "gnn");

  public static <A> Surrogate<A> create(String id, SearchSpace<A> space) {
    return switch (id) {
      case "gp-wl" -> new GpWlSurrogate<>(space, BaseKernel.DOT_PRODUCT, List.of(0, 1, 2, 3, 4));
      case "gp-wloa" -> new GpWlSurrogate<>(space, BaseKernel.HISTOGRAM_INTERSECTION, List.of(0, 1, 2, 3, 4));
      case "gp-vh" -> new GpWlSurrogate<>(space, BaseKernel.DOT_PRODUCT, List.of(0));
      case "gp-path" -> new GpPathSurrogate<>(space);
      case "mlp" -> new MlpEnsembleSurrogate<>(space);
      case "rf" -> new org.nasbowl.surrogates.regression.trees.RandomForestSurrogate<>(space);
      case "gbt" -> new org.nasbowl.surrogates.regression.trees.GradientBoostingSurrogate<>(space);
      case "gnn" -> new org.nasbowl.surrogates.regression.gnn.GinSurrogate<>(space);
      default -> throw new IllegalArgumentException("unknown surrogate '" + id + "'; known: " + IDS);
    };
  }

  /** One line per surrogate for help texts and reports. */
  public static String describe(String id) {
    return switch (id) {
      case "gp-wl" -> "GP, WL kernel (dot product), h in {0..4} and noise by marginal likelihood";
      case "gp-wloa" -> "GP, WL optimal-assignment kernel (histogram intersection)";
      case "gp-vh" -> "GP, vertex-histogram kernel (WL at h = 0)";
      case "gp-path" -> "GP, RBF kernel on the path encoding";
      case "rf" -> "random forest (Smile) on adjacency + one-hot ops + path encoding";
      case "gbt" -> "gradient-boosted trees (Smile) on the same encoding";
      case "mlp" -> "ensemble of 5 MLPs on the path encoding (BANANAS' predictor)";
      case "gnn" -> "graph isomorphism network on the op-on-node graph";
      default -> throw new IllegalArgumentException("unknown surrogate '" + id + "'; known: " + IDS);
    };
  }
}
