package org.nasbowl.experiments.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.gp.FittedGp;
import org.nasbowl.core.gp.GaussianProcess;
import org.nasbowl.core.gp.MeanGradient;
import org.nasbowl.core.gp.Posterior;
import org.nasbowl.core.gp.TargetTransform;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.WlFeatureExtractor;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.interpret.MotifReport;

/**
 * The model NAS-BOWL has of a run: its GP fitted, with the optimiser's own settings
 * ({@link NasBowlConfig#defaults}: WL depth in {1, 2, 3} and the noise by marginal likelihood), on the run's
 * successful evaluations and its warm start. It predicts any architecture of the space (mean and predictive
 * standard deviation, in accuracy), names the motifs of an architecture that push its prediction up or down (the
 * GP mean's derivative with respect to each of its WL features), and ranks architectures the run has not
 * evaluated by the optimiser's acquisition (UCB with its beta, on the latent standard deviation).
 */
public final class RunModel<A> {
  private final SearchSpace<A> space;
  private final FittedGp gp;
  private final WlFeatureExtractor extractor;
  private final NasBowlConfig config = NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION);
  private final Set<String> evaluated = new HashSet<>();
  private final List<A> trained = new ArrayList<>();
  private final double[] accuracies;

  /**
   * A prediction in accuracy units: the posterior mean, the predictive standard deviation, and the acquisition
   * (UCB, mean plus beta latent standard deviations in the model's target units) mapped back to accuracy.
   */
  public record Prediction(double mean, double sd, double acquisition) {}

  /** A motif of an architecture and the GP mean's derivative with respect to it. */
  public record Push(String motif, int depth, int cell, double derivative) {}

  public RunModel(SearchSpace<A> space, RunData run) {
    this.space = space;
    int h = config.gp().maxDepth();
    this.extractor = new WlFeatureExtractor(h);
    List<ArchitectureFeatures> xs = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (RunEvaluation e : run.modelled()) {
      // Every evaluation is a row, replicates too: the GP averages repeated rows as it weighs their noise.
      A a = space.parse(e.architecture());
      if (evaluated.add(space.key(a))) trained.add(a);
      xs.add(extractor.extract(space.encode(a)));
      y.add(Math.min(e.valid(), 1 - 1e-9));
    }
    for (RunEvaluation e : run.evaluations()) evaluated.add(space.key(space.parse(e.architecture())));
    if (xs.size() < 2) throw new IllegalArgumentException(run.describe() + ": at least 2 successful evaluations are needed");
    this.accuracies = y.stream().mapToDouble(Double::doubleValue).toArray();
    this.gp = GaussianProcess.fit(xs, accuracies, config.gp());
  }

  public FittedGp gp() {
    return gp;
  }

  public SearchSpace<A> space() {
    return space;
  }

  /** Whether the run evaluated the architecture (successfully or not). */
  public boolean evaluated(A architecture) {
    return evaluated.contains(space.key(architecture));
  }

  public List<Prediction> predict(List<A> architectures) {
    List<ArchitectureFeatures> xs = architectures.stream().map(a -> extractor.extract(space.encode(a))).toList();
    Posterior p = gp.posterior(xs).marginals();
    TargetTransform t = gp.config().transform();
    List<Prediction> out = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      double m = p.mean()[i];
      double s = p.predictiveStd(i);
      double sd = Math.abs(t.invert(m + s) - t.invert(m - s)) / 2;
      out.add(new Prediction(t.invert(m), sd, t.invert(m + config.beta() * p.latentStd(i))));
    }
    return out;
  }

  /** The architecture's motifs by the derivative of the GP mean, most positive first. */
  public List<Push> pushes(A architecture) {
    List<LabelledDag> cells = space.encode(architecture);
    ArchitectureFeatures x = extractor.extract(cells);
    Map<String, Push> out = new LinkedHashMap<>();
    Map<String, WlFeatureExtractor.FeatureName> names = new HashMap<>();
    for (int c = 0; c < cells.size(); c++) {
      for (var e : WlFeatureExtractor.names(cells.get(c), gp.h()).entrySet()) {
        names.put(c + ":" + e.getValue().depth() + ":" + e.getKey(), e.getValue());
      }
    }
    for (var e : MeanGradient.allDerivatives(gp, x).entrySet()) {
      MeanGradient.FeatureKey k = e.getKey();
      if (x.cell(k.cell()).value(k.depth(), k.id()) <= 0) continue;
      WlFeatureExtractor.FeatureName n = names.get(k.cell() + ":" + k.depth() + ":" + k.id());
      // A bare input or output label is a leaf at every depth, never a motif.
      if (n == null || MotifReport.INPUT_OUTPUT.contains(n.label())) continue;
      // A label reached at several depths is one motif; keep its shallowest.
      out.putIfAbsent(k.cell() + ":" + n.label(), new Push(n.label(), k.depth(), k.cell(), e.getValue()));
    }
    List<Push> sorted = new ArrayList<>(out.values());
    sorted.sort(Comparator.comparingDouble(Push::derivative).reversed());
    return sorted;
  }

  /**
   * The {@code k} architectures the run has not evaluated with the highest acquisition: over the whole space
   * where it has at most 100,000 architectures, else over {@code pool} candidates (the one-edit neighbours of the
   * 10 best evaluated, then random ones), drawn with {@code seed}.
   */
  public List<A> top(int k, int pool, long seed) {
    List<A> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>(evaluated);
    if (space.size().isPresent() && space.size().getAsLong() <= 100_000) {
      space.enumerate().forEach(a -> {
        if (seen.add(space.key(a))) candidates.add(a);
      });
    } else {
      SplittableRandom rng = new SplittableRandom(seed);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < trained.size(); i++) order.add(i);
      order.sort((i, j) -> Double.compare(accuracies[j], accuracies[i]));
      for (int i : order.subList(0, Math.min(10, order.size()))) {
        for (A n : space.neighbours(trained.get(i), rng)) {
          if (candidates.size() < pool && seen.add(space.key(n))) candidates.add(n);
        }
      }
      for (int tries = 0; candidates.size() < pool && tries < 20 * pool; tries++) {
        A a = space.sample(rng);
        if (seen.add(space.key(a))) candidates.add(a);
      }
    }
    List<Prediction> p = predict(candidates);
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) idx.add(i);
    idx.sort((i, j) -> Double.compare(p.get(j).acquisition(), p.get(i).acquisition()));
    List<A> out = new ArrayList<>();
    for (int i : idx.subList(0, Math.min(k, idx.size()))) out.add(candidates.get(i));
    return out;
  }
}
