package org.nasbowl.surrogates.encoding;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.nasbowl.core.bo.History;
import org.nasbowl.core.bo.HistoryBacked;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.bo.Proposals;
import org.nasbowl.core.space.SearchSpace;

/**
 * The ask/tell skeleton shared by the competitors whose surrogate works on a fixed-length encoding of the
 * architecture (BANANAS, GP-path BO): random architectures until {@code initial} (at least 2) successful
 * observations exist; then {@link #fit} on all successful observations (encoded, as training targets),
 * a candidate pool from {@link #pool}, and the batch {@link #select}ed from it, each pick marked pending. Fresh
 * random samples make up a batch the pool cannot fill, so an ask returns fewer than B only when the space is
 * exhausted. All randomness is the per-ask generator of {@link History#nextAskRandom()}, used by fit, pool and
 * select in that order. Encodings are computed once per architecture.
 *
 * @param <A> architecture type
 * @param <M> the fitted surrogate
 */
public abstract class EncodedSurrogateBo<A, M> implements HistoryBacked<A> {
  private final History<A> history;
  private final PathEncoding encoding;
  private final int initial;
  private final DoubleUnaryOperator target;
  private final Map<String, double[]> encodings = new HashMap<>();
  private M lastModel;

  /**
   * @param initial successful observations before the first model-based ask (at least 2 are used)
   * @param target the surrogate's training target for an observed value (the accuracy itself, or -log(1 - acc))
   */
  protected EncodedSurrogateBo(SearchSpace<A> space, long seed, PathEncoding encoding, int initial,
      DoubleUnaryOperator target) {
    this.history = new History<>(space, seed);
    this.encoding = encoding;
    this.initial = initial;
    this.target = target;
  }

  /** The surrogate fitted by the last model-based ask (null before the first). */
  public final M lastModel() {
    return lastModel;
  }

  /** Fits the surrogate to the encoded successful observations. */
  protected abstract M fit(double[][] x, double[] y, SplittableRandom rng);

  /** Unseen, not pending candidates to choose the batch from. */
  protected abstract List<A> pool(SplittableRandom rng);

  /** Indices into the encoded pool of at most {@code batchSize} candidates, best first, by the fitted model. */
  protected abstract int[] select(M model, double[][] candidates, int batchSize, SplittableRandom rng);

  @Override
  public final List<A> ask(int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
    SplittableRandom rng = history.nextAskRandom();
    List<History.Entry<A>> ok = history.successes();
    List<A> out = new ArrayList<>(batchSize);
    if (ok.size() >= Math.max(initial, 2)) {
      double[][] x = new double[ok.size()][];
      double[] y = new double[ok.size()];
      for (int i = 0; i < ok.size(); i++) {
        History.Entry<A> e = ok.get(i);
        x[i] = encodingOf(e.key(), e.architecture());
        y[i] = target.applyAsDouble(e.observation().value().getAsDouble());
      }
      lastModel = fit(x, y, rng);
      List<A> pool = pool(rng);
      if (!pool.isEmpty()) {
        double[][] px = new double[pool.size()][];
        for (int i = 0; i < px.length; i++) px[i] = encodingOf(history.space().key(pool.get(i)), pool.get(i));
        for (int p : select(lastModel, px, Math.min(batchSize, pool.size()), rng)) {
          history.markPending(pool.get(p));
          out.add(pool.get(p));
        }
      }
    }
    Proposals.fillWithFreshSamples(history, out, batchSize, rng);
    return out;
  }

  private double[] encodingOf(String key, A a) {
    return encodings.computeIfAbsent(key, k -> encoding.encode(history.space().encode(a)));
  }

  @Override
  public final void tell(A architecture, Observation observation) {
    history.record(architecture, observation);
  }

  @Override
  public final History<A> history() {
    return history;
  }
}
