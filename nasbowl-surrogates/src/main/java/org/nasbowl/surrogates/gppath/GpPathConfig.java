package org.nasbowl.surrogates.gppath;

import java.util.ArrayList;
import java.util.List;
import org.nasbowl.core.gp.TargetTransform;

/**
 * Settings of {@link GpPathBo}.
 *
 * @param initial random architectures before the first model-based ask (10, as the original NAS-BOWL)
 * @param poolSize candidates per ask (mutants of the best, topped up with random samples; 200, as NAS-BOWL)
 * @param parents how many of the best observed architectures are mutated (10)
 * @param lengthscales the lengthscale grid of the RBF kernel
 * @param noises the noise variance grid, standardised target units
 * @param transform observation -&gt; GP target
 */
public record GpPathConfig(int initial, int poolSize, int parents, List<Double> lengthscales, List<Double> noises,
    TargetTransform transform) {
  public GpPathConfig {
    lengthscales = List.copyOf(lengthscales);
    noises = List.copyOf(noises);
    if (initial < 0) throw new IllegalArgumentException("initial must be >= 0: " + initial);
    if (poolSize < 1) throw new IllegalArgumentException("pool size must be >= 1: " + poolSize);
    if (parents < 1) throw new IllegalArgumentException("parents must be >= 1: " + parents);
    if (lengthscales.isEmpty() || noises.isEmpty()) throw new IllegalArgumentException("empty grid");
    for (double l : lengthscales) if (!(l > 0 && Double.isFinite(l))) throw new IllegalArgumentException("bad lengthscale " + l);
    for (double v : noises) if (!(v > 0 && Double.isFinite(v))) throw new IllegalArgumentException("bad noise " + v);
    if (transform == null) throw new IllegalArgumentException("transform must not be null");
  }

  /**
   * The defaults: 10 initial, pool 200 from the 10 best, lengthscales 10 values log-spaced over [0.5, 50] (path
   * encodings are 0/1 vectors, so the squared distance counts differing paths: from 1 to a few tens), noise 7
   * values log-spaced over [1e-5, 1e-2] (core's GP-WL noise bounds), targets -log(1 - acc).
   */
  public static GpPathConfig defaults() {
    return new GpPathConfig(10, 200, 10, logGrid(0.5, 50, 10), logGrid(1e-5, 1e-2, 7),
        TargetTransform.NEG_LOG_ERROR);
  }

  /** {@code count} values from lo to hi, equally spaced in log. */
  public static List<Double> logGrid(double lo, double hi, int count) {
    if (!(lo > 0 && hi >= lo) || count < 1) throw new IllegalArgumentException("bad grid " + lo + ".." + hi);
    List<Double> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(count == 1 ? lo : Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * i / (count - 1)));
    }
    return out;
  }
}
