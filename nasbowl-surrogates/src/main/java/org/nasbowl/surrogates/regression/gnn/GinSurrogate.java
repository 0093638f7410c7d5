package org.nasbowl.surrogates.regression.gnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.surrogates.regression.Prediction;
import org.nasbowl.surrogates.regression.Surrogate;

/**
 * A small graph isomorphism network ("GNN-lite", Xu et al. ICLR 2019) on the space's op-on-node graphs
 * ({@link SearchSpace#encode}), written without dependencies; see {@link GinNetwork} for the architecture.
 *
 * <p>Fit: node features are one-hot labels over the vocabulary of the training graphs (sorted) plus an
 * "unknown" slot that unseen labels map to at prediction time. Targets are standardised (mean 0, standard
 * deviation 1; when all targets are equal that value is predicted for everything). Adam (beta1 0.9, beta2 0.999, epsilon 1e-8, Keras-style bias
 * correction) on mini-batches of the MSE. From {@link GinConfig#minPointsForValidation} points on, a random
 * {@link GinConfig#validationFraction} (at least {@link GinConfig#minValidation}) of the training data is held
 * out; training stops when its MSE has not improved for {@link GinConfig#patience} epochs and the parameters of
 * the best epoch are kept. With fewer points all are trained on for {@link GinConfig#fixedEpochs} epochs.
 * Initialisation, split and epoch orders come from one {@link SplittableRandom} seeded with the fit's seed, so
 * a seed determines the predictions exactly. No predictive variance (single network).
 *
 * @param <A> architecture type
 */
public final class GinSurrogate<A> implements Surrogate<A> {
  /** Identifier of this surrogate in the regression experiment. */
  public static final String ID = "gnn";

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double ADAM_EPSILON = 1e-8;

  private final SearchSpace<A> space;
  private final GinConfig config;

  public GinSurrogate(SearchSpace<A> space) {
    this(space, GinConfig.defaults());
  }

  public GinSurrogate(SearchSpace<A> space, GinConfig config) {
    if (space == null || config == null) throw new IllegalArgumentException("space and config must not be null");
    this.space = space;
    this.config = config;
  }

  public String id() {
    return ID;
  }

  public GinConfig config() {
    return config;
  }

  @Override
  public Fitted<A> fit(List<A> architectures, double[] targets, long seed) {
    Surrogate.checkTraining(architectures, targets);
    int n = targets.length;
    List<List<LabelledDag>> graphs = encode(architectures);
    int cells = graphs.get(0).size();
    if (cells < 1) throw new IllegalArgumentException("architecture 0 encodes to no graph");
    TreeSet<String> labels = new TreeSet<>();
    for (List<LabelledDag> g : graphs) for (LabelledDag dag : g) labels.addAll(dag.labels());
    Map<String, Integer> vocab = new HashMap<>();
    for (String s : labels) vocab.put(s, vocab.size());
    int unknown = vocab.size();
    GraphData data = GraphData.of(graphs, cells, vocab, unknown);

    double mean = 0;
    for (double t : targets) mean += t;
    mean /= n;
    double var = 0;
    for (double t : targets) var += (t - mean) * (t - mean);
    double sd = Math.sqrt(var / n);
    if (!(sd > 1e-12)) return new ConstantFit<>(mean);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) y[i] = (targets[i] - mean) / sd;

