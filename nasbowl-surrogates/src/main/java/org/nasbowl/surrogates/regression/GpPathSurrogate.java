package org.nasbowl.surrogates.regression;

import java.util.List;
import org.nasbowl.core.gp.Posterior;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.surrogates.encoding.PathEncoding;
import org.nasbowl.surrogates.gppath.GpPathConfig;
import org.nasbowl.surrogates.gppath.RbfGp;

/**
 * {@code gp-path}: a GP with an RBF kernel on the path encoding (the GP of the gp-path optimiser), lengthscale and
 * noise chosen by marginal likelihood on the training data over the grids of {@link GpPathConfig#defaults()};
 * -log(1 - acc) targets mapped back to accuracy as in {@link GpWlSurrogate}. Deterministic; the seed is unused.
 */
public final class GpPathSurrogate<A> implements Surrogate<A> {
  private final SearchSpace<A> space;
  private final PathEncoding encoding;
  private final GpPathConfig config = GpPathConfig.defaults();

  public GpPathSurrogate(SearchSpace<A> space) {
    this.space = space;
    this.encoding = PathEncoding.forSpace(space);
  }

  double[][] encode(List<A> as) {
    return encodeAll(encoding, space, as);
  }

  /** The path encodings of a batch of architectures (shared with {@link MlpEnsembleSurrogate}). */
  static <A> double[][] encodeAll(PathEncoding encoding, SearchSpace<A> space, List<A> as) {
    double[][] x = new double[as.size()][];
    for (int i = 0; i < x.length; i++) x[i] = encoding.encode(space.encode(as.get(i)));
    return x;
  }

  @Override
  public Fitted<A> fit(List<A> architectures, double[] targets, long seed) {
    Surrogate.checkTraining(architectures, targets);
    double[] y = new double[targets.length];
    for (int i = 0; i < y.length; i++) y[i] = -Math.log1p(-Math.min(Math.max(targets[i], 0), 1 - 1e-9));
    RbfGp gp = RbfGp.fit(encode(architectures), y, config.lengthscales(), config.noises());
    return as -> {
      Posterior p = gp.posterior(encode(as)).marginals();
      return GpWlSurrogate.toAccuracy(p);
    };
  }
}
