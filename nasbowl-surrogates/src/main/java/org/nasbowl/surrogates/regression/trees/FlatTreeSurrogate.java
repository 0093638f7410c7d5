package org.nasbowl.surrogates.regression.trees;

import java.util.List;
import java.util.Objects;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.surrogates.regression.Surrogate;
import smile.data.DataFrame;
import smile.data.Tuple;

/**
 * What the tree-ensemble surrogates share: the space's {@link FlatEncoding}, a number of trees (or rounds) of at
 * least 1, the training checks of {@link Surrogate#checkTraining}, the Smile training frame, and per-row
 * prediction on the predictor columns in the order the trees were grown on.
 *
 * @param <A> architecture type
 */
abstract class FlatTreeSurrogate<A> implements Surrogate<A> {
  /** Smile's default maximum tree depth. */
  static final int DEFAULT_MAX_DEPTH = 20;
  /** Smile's default minimum leaf size. */
  static final int DEFAULT_NODE_SIZE = 5;

  final SearchSpace<A> space;
  final FlatEncoding encoding;
  final int trees;

  /** On {@link FlatEncoding#forSpace}{@code (space)}, with {@code trees} trees or rounds (at least 1). */
  FlatTreeSurrogate(SearchSpace<A> space, int trees) {
    this.space = Objects.requireNonNull(space, "space");
    this.encoding = FlatEncoding.forSpace(space);
    if (trees < 1) throw new IllegalArgumentException("trees must be >= 1: " + trees);
    this.trees = trees;
  }

  @Override
  public final Fitted<A> fit(List<A> architectures, double[] targets, long seed) {
    Surrogate.checkTraining(architectures, targets);
    double[][] x = FeatureTable.encode(space, encoding, architectures);
    return fit(FeatureTable.training(x, targets.clone(), encoding.dimension()), targets.length, seed);
  }

  /** Fits on the training frame (predictor columns, then the target) of {@code n} rows. */
  abstract Fitted<A> fit(DataFrame training, int n, long seed);

  /** The predictor rows of {@code architectures}, which fitted trees take directly. */
  final Tuple[] rows(List<A> architectures) {
    DataFrame x = FeatureTable.predictors(FeatureTable.encode(space, encoding, architectures), encoding.dimension());
    Tuple[] out = new Tuple[architectures.size()];
    for (int i = 0; i < out.length; i++) out[i] = x.get(i);
    return out;
  }
}
