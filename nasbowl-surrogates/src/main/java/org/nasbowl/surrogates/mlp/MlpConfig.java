package org.nasbowl.surrogates.mlp;

/**
 * Settings of a fully connected ReLU regression network trained with Adam ({@link Mlp}).
 *
 * @param hiddenLayers number of hidden ReLU layers, &gt;= 1
 * @param width units per hidden layer, &gt;= 1
 * @param loss training loss
 * @param learningRate Adam step size
 * @param beta1 Adam first-moment decay
 * @param beta2 Adam second-moment decay
 * @param epsilon Adam denominator offset
 * @param epochs maximum passes over the training set
 * @param batchSize mini-batch size (the last batch of an epoch may be smaller)
 * @param patience stop when the epoch's mean training loss has not fallen below {@code (1 - minRelativeDecrease)}
 *     times its best value for this many consecutive epochs; 0 = always run all epochs
 * @param minRelativeDecrease relative decrease of the training loss that counts as progress, in [0, 1)
 */
public record MlpConfig(int hiddenLayers, int width, Loss loss, double learningRate, double beta1, double beta2,
    double epsilon, int epochs, int batchSize, int patience, double minRelativeDecrease) {

  /** Training losses. */
  public enum Loss {
    /** Mean absolute error (BANANAS). */
    MAE,
    /** Mean squared error. */
    MSE
  }

  public MlpConfig {
    if (hiddenLayers < 1) throw new IllegalArgumentException("need at least one hidden layer: " + hiddenLayers);
    if (width < 1) throw new IllegalArgumentException("width must be >= 1: " + width);
    if (loss == null) throw new IllegalArgumentException("loss must not be null");
    if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0: " + learningRate);
    if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1): " + beta1);
    if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1): " + beta2);
    if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be > 0: " + epsilon);
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1: " + epochs);
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
    if (patience < 0) throw new IllegalArgumentException("patience must be >= 0: " + patience);
    if (!(minRelativeDecrease >= 0 && minRelativeDecrease < 1)) {
      throw new IllegalArgumentException("minRelativeDecrease must be in [0, 1): " + minRelativeDecrease);
    }
  }

  /**
   * The BANANAS network as published and in its code (naszilla/bananas, meta_neural_net.py): 10 hidden layers of
   * width 20, MAE loss, Adam with learning rate 0.01, beta1 0.9, beta2 0.99 (Keras epsilon 1e-7), 200 epochs,
   * batch 32, no early stopping.
   */
  public static MlpConfig bananasPaper() {
    return new MlpConfig(10, 20, Loss.MAE, 0.01, 0.9, 0.99, 1e-7, 200, 32, 0, 0.0);
  }

  public MlpConfig withEpochs(int e) {
    return new MlpConfig(hiddenLayers, width, loss, learningRate, beta1, beta2, epsilon, e, batchSize, patience,
        minRelativeDecrease);
  }

  public MlpConfig withHiddenLayers(int layers) {
    return new MlpConfig(layers, width, loss, learningRate, beta1, beta2, epsilon, epochs, batchSize, patience,
        minRelativeDecrease);
  }

  public MlpConfig withLoss(Loss l) {
    return new MlpConfig(hiddenLayers, width, l, learningRate, beta1, beta2, epsilon, epochs, batchSize, patience,
        minRelativeDecrease);
  }

  public MlpConfig withEarlyStopping(int p, double minDecrease) {
    return new MlpConfig(hiddenLayers, width, loss, learningRate, beta1, beta2, epsilon, epochs, batchSize, p,
        minDecrease);
  }
}
