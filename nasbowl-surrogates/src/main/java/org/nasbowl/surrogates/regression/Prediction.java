package org.nasbowl.surrogates.regression;

/**
 * A surrogate's predictions for a batch, in the units of the targets it was fitted on (validation accuracy).
 *
 * @param mean predicted mean per architecture
 * @param variance predictive variance per architecture, or null for models without one
 */
public record Prediction(double[] mean, double[] variance) {
  public Prediction {
    if (variance != null && variance.length != mean.length) {
      throw new IllegalArgumentException("mean and variance lengths differ");
    }
  }

  public boolean hasVariance() {
    return variance != null;
  }
}
