package org.nasbowl.core.gp;

/**
 * Posterior marginals of a GP over a pool of candidates, in the model's target units (un-standardised; for
 * NAS-BOWL the targets are -log(1 - accuracy), larger is better).
 *
 * @param mean posterior mean per candidate
 * @param latentVariance variance of the latent function per candidate (without observation noise), >= 0
 * @param noiseVariance the observation noise variance in target units; predictive = latent + noise
 */
public record Posterior(double[] mean, double[] latentVariance, double noiseVariance) {
  public Posterior {
    if (mean.length != latentVariance.length) {
      throw new IllegalArgumentException("mean and variance lengths differ: " + mean.length + " vs "
          + latentVariance.length);
    }
    if (!(noiseVariance >= 0)) throw new IllegalArgumentException("noise variance must be >= 0: " + noiseVariance);
  }

  public int size() {
    return mean.length;
  }

  public double predictiveVariance(int i) {
    return latentVariance[i] + noiseVariance;
  }

  public double latentStd(int i) {
    return Math.sqrt(latentVariance[i]);
  }

  public double predictiveStd(int i) {
    return Math.sqrt(predictiveVariance(i));
  }
}
