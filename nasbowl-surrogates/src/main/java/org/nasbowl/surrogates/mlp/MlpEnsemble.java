package org.nasbowl.surrogates.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An ensemble of independently initialised {@link Mlp}s trained on the same data (BANANAS: five), predicting the
 * mean of the members and the spread between them as the uncertainty. Targets are standardised with their mean
 * and unbiased standard deviation before training and predictions are mapped back, so the networks always see
 * targets of unit scale whatever the objective's units.
 */
public final class MlpEnsemble {
  /** Mean and standard deviation (population, over members) of the ensemble's predictions per input. */
  public record Prediction(double[] mean, double[] std) {}

  private final List<Mlp> members;
  private final double targetMean;
  private final double targetScale;

  private MlpEnsemble(List<Mlp> members, double targetMean, double targetScale) {
    this.members = List.copyOf(members);
    this.targetMean = targetMean;
    this.targetScale = targetScale;
  }

  /**
   * Trains {@code size} networks; member i gets its own generator split from {@code rng} in order, so the number
   * of draws a member consumes does not change the others.
   */
  public static MlpEnsemble fit(double[][] x, double[] y, int size, MlpConfig config, SplittableRandom rng) {
    if (size < 1) throw new IllegalArgumentException("ensemble size must be >= 1: " + size);
    if (y.length == 0) throw new IllegalArgumentException("no training data");
    org.nasbowl.core.gp.Standardised st = org.nasbowl.core.gp.Standardised.of(y);
    double[] z = st.z();
    SplittableRandom[] streams = new SplittableRandom[size];
    for (int i = 0; i < size; i++) streams[i] = rng.split();
    List<Mlp> nets = new ArrayList<>(size);
    for (int i = 0; i < size; i++) nets.add(Mlp.train(x, z, config, streams[i]));
    return new MlpEnsemble(nets, st.mean(), st.sd());
  }

  /** Ensemble mean and standard deviation per input, in target units. */
  public Prediction predict(double[][] xs) {
    int m = xs.length;
    int k = members.size();
    double[][] p = new double[k][];
    for (int j = 0; j < k; j++) p[j] = members.get(j).predict(xs);
    double[] mean = new double[m];
    double[] std = new double[m];
    for (int i = 0; i < m; i++) {
      double s = 0;
      for (int j = 0; j < k; j++) s += p[j][i];
      double mu = s / k;
      double ss = 0;
      for (int j = 0; j < k; j++) ss += (p[j][i] - mu) * (p[j][i] - mu);
      mean[i] = targetMean + targetScale * mu;
      std[i] = targetScale * Math.sqrt(ss / k);
    }
    return new Prediction(mean, std);
  }

  public List<Mlp> members() {
    return members;
  }
}
