package org.nasbowl.surrogates.regression.trees;

import java.util.List;
import org.nasbowl.core.space.SearchSpace;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;

/** Encoded architectures as the Smile data frame the tree learners take: columns x0..x(d-1), response y. */
final class FeatureTable {
  static final String RESPONSE = "y";
  static final Formula FORMULA = Formula.lhs(RESPONSE);

  private FeatureTable() {}

  static <A> double[][] encode(SearchSpace<A> space, FlatEncoding encoding, List<A> architectures) {
    double[][] x = new double[architectures.size()][];
    for (int i = 0; i < x.length; i++) x[i] = encoding.encode(space, architectures.get(i));
    return x;
  }

  static String[] names(int d) {
    String[] names = new String[d];
    for (int j = 0; j < d; j++) names[j] = "x" + j;
    return names;
  }

  /** The predictors alone. */
  static DataFrame predictors(double[][] x, int d) {
    return DataFrame.of(x, names(d));
  }

  /** Predictors and response. */
  static DataFrame training(double[][] x, double[] y, int d) {
    return predictors(x, d).merge(DoubleVector.of(RESPONSE, y));
  }
}
