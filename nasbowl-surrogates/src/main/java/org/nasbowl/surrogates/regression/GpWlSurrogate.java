package org.nasbowl.surrogates.regression;

import java.util.ArrayList;
import java.util.List;
import org.nasbowl.core.gp.FittedGp;
import org.nasbowl.core.gp.GaussianProcess;
import org.nasbowl.core.gp.GpConfig;
import org.nasbowl.core.gp.Posterior;
import org.nasbowl.core.gp.TargetTransform;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.BaseKernel;
import org.nasbowl.core.kernel.WlFeatureExtractor;
import org.nasbowl.core.space.SearchSpace;

/**
 * The core GP on WL features as a regression surrogate: {@code gp-wl} (dot product, h by likelihood over
 * {0..4}), {@code gp-wloa} (histogram intersection), {@code gp-vh} (h = 0, the vertex-histogram kernel). The
 * noise is chosen by marginal likelihood on the training data. The GP models -log(1 - acc); predictions are
 * mapped back to accuracy, acc = 1 - exp(-mu), with the delta-method variance exp(-2 mu) sigma^2 (predictive).
 * The fit is deterministic (no random choices), so the seed is unused.
 */
public final class GpWlSurrogate<A> implements Surrogate<A> {
  private final SearchSpace<A> space;
  private final GpConfig config;
  private final WlFeatureExtractor extractor;

  public GpWlSurrogate(SearchSpace<A> space, BaseKernel base, List<Integer> hGrid) {
    this.space = space;
    this.config = GpConfig.regression().withBase(base).withHGrid(hGrid).withParallel(false)
        .withTransform(TargetTransform.NEG_LOG_ERROR);
    this.extractor = new WlFeatureExtractor(config.maxDepth());
  }

  private List<ArchitectureFeatures> features(List<A> as) {
    List<ArchitectureFeatures> out = new ArrayList<>(as.size());
    for (A a : as) out.add(extractor.extract(space.encode(a)));
    return out;
  }

  @Override
  public Fitted<A> fit(List<A> architectures, double[] targets, long seed) {
    Surrogate.checkTraining(architectures, targets);
    double[] clipped = new double[targets.length];
    for (int i = 0; i < targets.length; i++) clipped[i] = Math.min(Math.max(targets[i], 0), 1 - 1e-9);
    FittedGp gp = GaussianProcess.fit(features(architectures), clipped, config);
    return as -> {
      Posterior p = gp.posterior(features(as)).marginals();
      return toAccuracy(p);
    };
  }

  /** Maps a posterior on -log(1 - acc) to accuracy units (delta method for the variance). */
  static Prediction toAccuracy(Posterior p) {
    int m = p.size();
    double[] mean = new double[m];
    double[] var = new double[m];
    for (int j = 0; j < m; j++) {
      double mu = p.mean()[j];
      mean[j] = -Math.expm1(-mu);
      var[j] = Math.exp(-2 * mu) * p.predictiveVariance(j);
    }
    return new Prediction(mean, var);
  }
}