    GinNetwork net = new GinNetwork(unknown + 1, cells, config.layers(), config.width(), config.headWidth());
    SplittableRandom rng = new SplittableRandom(seed);
    double[] params = net.initial(rng);
    params = train(net, data, y, params, rng);
    return new FittedGin(net, params, vocab, unknown, cells, mean, sd);
  }

  /** Returns the trained parameters (the initial array is modified). */
  double[] train(GinNetwork net, GraphData data, double[] y, double[] p, SplittableRandom rng) {
    int n = y.length;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    shuffle(perm, n, rng);
    boolean early = n >= config.minPointsForValidation();
    int nVal = early ? Math.max(config.minValidation(), (int) Math.round(config.validationFraction() * n)) : 0;
    int nTrain = n - nVal;
    int[] train = Arrays.copyOfRange(perm, 0, nTrain);
    int[] val = Arrays.copyOfRange(perm, nTrain, n);
    int epochs = early ? config.maxEpochs() : config.fixedEpochs();
    int batch = Math.min(config.batchSize(), nTrain);
    GinNetwork.Work w = net.work(data.maxNodes);
    double[] grad = new double[p.length];
    double[] m1 = new double[p.length];
    double[] m2 = new double[p.length];
    double[] best = early ? p.clone() : null;
    double bestLoss = early ? net.loss(p, data, val, 0, nVal, y, w) : 0;
    double refLoss = bestLoss;
    int stale = 0;
    double b1t = 1;
    double b2t = 1;
    double lr = config.learningRate();
    for (int epoch = 0; epoch < epochs; epoch++) {
      shuffle(train, nTrain, rng);
      for (int from = 0; from < nTrain; from += batch) {
        int count = Math.min(batch, nTrain - from);
        Arrays.fill(grad, 0.0);
        net.lossAndGradient(p, data, train, from, count, y, w, grad);
        b1t *= BETA1;
        b2t *= BETA2;
        double step = lr * Math.sqrt(1 - b2t) / (1 - b1t);
        for (int k = 0; k < p.length; k++) {
          double gk = grad[k];
          double mk = BETA1 * m1[k] + (1 - BETA1) * gk;
          double vk = BETA2 * m2[k] + (1 - BETA2) * gk * gk;
          m1[k] = mk;
          m2[k] = vk;
          p[k] -= step * mk / (Math.sqrt(vk) + ADAM_EPSILON);
        }
      }
      if (early) {
        double l = net.loss(p, data, val, 0, nVal, y, w);
        if (l < bestLoss) {
          bestLoss = l;
          System.arraycopy(p, 0, best, 0, p.length);
        }
        if (l < refLoss * (1 - config.minRelativeImprovement())) {
          refLoss = l;
          stale = 0;
        } else if (++stale >= config.patience()) {
          break;
        }
      }
    }
    return early ? best : p;
  }

  private static void shuffle(int[] a, int len, SplittableRandom rng) {
    for (int i = len - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private List<List<LabelledDag>> encode(List<A> architectures) {
    List<List<LabelledDag>> graphs = new ArrayList<>(architectures.size());
    for (int i = 0; i < architectures.size(); i++) {
      A a = architectures.get(i);
      if (a == null) throw new IllegalArgumentException("architecture " + i + " is null");
      graphs.add(space.encode(a));
    }
    return graphs;
  }

  /** All training targets equal: nothing to learn, predict that value. */
  private record ConstantFit<A>(double value) implements Fitted<A> {
    @Override
    public Prediction predict(List<A> architectures) {
      double[] out = new double[architectures.size()];
      Arrays.fill(out, value);
      return new Prediction(out, null);
    }
  }

  private final class FittedGin implements Fitted<A> {
    private final GinNetwork net;
    private final double[] params;
    private final Map<String, Integer> vocab;
    private final int unknown;
    private final int cells;
    private final double mean;
    private final double sd;

    FittedGin(GinNetwork net, double[] params, Map<String, Integer> vocab, int unknown, int cells, double mean,
        double sd) {
      this.net = net;
      this.params = params;
      this.vocab = vocab;
      this.unknown = unknown;
      this.cells = cells;
      this.mean = mean;
      this.sd = sd;
    }

    @Override
    public Prediction predict(List<A> architectures) {
      GraphData data = GraphData.of(encode(architectures), cells, vocab, unknown);
      GinNetwork.Work w = net.work(data.maxNodes);
      double[] out = new double[data.count];
      for (int i = 0; i < data.count; i++) out[i] = mean + sd * net.forward(params, data, i, w);
      return new Prediction(out, null);
    }
  }
}
