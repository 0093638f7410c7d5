package org.nasbowl.surrogates.regression.gnn;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The GIN regression network (shape only; parameters live in one flat array passed to every method).
 *
 * <p>Layer 0 node states are one-hot labels ({@code vocab} wide). GIN layer {@code l} (Xu et al. 2019, with
 * direction kept): for each node {@code v},
 * <pre>
 *   z_v = (1 + eps_l) h_v + sum_{u in pred(v)} h_u      (in-messages, the GIN update)
 *   s_v = sum_{u in succ(v)} h_u                          (out-messages)
 *   h'_v = ReLU(B_l ReLU(A_l [z_v ; s_v] + b_l) + c_l)    (2-layer MLP)
 * </pre>
 * Using both in- and out-neighbours in separate input blocks keeps the DAG's direction (an undirected sum
 * would confuse "feeds" with "is fed by"). Readout per cell: the sums over the cell's nodes of the states of
 * every layer 0..L, concatenated (the jumping-knowledge readout of Xu et al.); the cell readouts are
 * concatenated (DARTS: normal then reduction cell, GIN weights shared). Head: ReLU(W_h r + b_h), then a linear
 * output. Loss: mean squared error.
 *
 * <p>Parameter layout: per layer l: eps_l, A_l (2 d_in x width, row j = input j), b_l, B_l (width x width),
 * c_l; then W_h (readout x headWidth), b_h, w_o (headWidth), b_o.
 */
final class GinNetwork {
  final int vocab;
  final int layers;
  final int width;
  final int head;
  final int cells;
  final int perCell;
  final int readout;
  final int size;
  private final int[] inDim;
  private final int[] offEps;
  private final int[] offA;
  private final int[] offB1;
  private final int[] offB;
  private final int[] offC;
  private final int offWh;
  private final int offBh;
  private final int offWo;
  private final int offBo;

  GinNetwork(int vocab, int cells, int layers, int width, int head) {
    this.vocab = vocab;
    this.cells = cells;
    this.layers = layers;
    this.width = width;
    this.head = head;
    this.perCell = vocab + layers * width;
    this.readout = cells * perCell;
    inDim = new int[layers];
    offEps = new int[layers];
    offA = new int[layers];
    offB1 = new int[layers];
    offB = new int[layers];
    offC = new int[layers];
    int o = 0;
    for (int l = 0; l < layers; l++) {
      inDim[l] = l == 0 ? vocab : width;
      offEps[l] = o++;
      offA[l] = o;
      o += 2 * inDim[l] * width;
      offB1[l] = o;
      o += width;
      offB[l] = o;
      o += width * width;
      offC[l] = o;
      o += width;
    }
    offWh = o;
    o += readout * head;
    offBh = o;
    o += head;
    offWo = o;
    o += head;
    offBo = o++;
    size = o;
  }

  /** He initialisation of the ReLU layers, N(0, 1 / fan_in) output weights, eps and biases 0. */
  double[] initial(RandomGenerator rng) {
    double[] p = new double[size];
    for (int l = 0; l < layers; l++) {
      double sa = Math.sqrt(2.0 / (2 * inDim[l]));
      for (int k = 0; k < 2 * inDim[l] * width; k++) p[offA[l] + k] = sa * rng.nextGaussian();
      double sb = Math.sqrt(2.0 / width);
      for (int k = 0; k < width * width; k++) p[offB[l] + k] = sb * rng.nextGaussian();
    }
    double sh = Math.sqrt(2.0 / readout);
    for (int k = 0; k < readout * head; k++) p[offWh + k] = sh * rng.nextGaussian();
    double so = Math.sqrt(1.0 / head);
    for (int k = 0; k < head; k++) p[offWo + k] = so * rng.nextGaussian();
    return p;
  }

