package org.nasbowl.surrogates.regression.trees;

import java.util.SplittableRandom;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.surrogates.regression.Prediction;
import smile.base.cart.Loss;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.math.MathEx;
import smile.regression.GradientTreeBoost;

/**
 * Gradient-boosted regression trees (Smile 3.1.1 {@link GradientTreeBoost}) on the {@link FlatEncoding} of the
 * space. Id {@code gbt}. No predictive variance ({@link Prediction#variance()} is null).
 *
 * <p>Hyperparameters are Smile 3.1.1's defaults (those of {@code GradientTreeBoost.fit(formula, data)}, read from
 * its {@code smile.gradient_boost.*} properties), except the number of rounds: least-absolute-deviation loss,
 * shrinkage 0.05, trees of at most 6 leaves and depth 20, leaves of at least 5 samples, each tree on a 70%
 * subsample drawn without replacement. Rounds: {@value #DEFAULT_TREES} instead of Smile's 500, because 500 took
 * 0.75 to 1.2 s per fit at n = 400 on NAS-Bench-201 on the 2-core build machine, while 200 take about 0.3 s;
 * with shrinkage 0.05 a residual a tree fits exactly shrinks by 0.95^200 &lt; 1e-4 over 200 rounds, so the
 * extra rounds change little.
 *
 * <p>Seeding: Smile 3.1.1's {@code GradientTreeBoost.fit} takes no seed; its only random draws (the subsample
 * permutation of every round) come from {@code MathEx}'s thread-local generator of the thread calling fit.
 * This class reseeds that generator ({@code MathEx.setSeed}) with a value derived from the fit seed just before
 * fitting on the same thread, so the fit depends only on its seed even when several fits run concurrently on
 * different threads. Side effect: the calling thread's Smile generator is left in the state the fit leaves.
 *
 * @param <A> architecture type
 */
public final class GradientBoostingSurrogate<A> extends FlatTreeSurrogate<A> {
  /** Number of boosting rounds (Smile's default is 500; see the class comment). */
  public static final int DEFAULT_TREES = 200;
  /** Smile's default shrinkage (learning rate). */
  public static final double DEFAULT_SHRINKAGE = 0.05;
  /** Smile's default maximum number of leaves per tree. */
  public static final int DEFAULT_MAX_NODES = 6;
  /** Smile's default subsample fraction per round. */
  public static final double DEFAULT_SUBSAMPLE = 0.7;

  /** {@value #DEFAULT_TREES} rounds and Smile's other defaults, on {@link FlatEncoding#forSpace}{@code (space)}. */
  public GradientBoostingSurrogate(SearchSpace<A> space) {
    super(space, DEFAULT_TREES);
  }

  @Override
  Fitted<A> fit(DataFrame data, int n, long seed) {
    // Mixed through SplittableRandom so that nearby fit seeds do not give nearby generator seeds.
    MathEx.setSeed(new SplittableRandom(seed).nextLong());
    GradientTreeBoost model = GradientTreeBoost.fit(FeatureTable.FORMULA, data, Loss.lad(), trees,
        DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES, DEFAULT_NODE_SIZE, DEFAULT_SHRINKAGE, DEFAULT_SUBSAMPLE);
    return architectures -> {
      Tuple[] rows = rows(architectures);
      double[] mean = new double[rows.length];
      for (int i = 0; i < mean.length; i++) mean[i] = model.predict(rows[i]);
      return new Prediction(mean, null);
    };
  }
}
