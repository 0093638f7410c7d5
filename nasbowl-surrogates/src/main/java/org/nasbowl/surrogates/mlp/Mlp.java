package org.nasbowl.surrogates.mlp;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A small fully connected regression network, input -&gt; {@code hiddenLayers} x ReLU({@code width}) -&gt; one
 * linear output, trained by mini-batch Adam on an absolute or squared error loss. Written for speed on tiny data
 * (BANANAS refits five of these at every NAS iteration): all parameters live in one flat array, a mini-batch is
 * pushed through in row-major blocks, and the first layer reads the inputs as sparse rows (path encodings are
 * mostly zeros), so the input dimension costs nothing in the forward and backward passes.
 *
 * <p>Initialisation (He et al. 2015): hidden weights N(0, 2 / fan_in), output weights N(0, 1 / fan_in), biases
 * 0, all drawn from the caller's generator. Adam as in Keras: bias-corrected step
 * {@code lr sqrt(1 - beta2^t) / (1 - beta1^t)} times {@code m / (sqrt(v) + epsilon)}. Each epoch visits the
 * training set in a fresh random order (Fisher-Yates from the caller's generator).
 *
 * <p>Layout of the parameter vector: layer 0 weights (inputs x width, row j = input j), layer 0 biases, then for
 * each further hidden layer its weights (width x width) and biases, then the output weights (width) and the
 * output bias.
 */
public final class Mlp {
  private final int inputs;
  private final int width;
  private final int layers;
  private final double[] params;
  private final int epochsRun;

  private Mlp(int inputs, int width, int layers, double[] params, int epochsRun) {
    this.inputs = inputs;
    this.width = width;
    this.layers = layers;
    this.params = params;
    this.epochsRun = epochsRun;
  }

  /** Number of parameters of a network with this many inputs. */
  public static int parameterCount(int inputs, MlpConfig config) {
    int w = config.width();
    return inputs * w + w + (config.hiddenLayers() - 1) * (w * w + w) + w + 1;
  }

  /** A freshly initialised (untrained) network. */
  public static Mlp initial(int inputs, MlpConfig config, RandomGenerator rng) {
    if (inputs < 1) throw new IllegalArgumentException("need at least one input: " + inputs);
    int w = config.width();
    int nl = config.hiddenLayers();
    double[] p = new double[parameterCount(inputs, config)];
    int o = 0;
    double s0 = Math.sqrt(2.0 / inputs);
    for (int i = 0; i < inputs * w; i++) p[o++] = s0 * rng.nextGaussian();
    o += w;
    double sh = Math.sqrt(2.0 / w);
    for (int l = 1; l < nl; l++) {
      for (int i = 0; i < w * w; i++) p[o++] = sh * rng.nextGaussian();
      o += w;
    }
    double so = Math.sqrt(1.0 / w);
    for (int i = 0; i < w; i++) p[o++] = so * rng.nextGaussian();
    return new Mlp(inputs, w, nl, p, 0);
  }

  /**
   * Trains a fresh network on (x, y).
   *
   * @param x training inputs, all of one length
   * @param y targets
   * @param rng the only source of randomness (initialisation, then the epoch orders)
   * @throws IllegalArgumentException for no data, mismatched sizes or non-finite values
   */
  public static Mlp train(double[][] x, double[] y, MlpConfig config, RandomGenerator rng) {
    Mlp init = initial(checkData(x, y), config, rng);
    return init.continueTraining(x, y, config, rng);
  }

  /** Trains a copy of this network further (the returned network; this one is unchanged). */
  public Mlp continueTraining(double[][] x, double[] y, MlpConfig config, RandomGenerator rng) {
    checkData(x, y);
    requireShape(x, config);
    int n = x.length;
    double[] p = params.clone();
    Engine e = new Engine(inputs, width, layers, Math.min(config.batchSize(), n));
    SparseRows rows = SparseRows.of(x);
    double[] grad = new double[p.length];
    double[] m = new double[p.length];
    double[] v = new double[p.length];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    double b1 = config.beta1();
    double b2 = config.beta2();
    double b1t = 1;
    double b2t = 1;
    double best = Double.POSITIVE_INFINITY;
    int stale = 0;
    int epoch = 0;
    while (epoch < config.epochs()) {
      epoch++;
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double epochLoss = 0;
      for (int from = 0; from < n; from += config.batchSize()) {
        int count = Math.min(config.batchSize(), n - from);
        Arrays.fill(grad, 0.0);
        epochLoss += e.lossAndGradient(p, rows, order, from, count, y, config.loss(), grad) * count;
        b1t *= b1;
        b2t *= b2;
        double step = config.learningRate() * Math.sqrt(1 - b2t) / (1 - b1t);
        double eps = config.epsilon();
        for (int k = 0; k < p.length; k++) {
          double g = grad[k];
          double mk = b1 * m[k] + (1 - b1) * g;
          double vk = b2 * v[k] + (1 - b2) * g * g;
          m[k] = mk;
          v[k] = vk;
          p[k] -= step * mk / (Math.sqrt(vk) + eps);
        }
      }
      if (config.patience() > 0) {
        epochLoss /= n;
        if (epochLoss < best * (1 - config.minRelativeDecrease())) {
          best = epochLoss;
          stale = 0;
        } else if (++stale >= config.patience()) {
          break;
        }
      }
    }
    return new Mlp(inputs, width, layers, p, epochsRun + epoch);
  }

  /** The prediction for one input. */
  public double predict(double[] x) {
    return predict(new double[][] {x})[0];
  }

  /** Predictions for many inputs. */
  public double[] predict(double[][] xs) {
    for (double[] row : xs) requireLength(row);
    SparseRows rows = SparseRows.of(xs);
    int block = 64;
    Engine e = new Engine(inputs, width, layers, Math.max(1, Math.min(block, xs.length)));
    double[] out = new double[xs.length];
    int[] order = new int[xs.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    for (int from = 0; from < xs.length; from += block) {
      int count = Math.min(block, xs.length - from);
      e.forward(params, rows, order, from, count);
      System.arraycopy(e.out, 0, out, from, count);
    }
    return out;
  }

  /** The mean training loss over (x, y). */
  public double loss(double[][] x, double[] y, MlpConfig.Loss loss) {
    checkData(x, y);
    for (double[] row : x) requireLength(row);
    double[] pred = predict(x);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double r = pred[i] - y[i];
      s += loss == MlpConfig.Loss.MAE ? Math.abs(r) : r * r;
    }
    return s / y.length;
  }

  /** The analytic gradient of {@link #loss} with respect to {@link #parameters()}, over all of (x, y) at once. */
  public double[] gradient(double[][] x, double[] y, MlpConfig.Loss loss) {
    checkData(x, y);
    for (double[] row : x) requireLength(row);
    int n = x.length;
    Engine e = new Engine(inputs, width, layers, n);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    double[] grad = new double[params.length];
    e.lossAndGradient(params, SparseRows.of(x), order, 0, n, y, loss, grad);
    return grad;
  }

  /** A copy of the parameter vector (layout in the class comment). */
  public double[] parameters() {
    return params.clone();
  }

  /** The same architecture with other parameters. */
  public Mlp withParameters(double[] p) {
    if (p.length != params.length) {
      throw new IllegalArgumentException("expected " + params.length + " parameters, got " + p.length);
    }
    return new Mlp(inputs, width, layers, p.clone(), epochsRun);
  }

  public int inputs() {
    return inputs;
  }

  /** Epochs of training behind this network (fewer than configured when early stopping ended it). */
  public int epochsRun() {
    return epochsRun;
  }

  private void requireShape(double[][] x, MlpConfig config) {
    if (config.width() != width || config.hiddenLayers() != layers) {
      throw new IllegalArgumentException("config describes " + config.hiddenLayers() + " x " + config.width()
          + " but the network is " + layers + " x " + width);
    }
    for (double[] row : x) requireLength(row);
  }

  private void requireLength(double[] row) {
    if (row.length != inputs) {
      throw new IllegalArgumentException("input of length " + row.length + ", the network takes " + inputs);
    }
  }

  private static int checkData(double[][] x, double[] y) {
    if (x.length == 0) throw new IllegalArgumentException("no training data");
    if (x.length != y.length) throw new IllegalArgumentException(x.length + " inputs but " + y.length + " targets");
    int d = x[0].length;
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("input " + i + " has length " + x[i].length + ", input 0 has " + d);
      }
      for (double v : x[i]) if (!Double.isFinite(v)) throw new IllegalArgumentException("input " + i + " is not finite");
      if (!Double.isFinite(y[i])) throw new IllegalArgumentException("target " + i + " is not finite: " + y[i]);
    }
    return d;
  }

  /** Inputs as sparse rows: the nonzero positions and values of each. */
  private record SparseRows(int[][] index, double[][] value) {
    static SparseRows of(double[][] x) {
      int[][] idx = new int[x.length][];
      double[][] val = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        int nz = 0;
        for (double v : x[i]) if (v != 0) nz++;
        idx[i] = new int[nz];
        val[i] = new double[nz];
        int t = 0;
        for (int j = 0; j < x[i].length; j++) {
          if (x[i][j] != 0) {
            idx[i][t] = j;
            val[i][t++] = x[i][j];
          }
        }
      }
      return new SparseRows(idx, val);
    }
  }

  /** Forward and backward passes over a block of rows, with preallocated activations. */
  private static final class Engine {
    final int inputs;
    final int w;
    final int nl;
    /** h[l]: activations of hidden layer l, row-major (batch x width). */
    final double[][] h;
    double[] delta;
    double[] deltaPrev;
    final double[] out;
    final double[] g;

    Engine(int inputs, int w, int nl, int capacity) {
      this.inputs = inputs;
      this.w = w;
      this.nl = nl;
      h = new double[nl][capacity * w];
      delta = new double[capacity * w];
      deltaPrev = new double[capacity * w];
      out = new double[capacity];
      g = new double[capacity];
    }

    int biasOffset0() {
      return inputs * w;
    }

    int weightOffset(int l) {
      return inputs * w + w + (l - 1) * (w * w + w);
    }

    int outWeightOffset() {
      return inputs * w + w + (nl - 1) * (w * w + w);
    }

    void forward(double[] p, SparseRows x, int[] order, int from, int count) {
      int b0 = biasOffset0();
      double[] h0 = h[0];
      for (int bi = 0; bi < count; bi++) {
        int s = order[from + bi];
        int base = bi * w;
        System.arraycopy(p, b0, h0, base, w);
        int[] idx = x.index[s];
        double[] val = x.value[s];
        for (int t = 0; t < idx.length; t++) {
          double xv = val[t];
          int wo = idx[t] * w;
          for (int k = 0; k < w; k++) h0[base + k] += xv * p[wo + k];
        }
        for (int k = 0; k < w; k++) if (h0[base + k] < 0) h0[base + k] = 0;
      }
      for (int l = 1; l < nl; l++) {
        double[] prev = h[l - 1];
        double[] cur = h[l];
        int wOff = weightOffset(l);
        int bOff = wOff + w * w;
        for (int bi = 0; bi < count; bi++) {
          int base = bi * w;
          System.arraycopy(p, bOff, cur, base, w);
          for (int j = 0; j < w; j++) {
            double a = prev[base + j];
            if (a == 0) continue;
            int wo = wOff + j * w;
            for (int k = 0; k < w; k++) cur[base + k] += a * p[wo + k];
          }
          for (int k = 0; k < w; k++) if (cur[base + k] < 0) cur[base + k] = 0;
        }
      }
      double[] last = h[nl - 1];
      int ow = outWeightOffset();
      double ob = p[ow + w];
      for (int bi = 0; bi < count; bi++) {
        int base = bi * w;
        double s = ob;
        for (int k = 0; k < w; k++) s += last[base + k] * p[ow + k];
        out[bi] = s;
      }
    }

    /** Adds the gradient of the mean loss over the block to grad; returns the mean loss. */
    double lossAndGradient(double[] p, SparseRows x, int[] order, int from, int count, double[] y,
        MlpConfig.Loss loss, double[] grad) {
      forward(p, x, order, from, count);
      double total = 0;
      for (int bi = 0; bi < count; bi++) {
        double r = out[bi] - y[order[from + bi]];
        if (loss == MlpConfig.Loss.MAE) {
          total += Math.abs(r);
          g[bi] = Math.signum(r) / count;
        } else {
          total += r * r;
          g[bi] = 2 * r / count;
        }
      }
      int ow = outWeightOffset();
      double[] last = h[nl - 1];
      for (int bi = 0; bi < count; bi++) {
        int base = bi * w;
        double gb = g[bi];
        grad[ow + w] += gb;
        for (int k = 0; k < w; k++) {
          double a = last[base + k];
          grad[ow + k] += gb * a;
          delta[base + k] = a > 0 ? gb * p[ow + k] : 0;
        }
      }
      for (int l = nl - 1; l >= 1; l--) {
        double[] prev = h[l - 1];
        int wOff = weightOffset(l);
        int bOff = wOff + w * w;
        for (int bi = 0; bi < count; bi++) {
          int base = bi * w;
          for (int k = 0; k < w; k++) grad[bOff + k] += delta[base + k];
          for (int j = 0; j < w; j++) {
            double a = prev[base + j];
            int wo = wOff + j * w;
            if (a == 0) {
              deltaPrev[base + j] = 0;
              continue;
            }
            double s = 0;
            for (int k = 0; k < w; k++) {
              double d = delta[base + k];
              grad[wo + k] += a * d;
              s += p[wo + k] * d;
            }
            // ReLU: a > 0 exactly where the unit was active.
            deltaPrev[base + j] = s;
          }
        }
        double[] t = delta;
        delta = deltaPrev;
        deltaPrev = t;
      }
      int b0 = biasOffset0();
      for (int bi = 0; bi < count; bi++) {
        int s = order[from + bi];
        int base = bi * w;
        for (int k = 0; k < w; k++) grad[b0 + k] += delta[base + k];
        int[] idx = x.index[s];
        double[] val = x.value[s];
        for (int t = 0; t < idx.length; t++) {
          double xv = val[t];
          int wo = idx[t] * w;
          for (int k = 0; k < w; k++) grad[wo + k] += xv * delta[base + k];
        }
      }
      return total / count;
    }
  }
}