  /** Name of the parameter group holding parameter {@code k} (for tests), e.g. {@code A1}, {@code head.W}. */
  String group(int k) {
    if (k < 0 || k >= size) throw new IllegalArgumentException("no parameter " + k);
    if (k >= offBo) return "out.b";
    if (k >= offWo) return "out.w";
    if (k >= offBh) return "head.b";
    if (k >= offWh) return "head.W";
    for (int l = layers - 1; l >= 0; l--) {
      if (k >= offC[l]) return "c" + l;
      if (k >= offB[l]) return "B" + l;
      if (k >= offB1[l]) return "b" + l;
      if (k >= offA[l]) return "A" + l;
      if (k >= offEps[l]) return "eps" + l;
    }
    throw new AssertionError(k);
  }

  /** Scratch arrays for one architecture at a time (not shared between threads). */
  final class Work {
    final double[][] h = new double[layers + 1][];
    final double[][] x = new double[layers][];
    final double[][] a = new double[layers][];
    final double[] r = new double[readout];
    final double[] g = new double[head];
    final double[] dr = new double[readout];
    final double[] dg = new double[head];
    final double[] dx;
    final double[] dh;
    final double[] dhPrev;
    final double[] dp = new double[width];
    final double[] da = new double[width];
    final int[] cellOf;
    /** Transposes of A_l, B_l and W_h for the backward pass (filled by {@link #transpose}). */
    final double[][] at = new double[layers][];
    final double[][] bt = new double[layers][];
    final double[] wht = new double[readout * head];

    Work(int maxNodes) {
      int m = Math.max(1, maxNodes);
      int maxIn = Math.max(vocab, width);
      h[0] = new double[m * vocab];
      for (int l = 0; l < layers; l++) {
        h[l + 1] = new double[m * width];
        x[l] = new double[m * 2 * inDim[l]];
        a[l] = new double[m * width];
      }
      dx = new double[m * 2 * maxIn];
      dh = new double[m * maxIn];
      dhPrev = new double[m * maxIn];
      cellOf = new int[m];
      for (int l = 0; l < layers; l++) {
        at[l] = new double[2 * inDim[l] * width];
        bt[l] = new double[width * width];
      }
    }

    /** Stores the transposed weight matrices of {@code p}, so that the backward pass runs on contiguous rows. */
    void transpose(double[] p) {
      for (int l = 0; l < layers; l++) {
        transposeInto(p, offA[l], 2 * inDim[l], width, at[l]);
        transposeInto(p, offB[l], width, width, bt[l]);
      }
      transposeInto(p, offWh, readout, head, wht);
    }
  }

