package org.nasbowl.surrogates.regression.trees;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.surrogates.regression.Prediction;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.regression.RandomForest;
import smile.regression.RegressionTree;

/**
 * Random-forest regression (Smile 3.1.1 {@link RandomForest}) on the {@link FlatEncoding} of the space: the
 * "random forest" competitor of the surrogate-regression experiment (ALGORITHM.md section 9). Id {@code rf}.
 *
 * <p>Hyperparameters are Smile 3.1.1's defaults (those of {@code RandomForest.fit(formula, data)}, read from
 * its {@code smile.random_forest.*} properties), except the number of trees: {@code mtry} = max(1, d/3) features
 * tried per split, maximum depth 20, at most max(2, n/5) leaves per tree, leaves of at least 5 samples, bootstrap
 * samples of size n drawn with replacement. Trees: {@value #DEFAULT_TREES} instead of Smile's 500, because 500
 * took 0.7 to 1.5 s per fit at n = 400 on NAS-Bench-201 on the 2-core build machine (the regression experiment
 * fits every model 20 seeds x 6 sizes x 3 benchmarks), while 100 take about 0.2 s; more trees only reduce the
 * Monte Carlo noise of the forest average, and 100 is scikit-learn's default.
 *
 * <p>Seeding: Smile grows each tree on a pooled thread after {@code MathEx.setSeed(s)} with the tree's own seed
 * {@code s}, but only for explicit seeds {@code s > 1}; otherwise the thread-local generator continues from
 * whatever state that pooled thread had, and fits are not reproducible. Here the tree seeds are drawn from
 * {@code SplittableRandom(seed)} in [2, 2^63), distinct, so each tree (its bootstrap sample and the features
 * tried at each split, all drawn on the thread that reseeded) depends only on its own seed, whatever thread
 * runs it and whatever runs concurrently; different fit seeds give disjoint tree seeds.
 *
 * <p>Prediction: the mean over trees, and as variance the population variance of the per-tree predictions (a
 * spread of the ensemble, not a calibrated posterior).
 *
 * @param <A> architecture type
 */
public final class RandomForestSurrogate<A> extends FlatTreeSurrogate<A> {
  /** Number of trees (Smile's default is 500; see the class comment). */
  public static final int DEFAULT_TREES = 100;

  /** {@value #DEFAULT_TREES} trees and Smile's other defaults, on {@link FlatEncoding#forSpace}{@code (space)}. */
  public RandomForestSurrogate(SearchSpace<A> space) {
    super(space, DEFAULT_TREES);
  }

  @Override
  Fitted<A> fit(DataFrame data, int n, long seed) {
    int mtry = Math.max(encoding.dimension() / 3, 1);
    int maxNodes = Math.max(2, n / 5);
    RandomForest forest = RandomForest.fit(FeatureTable.FORMULA, data, trees, mtry, DEFAULT_MAX_DEPTH, maxNodes,
        DEFAULT_NODE_SIZE, 1.0, LongStream.of(treeSeeds(seed, trees)));
    RegressionTree[] grown = forest.trees();
    return architectures -> {
      Tuple[] rows = rows(architectures);
      double[] mean = new double[rows.length];
      double[] variance = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        double sum = 0;
        double sumSq = 0;
        for (RegressionTree tree : grown) {
          double p = tree.predict(rows[i]);
          sum += p;
          sumSq += p * p;
        }
        mean[i] = sum / grown.length;
        variance[i] = Math.max(0.0, sumSq / grown.length - mean[i] * mean[i]);
      }
      return new Prediction(mean, variance);
    };
  }

  /** Distinct per-tree seeds above 1 (Smile reseeds a tree only for seeds &gt; 1). */
  static long[] treeSeeds(long seed, int trees) {
    SplittableRandom rng = new SplittableRandom(seed);
    long[] out = new long[trees];
    Set<Long> seen = new HashSet<>();
    for (int t = 0; t < trees; ) {
      long s = rng.nextLong(2, Long.MAX_VALUE);
      if (seen.add(s)) out[t++] = s;
    }
    return out;
  }
}
