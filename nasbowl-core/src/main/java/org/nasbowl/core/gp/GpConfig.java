package org.nasbowl.core.gp;

import java.util.List;
import org.nasbowl.core.kernel.BaseKernel;

/**
 * Settings of a GP-WL fit (ALGORITHM.md section 4). Defaults follow the original: h chosen by marginal
 * likelihood over a grid ({1, 2, 3} during search, {0..4} in regression), noise chosen by bounded 1-D
 * maximisation of the likelihood over [1e-5, 1e-2]. NAS-BOWL's search narrows the noise interval to
 * {@link org.nasbowl.core.bo.NasBowlConfig#NOISE_LOWER [1e-2, 1e-1]}, chosen by the ablation study.
 *
 * @param base base kernel per WL depth
 * @param hGrid candidate WL depths
 * @param fixedNoise the noise variance (in standardised target units) when fixed; null = optimise
 * @param noiseLower lower bound of the noise search
 * @param noiseUpper upper bound of the noise search
 * @param transform observation -> target transform
 * @param parallel evaluate the h grid and score pools on all cores
 */
public record GpConfig(BaseKernel base, List<Integer> hGrid, Double fixedNoise, double noiseLower, double noiseUpper,
    TargetTransform transform, boolean parallel) {
  public GpConfig {
    hGrid = List.copyOf(hGrid);
    if (hGrid.isEmpty()) throw new IllegalArgumentException("the h grid is empty");
    for (int h : hGrid) if (h < 0) throw new IllegalArgumentException("WL depth must be >= 0: " + h);
    if (fixedNoise != null && !(fixedNoise > 0)) throw new IllegalArgumentException("noise must be > 0: " + fixedNoise);
    if (!(noiseLower > 0 && noiseLower < noiseUpper)) {
      throw new IllegalArgumentException("need 0 < noiseLower < noiseUpper: " + noiseLower + ", " + noiseUpper);
    }
  }

  /** The search setting: h in {1, 2, 3}, noise optimised, -log(1 - acc) targets, dot-product kernel. */
  public static GpConfig search() {
    return new GpConfig(BaseKernel.DOT_PRODUCT, List.of(1, 2, 3), null, 1e-5, 1e-2, TargetTransform.NEG_LOG_ERROR,
        true);
  }

  /** The regression setting: h in {0..4}, noise optimised. */
  public static GpConfig regression() {
    return new GpConfig(BaseKernel.DOT_PRODUCT, List.of(0, 1, 2, 3, 4), null, 1e-5, 1e-2,
        TargetTransform.NEG_LOG_ERROR, true);
  }

  public GpConfig withBase(BaseKernel b) {
    return new GpConfig(b, hGrid, fixedNoise, noiseLower, noiseUpper, transform, parallel);
  }

  public GpConfig withHGrid(List<Integer> grid) {
    return new GpConfig(base, grid, fixedNoise, noiseLower, noiseUpper, transform, parallel);
  }

  /** Fixed noise (e.g. 1e-3 for deterministic objectives); null to optimise. */
  public GpConfig withFixedNoise(Double noise) {
    return new GpConfig(base, hGrid, noise, noiseLower, noiseUpper, transform, parallel);
  }

  /** Noise chosen by marginal likelihood in [lower, upper] (standardised target units). */
  public GpConfig withNoiseBounds(double lower, double upper) {
    return new GpConfig(base, hGrid, null, lower, upper, transform, parallel);
  }

  public GpConfig withTransform(TargetTransform t) {
    return new GpConfig(base, hGrid, fixedNoise, noiseLower, noiseUpper, t, parallel);
  }

  public GpConfig withParallel(boolean p) {
    return new GpConfig(base, hGrid, fixedNoise, noiseLower, noiseUpper, transform, p);
  }

  public int maxDepth() {
    return hGrid.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }
}
