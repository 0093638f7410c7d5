package org.nasbowl.surrogates.regression.gnn;

/**
 * Settings of the GIN surrogate ({@link GinSurrogate}).
 *
 * @param layers number of GIN message-passing layers, &gt;= 1
 * @param width hidden width of every GIN layer (both layers of its MLP), &gt;= 1
 * @param headWidth width of the hidden ReLU layer of the regression head, &gt;= 1
 * @param learningRate Adam step size
 * @param batchSize mini-batch size
 * @param maxEpochs maximum passes over the training part when early stopping is used
 * @param patience stop when the validation loss has not fallen below {@code (1 - minRelativeImprovement)} times
 *     its reference value for this many epochs; the parameters of the lowest validation loss are kept
 * @param validationFraction share of the training data held out for early stopping, in (0, 1)
 * @param minValidation at least this many points are held out when early stopping is used
 * @param minPointsForValidation with fewer training points no split is made and {@code fixedEpochs} are run
 * @param fixedEpochs epochs run on all data when {@code n < minPointsForValidation}
 * @param minRelativeImprovement relative decrease of the validation loss that resets the patience, in [0, 1)
 */
public record GinConfig(int layers, int width, int headWidth, double learningRate, int batchSize, int maxEpochs,
    int patience, double validationFraction, int minValidation, int minPointsForValidation, int fixedEpochs,
    double minRelativeImprovement) {

  public GinConfig {
    if (layers < 1) throw new IllegalArgumentException("need at least one GIN layer: " + layers);
    if (width < 1) throw new IllegalArgumentException("width must be >= 1: " + width);
    if (headWidth < 1) throw new IllegalArgumentException("head width must be >= 1: " + headWidth);
    if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0: " + learningRate);
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
    if (maxEpochs < 1) throw new IllegalArgumentException("maxEpochs must be >= 1: " + maxEpochs);
    if (patience < 1) throw new IllegalArgumentException("patience must be >= 1: " + patience);
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1): " + validationFraction);
    }
    if (minValidation < 1) throw new IllegalArgumentException("minValidation must be >= 1: " + minValidation);
    if (minPointsForValidation < minValidation + 2) {
      throw new IllegalArgumentException("minPointsForValidation must be >= minValidation + 2: "
          + minPointsForValidation);
    }
    if (fixedEpochs < 1) throw new IllegalArgumentException("fixedEpochs must be >= 1: " + fixedEpochs);
    if (!(minRelativeImprovement >= 0 && minRelativeImprovement < 1)) {
      throw new IllegalArgumentException("minRelativeImprovement must be in [0, 1): " + minRelativeImprovement);
    }
  }

  /**
   * The default: 3 GIN layers of width 16, head 32; Adam lr 1e-2, batch 32; from n = 60 on, at most 150 epochs
   * with a 15% validation split (at least 4 points), patience 12 and a 0.5% minimum relative improvement; below
   * n = 60 (validation sets of fewer than ~9 points stop at random) 100 fixed epochs on all data. Width 16
   * rather than 32 (a quarter of the multiply-adds) and the short patience keep a fit at n = 400 on
   * NAS-Bench-201 near 0.6 s of one core; on the synthetic NB201 target widths 24 and 32 and longer training
   * (300 epochs, patience 30) ranked no better (Spearman 0.962-0.963 at n = 400 in every setting).
   */
  public static GinConfig defaults() {
    return new GinConfig(3, 16, 32, 1e-2, 32, 150, 12, 0.15, 4, 60, 100, 0.005);
  }

  public GinConfig withTraining(double lr, int batch, int max, int pat, double minRel) {
    return new GinConfig(layers, width, headWidth, lr, batch, max, pat, validationFraction, minValidation,
        minPointsForValidation, fixedEpochs, minRel);
  }

  public GinConfig withWidth(int w) {
    return new GinConfig(layers, w, headWidth, learningRate, batchSize, maxEpochs, patience, validationFraction,
        minValidation, minPointsForValidation, fixedEpochs, minRelativeImprovement);
  }

  public GinConfig withLayers(int l) {
    return new GinConfig(l, width, headWidth, learningRate, batchSize, maxEpochs, patience, validationFraction,
        minValidation, minPointsForValidation, fixedEpochs, minRelativeImprovement);
  }

  public GinConfig withEpochs(int max, int pat, int fixed) {
    return new GinConfig(layers, width, headWidth, learningRate, batchSize, max, pat, validationFraction,
        minValidation, minPointsForValidation, fixed, minRelativeImprovement);
  }
}
