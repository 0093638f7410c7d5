package org.nasbowl.surrogates.regression;

import java.util.List;
import java.util.SplittableRandom;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.surrogates.bananas.Bananas;
import org.nasbowl.surrogates.encoding.PathEncoding;
import org.nasbowl.surrogates.mlp.MlpEnsemble;

/**
 * {@code mlp}: BANANAS' predictor, an ensemble of 5 MLPs on the path encoding with BANANAS' network and
 * optimiser ({@link Bananas#DEFAULT_MLP}: 10 layers of width 20, Adam, MAE, early stopping), trained on the
 * accuracies; the mean and the spread of the members give mean and variance. Seeded from the fit's seed.
 */
public final class MlpEnsembleSurrogate<A> implements Surrogate<A> {
  public static final int MEMBERS = 5;
  private final SearchSpace<A> space;
  private final PathEncoding encoding;

  public MlpEnsembleSurrogate(SearchSpace<A> space) {
    this.space = space;
    this.encoding = PathEncoding.forSpace(space);
  }

  double[][] encode(List<A> as) {
    return GpPathSurrogate.encodeAll(encoding, space, as);
  }

  @Override
  public Fitted<A> fit(List<A> architectures, double[] targets, long seed) {
    Surrogate.checkTraining(architectures, targets);
    MlpEnsemble e = MlpEnsemble.fit(encode(architectures), targets.clone(), MEMBERS, Bananas.DEFAULT_MLP,
        new SplittableRandom(seed));
    return as -> {
      MlpEnsemble.Prediction p = e.predict(encode(as));
      double[] var = new double[p.std().length];
      for (int i = 0; i < var.length; i++) var[i] = p.std()[i] * p.std()[i];
      return new Prediction(p.mean(), var);
    };
  }
}