  private static void transposeInto(double[] p, int off, int rows, int cols, double[] out) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) out[j * rows + i] = p[off + i * cols + j];
    }
  }

  Work work(int maxNodes) {
    return new Work(maxNodes);
  }

  /** Forward pass of architecture {@code i}; leaves the activations in {@code w} and returns the output. */
  double forward(double[] p, GraphData d, int i, Work w) {
    final int wd = width;
    int base = d.nodeStart[i * cells];
    int m = d.nodeStart[(i + 1) * cells] - base;
    for (int c = 0; c < cells; c++) {
      for (int v = d.nodeStart[i * cells + c]; v < d.nodeStart[i * cells + c + 1]; v++) w.cellOf[v - base] = c;
    }
    double[] h0 = w.h[0];
    Arrays.fill(h0, 0, m * vocab, 0.0);
    for (int v = 0; v < m; v++) h0[v * vocab + d.label[base + v]] = 1.0;
    for (int l = 0; l < layers; l++) {
      int din = inDim[l];
      int dxw = 2 * din;
      double[] hp = w.h[l];
      double[] x = w.x[l];
      double[] a = w.a[l];
      double[] hn = w.h[l + 1];
      double e1 = 1 + p[offEps[l]];
      int oA = offA[l];
      int oB1 = offB1[l];
      int oB = offB[l];
      int oC = offC[l];
      for (int v = 0; v < m; v++) {
        int xo = v * dxw;
        int ho = v * din;
        for (int j = 0; j < din; j++) {
          x[xo + j] = e1 * hp[ho + j];
          x[xo + din + j] = 0.0;
        }
        int gv = base + v;
        for (int q = d.predStart[gv]; q < d.predStart[gv + 1]; q++) {
          int uo = (d.pred[q] - base) * din;
          for (int j = 0; j < din; j++) x[xo + j] += hp[uo + j];
        }
        for (int q = d.succStart[gv]; q < d.succStart[gv + 1]; q++) {
          int uo = (d.succ[q] - base) * din;
          for (int j = 0; j < din; j++) x[xo + din + j] += hp[uo + j];
        }
        int ao = v * wd;
        System.arraycopy(p, oB1, a, ao, wd);
        for (int j = 0; j < dxw; j++) {
          double xj = x[xo + j];
          if (xj == 0.0) continue;
          int row = oA + j * wd;
          for (int k = 0; k < wd; k++) a[ao + k] += xj * p[row + k];
        }
        for (int k = 0; k < wd; k++) if (a[ao + k] < 0) a[ao + k] = 0.0;
        System.arraycopy(p, oC, hn, ao, wd);
        for (int j = 0; j < wd; j++) {
          double aj = a[ao + j];
          if (aj == 0.0) continue;
          int row = oB + j * wd;
          for (int k = 0; k < wd; k++) hn[ao + k] += aj * p[row + k];
        }
        for (int k = 0; k < wd; k++) if (hn[ao + k] < 0) hn[ao + k] = 0.0;
      }
    }
    double[] r = w.r;
    Arrays.fill(r, 0.0);
    for (int v = 0; v < m; v++) {
      int ro = w.cellOf[v] * perCell;
      r[ro + d.label[base + v]] += 1.0;
      for (int l = 0; l < layers; l++) {
        double[] hl = w.h[l + 1];
        int bo = ro + vocab + l * wd;
        int ho = v * wd;
        for (int k = 0; k < wd; k++) r[bo + k] += hl[ho + k];
      }
    }
    double[] g = w.g;
    System.arraycopy(p, offBh, g, 0, head);
    for (int j = 0; j < readout; j++) {
      double rj = r[j];
      if (rj == 0.0) continue;
      int row = offWh + j * head;
      for (int k = 0; k < head; k++) g[k] += rj * p[row + k];
    }
    double out = p[offBo];
    for (int k = 0; k < head; k++) {
      if (g[k] < 0) g[k] = 0.0;
      out += g[k] * p[offWo + k];
    }
    return out;
  }

  /**
   * Adds {@code dout} times the gradient of the output of the last {@link #forward} (same i, w) to grad;
   * {@link Work#transpose} must have been called with the same {@code p}.
   */
  void backward(double[] p, GraphData d, int i, Work w, double dout, double[] grad) {
    final int wd = width;
    int base = d.nodeStart[i * cells];
    int m = d.nodeStart[(i + 1) * cells] - base;
    double[] g = w.g;
    double[] dg = w.dg;
    grad[offBo] += dout;
    for (int k = 0; k < head; k++) {
      grad[offWo + k] += dout * g[k];
      dg[k] = g[k] > 0 ? dout * p[offWo + k] : 0.0;
      grad[offBh + k] += dg[k];
    }
    double[] r = w.r;
    double[] dr = w.dr;
    for (int j = 0; j < readout; j++) {
      double rj = r[j];
      if (rj == 0.0) continue;
      int row = offWh + j * head;
      for (int k = 0; k < head; k++) grad[row + k] += rj * dg[k];
    }
    Arrays.fill(dr, 0.0);
    double[] wht = w.wht;
    for (int k = 0; k < head; k++) {
      double gk = dg[k];
      if (gk == 0.0) continue;
      int row = k * readout;
      for (int j = 0; j < readout; j++) dr[j] += gk * wht[row + j];
    }
    // Gradient of the top layer's states: its readout block.
    double[] dh = w.dh;
    double[] dhPrev = w.dhPrev;
    for (int v = 0; v < m; v++) {
      int bo = w.cellOf[v] * perCell + vocab + (layers - 1) * wd;
      System.arraycopy(dr, bo, dh, v * wd, wd);
    }
    double[] dp = w.dp;
    double[] da = w.da;
    double[] dx = w.dx;
    for (int l = layers - 1; l >= 0; l--) {
      int din = inDim[l];
      int dxw = 2 * din;
      double[] hp = w.h[l];
      double[] x = w.x[l];
      double[] a = w.a[l];
      double[] hn = w.h[l + 1];
      int oA = offA[l];
      int oB1 = offB1[l];
      int oB = offB[l];
      int oC = offC[l];
      double[] at = w.at[l];
      double[] bt = w.bt[l];
      for (int v = 0; v < m; v++) {
        int ao = v * wd;
        for (int k = 0; k < wd; k++) {
          double gk = hn[ao + k] > 0 ? dh[ao + k] : 0.0;
          dp[k] = gk;
          grad[oC + k] += gk;
        }
        for (int j = 0; j < wd; j++) {
          double aj = a[ao + j];
          if (aj == 0.0) continue;
          int row = oB + j * wd;
          for (int k = 0; k < wd; k++) grad[row + k] += aj * dp[k];
        }
        Arrays.fill(da, 0.0);
        for (int k = 0; k < wd; k++) {
          double gk = dp[k];
          if (gk == 0.0) continue;
          int row = k * wd;
          for (int j = 0; j < wd; j++) da[j] += gk * bt[row + j];
        }
        for (int j = 0; j < wd; j++) if (a[ao + j] == 0.0) da[j] = 0.0;
        for (int k = 0; k < wd; k++) grad[oB1 + k] += da[k];
        int xo = v * dxw;
        for (int j = 0; j < dxw; j++) {
          double xj = x[xo + j];
          if (xj == 0.0) continue;
          int row = oA + j * wd;
          for (int k = 0; k < wd; k++) grad[row + k] += xj * da[k];
        }
        Arrays.fill(dx, xo, xo + dxw, 0.0);
        for (int k = 0; k < wd; k++) {
          double gk = da[k];
          if (gk == 0.0) continue;
          int row = k * dxw;
          for (int j = 0; j < dxw; j++) dx[xo + j] += gk * at[row + j];
        }
      }
      // eps_l and the gradient of the previous layer's states.
      double e1 = 1 + p[offEps[l]];
      double deps = 0;
      for (int v = 0; v < m; v++) {
        int xo = v * dxw;
        int ho = v * din;
        for (int j = 0; j < din; j++) deps += hp[ho + j] * dx[xo + j];
      }
      grad[offEps[l]] += deps;
      if (l == 0) break;
      for (int v = 0; v < m; v++) {
        int bo = w.cellOf[v] * perCell + vocab + (l - 1) * wd;
        System.arraycopy(dr, bo, dhPrev, v * din, din);
      }
      for (int v = 0; v < m; v++) {
        int xo = v * dxw;
        int ho = v * din;
        for (int j = 0; j < din; j++) dhPrev[ho + j] += e1 * dx[xo + j];
        int gv = base + v;
        for (int q = d.predStart[gv]; q < d.predStart[gv + 1]; q++) {
          int uo = (d.pred[q] - base) * din;
          for (int j = 0; j < din; j++) dhPrev[uo + j] += dx[xo + j];
        }
        for (int q = d.succStart[gv]; q < d.succStart[gv + 1]; q++) {
          int uo = (d.succ[q] - base) * din;
          for (int j = 0; j < din; j++) dhPrev[uo + j] += dx[xo + din + j];
        }
      }
      double[] t = dh;
      dh = dhPrev;
      dhPrev = t;
    }
  }

  /** Mean squared error over the architectures {@code idx[from .. from + count - 1]}. */
  double loss(double[] p, GraphData d, int[] idx, int from, int count, double[] y, Work w) {
    double s = 0;
    for (int t = from; t < from + count; t++) {
      double e = forward(p, d, idx[t], w) - y[idx[t]];
      s += e * e;
    }
    return s / count;
  }

  /** As {@link #loss}, adding its gradient to {@code grad}. */
  double lossAndGradient(double[] p, GraphData d, int[] idx, int from, int count, double[] y, Work w,
      double[] grad) {
    w.transpose(p);
    double s = 0;
    for (int t = from; t < from + count; t++) {
      int i = idx[t];
      double e = forward(p, d, i, w) - y[i];
      s += e * e;
      backward(p, d, i, w, 2 * e / count, grad);
    }
    return s / count;
  }
}
