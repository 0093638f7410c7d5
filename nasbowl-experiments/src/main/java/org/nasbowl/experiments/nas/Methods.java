package org.nasbowl.experiments.nas;

import java.util.List;
import org.nasbowl.core.bo.LocalSearch;
import org.nasbowl.core.bo.NasBowl;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.bo.Optimizer;
import org.nasbowl.core.bo.OptimizerFactory;
import org.nasbowl.core.bo.RandomSearch;
import org.nasbowl.core.bo.RegularizedEvolution;
import org.nasbowl.core.gp.GpConfig;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.surrogates.Competitors;

/** The method ids of the NAS experiments and the optimisers behind them. */
public final class Methods {
  private Methods() {}

  public static final List<String> IDS = List.of("nasbowl-m", "nasbowl-r", "nasbowl-x", "bananas-m", "bananas-r",
      "random", "evolution", "local", "gp-path");

  /**
   * One line per method for help texts. A NAS-BOWL variant id ({@code nasbowl-m[batch=greedy;noise=1e-2]}, see
   * {@link #variant}) is described by its base and its settings.
   */
  public static String describe(String id) {
    if (id.contains("[")) {
      Variant v = variant(id);
      return describe(v.base()) + "; variant: " + v.settings();
    }
    return switch (id) {
      case "nasbowl-m" -> "NAS-BOWL, 3 random initial architectures, then a pool of 200 mutants of the 5 best, UCB, "
          + "Kriging believer batches, GP noise by marginal likelihood in [1e-2, 1e-1]; failures imputed with the "
          + "worst value; on noisy objectives one replicate of the best per batch (at most 5 evaluations each) and "
          + "the recommendation by the highest lower confidence bound (posterior mean minus one sd)";
      case "nasbowl-r" -> "NAS-BOWL, pool of 200 random architectures";
      case "nasbowl-x" -> "NAS-BOWL, the whole (enumerable) space as pool";
      case "bananas-m" -> "BANANAS: MLP ensemble on path encodings, independent Thompson sampling, mutation pool";
      case "bananas-r" -> "BANANAS with a random pool";
      case "random" -> "random search";
      case "evolution" -> "regularised evolution (population 30, tournament 10)";
      case "local" -> "local search (10 random starts, one-edit neighbourhoods, restarts)";
      case "gp-path" -> "GP-BO with an RBF kernel on path encodings";
      default -> throw unknown(id);
    };
  }

  private static IllegalArgumentException unknown(String id) {
    return new IllegalArgumentException("unknown method '" + id + "'; known: " + IDS);
  }

  /**
   * The optimiser factory of a method.
   *
   * @param deterministic whether the objective is noise-free: NAS-BOWL then recommends its best observation and
   *     never replicates; on a noisy objective it replicates its best architecture and recommends by posterior
   *     mean ({@link NasBowlConfig#defaults(NasBowlConfig.Pool, boolean)})
   * @param parallel whether NAS-BOWL's surrogate may use all cores (false when runs already run in parallel)
   */
  public static OptimizerFactory factory(String id, boolean deterministic, boolean parallel) {
    NasBowlConfig d = NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION);
    return factory(id, deterministic, parallel, d.acquisition(), d.batch());
  }

  /** As {@link #factory(String, boolean, boolean)}, with NAS-BOWL's acquisition and batch selection chosen. */
  public static OptimizerFactory factory(String id, boolean deterministic, boolean parallel,
      NasBowlConfig.Acquisition acquisition, NasBowlConfig.Batch batch) {
    if (id.contains("[")) {
      Variant v = variant(id);
      return new OptimizerFactory() {
        @Override
        public <A> Optimizer<A> create(SearchSpace<A> space, long seed) {
          NasBowlConfig c = nasBowlConfig(v.pool(), deterministic, parallel, acquisition, batch);
          return new NasBowl<>(space, seed, v.apply(c));
        }
      };
    }
    if (!IDS.contains(id)) throw unknown(id);
    return new OptimizerFactory() {
      @Override
      public <A> Optimizer<A> create(SearchSpace<A> space, long seed) {
        return switch (id) {
          case "nasbowl-m" -> nasBowl(space, seed, NasBowlConfig.Pool.MUTATION, deterministic, parallel, acquisition, batch);
          case "nasbowl-r" -> nasBowl(space, seed, NasBowlConfig.Pool.RANDOM, deterministic, parallel, acquisition, batch);
          case "nasbowl-x" -> nasBowl(space, seed, NasBowlConfig.Pool.EXHAUSTIVE, deterministic, parallel, acquisition,
              batch);
          case "random" -> new RandomSearch<>(space, seed);
          case "evolution" -> new RegularizedEvolution<>(space, seed);
          case "local" -> new LocalSearch<>(space, seed);
          default -> Competitors.create(id, space, seed);
        };
      }
    };
  }

  private static <A> Optimizer<A> nasBowl(SearchSpace<A> space, long seed, NasBowlConfig.Pool pool,
      boolean deterministic, boolean parallel, NasBowlConfig.Acquisition acquisition, NasBowlConfig.Batch batch) {
    return new NasBowl<>(space, seed, nasBowlConfig(pool, deterministic, parallel, acquisition, batch));
  }

  private static NasBowlConfig nasBowlConfig(NasBowlConfig.Pool pool, boolean deterministic, boolean parallel,
      NasBowlConfig.Acquisition acquisition, NasBowlConfig.Batch batch) {
    NasBowlConfig c = NasBowlConfig.defaults(pool, deterministic);
    return c.withGp(c.gp().withParallel(parallel)).withAcquisition(acquisition).withBatch(batch);
  }

  /**
   * A NAS-BOWL variant for ablations: {@code BASE[key=value;...]} with BASE one of nasbowl-m, nasbowl-r,
   * nasbowl-x and keys
   * <ul>
   *   <li>{@code batch}: {@code kb} (Kriging believer), {@code greedy} (top-B, the original's) or {@code ts}
   *       (a Thompson batch);
   *   <li>{@code acq}: {@code ei}, {@code ucb}, {@code pi}, {@code ts};
   *   <li>{@code beta}: UCB's multiplier of the standard deviation (default 2.22, the original's effective value);
   *   <li>{@code ei}: the standard deviation UCB, EI and PI use, {@code latent} (default) or {@code predictive}
   *       (noise included, as the original's EI);
   *   <li>{@code noise}: {@code ml} (chosen by marginal likelihood), a fixed variance such as {@code 1e-2}, or
   *       {@code replicates} (the default: the pooled variance of replicates once two architectures have them,
   *       marginal likelihood before);
   *   <li>{@code bounds}: the noise search interval {@code LO:HI};
   *   <li>{@code h}: the WL depth grid, {@code LO-HI} or one depth;
   *   <li>{@code kernel}: {@code dot} (dot product) or {@code oa} (histogram intersection, WL-OA);
   *   <li>{@code pool}, {@code parents}, {@code initial}: pool size, parents mutated, random initial queries;
   *   <li>{@code mutation}: the m pool's operator, {@code one} (one edit) or {@code orig} (the original's
   *       multi-edit operator);
   *   <li>{@code random}: the share of the m pool drawn uniformly at random, e.g. {@code 0.5};
   *   <li>{@code incumbent}: what EI and PI improve on (UCB has none: combine with {@code acq=ei}), {@code orig}
   *       (the observed value at the best posterior mean), {@code observed} (the best observed value) or
   *       {@code mean} (the best posterior mean);
   *   <li>{@code recommend}: the recommendation among evaluated architectures, {@code observed} (the best
   *       observation), {@code mean} (the highest posterior mean) or {@code lcb} (mean minus one standard deviation);
   *   <li>{@code failures}: what a failed evaluation teaches the GP, {@code ignore} or {@code impute} (the lowest
   *       observed value);
   *   <li>{@code replicates}: the most evaluations of one architecture (default 1: none); above 1, one slot of every
   *       batch re-evaluates the architecture with the highest posterior mean while it has fewer;
   *   <li>{@code refit}: how much the data grows between selections of the GP's WL depth and noise beyond 500
   *       evaluations, e.g. {@code 0.1} (the default; results in between extend the fitted model at O(n^2) each)
   *       or {@code 0} (select at every ask, a fit from scratch); {@code refit-from}: the evaluations up to which
   *       they are selected at every ask (default 500).
   * </ul>
   * Ids contain no commas, so lists of them can be given to {@code --methods}; quote them in a shell.
   */
  public record Variant(String base, java.util.Map<String, String> settings) {
    NasBowlConfig.Pool pool() {
      return switch (base) {
        case "nasbowl-m" -> NasBowlConfig.Pool.MUTATION;
        case "nasbowl-r" -> NasBowlConfig.Pool.RANDOM;
        default -> NasBowlConfig.Pool.EXHAUSTIVE;
      };
    }

    /** The base configuration with this variant's settings applied. */
    public NasBowlConfig apply(NasBowlConfig c) {
      NasBowlConfig out = c;
      GpConfig gp = c.gp();
      for (var e : settings.entrySet()) {
        String v = e.getValue();
        switch (e.getKey()) {
          case "batch" -> {
            switch (v) {
              case "kb" -> out = out.withBatch(NasBowlConfig.Batch.KRIGING_BELIEVER);
              case "greedy" -> out = out.withBatch(NasBowlConfig.Batch.GREEDY);
              case "ts" -> out = out.withAcquisition(NasBowlConfig.Acquisition.TS);
              default -> throw bad(e.getKey(), v, "kb, greedy or ts");
            }
          }
          case "acq" -> out = out.withAcquisition(enumValue(NasBowlConfig.Acquisition.class, e.getKey(), v));
          case "beta" -> {
            try {
              out = out.withBeta(number(e.getKey(), v));
            } catch (IllegalArgumentException ex) {
              throw bad(e.getKey(), v, "a finite number >= 0");
            }
          }
          case "ei" -> out = out.withUncertainty(enumValue(org.nasbowl.core.acquisition.Uncertainty.class, e.getKey(), v));
          case "noise" -> {
            if (v.equals("replicates")) {
              out = out.withReplicateNoise(true);
            } else {
              out = out.withReplicateNoise(false);
              gp = v.equals("ml") ? gp.withFixedNoise(null) : gp.withFixedNoise(number(e.getKey(), v));
            }
          }
          case "bounds" -> {
            String[] lh = v.split(":");
            if (lh.length != 2) throw bad(e.getKey(), v, "LO:HI");
            gp = new GpConfig(gp.base(), gp.hGrid(), gp.fixedNoise(), number(e.getKey(), lh[0]),
                number(e.getKey(), lh[1]), gp.transform(), gp.parallel());
          }
          case "h" -> {
            String[] lh = v.split("-");
            try {
              int lo = Integer.parseInt(lh[0]);
              int hi = lh.length == 2 ? Integer.parseInt(lh[1]) : lo;
              if (lh.length > 2 || hi < lo) throw bad(e.getKey(), v, "LO-HI or one depth");
              List<Integer> grid = new java.util.ArrayList<>();
              for (int h = lo; h <= hi; h++) grid.add(h);
              gp = gp.withHGrid(grid);
            } catch (NumberFormatException ex) {
              throw bad(e.getKey(), v, "LO-HI or one depth");
            }
          }
          case "kernel" -> gp = gp.withBase(switch (v) {
            case "dot" -> org.nasbowl.core.kernel.BaseKernel.DOT_PRODUCT;
            case "oa" -> org.nasbowl.core.kernel.BaseKernel.HISTOGRAM_INTERSECTION;
            default -> throw bad(e.getKey(), v, "dot or oa");
          });
          case "pool", "parents", "initial" -> {
            int n = (int) number(e.getKey(), v);
            if (n < 1) throw bad(e.getKey(), v, "a whole number >= 1");
            out = out.withSizes(e.getKey().equals("pool") ? n : out.poolSize(),
                e.getKey().equals("parents") ? n : out.parents(), e.getKey().equals("initial") ? n : out.initial());
          }
          case "mutation" -> out = out.withMutation(switch (v) {
            case "one" -> NasBowlConfig.Mutation.ONE_EDIT;
            case "orig" -> NasBowlConfig.Mutation.ORIGINAL;
            default -> throw bad(e.getKey(), v, "one or orig");
          }, out.randomShare());
          case "random" -> {
            double share = number(e.getKey(), v);
            if (!(share >= 0 && share < 1)) throw bad(e.getKey(), v, "a share in [0, 1)");
            out = out.withMutation(out.mutation(), share);
          }
          case "incumbent" -> out = out.withIncumbent(switch (v) {
            case "orig" -> org.nasbowl.core.gp.Incumbent.OBSERVED_AT_BEST_MEAN;
            case "observed" -> org.nasbowl.core.gp.Incumbent.BEST_OBSERVED;
            case "mean" -> org.nasbowl.core.gp.Incumbent.BEST_MEAN;
            default -> throw bad(e.getKey(), v, "orig, observed or mean");
          });
          case "recommend" -> out = out.withRecommendation(enumValue(NasBowlConfig.Recommendation.class, e.getKey(), v));
          case "failures" -> out = out.withFailures(enumValue(NasBowlConfig.Failures.class, e.getKey(), v));
          case "replicates" -> {
            int n = (int) number(e.getKey(), v);
            if (n < 1 || n != number(e.getKey(), v)) throw bad(e.getKey(), v, "a whole number >= 1 (1: none)");
            out = out.withReplicates(n);
          }
          case "refit" -> {
            double f = number(e.getKey(), v);
            if (!(f >= 0 && f <= 10)) throw bad(e.getKey(), v, "a fraction in [0, 10] (0: at every ask)");
            out = out.withRefit(f);
          }
          case "refit-from" -> {
            int n = (int) number(e.getKey(), v);
            if (n < 1 || n != number(e.getKey(), v)) throw bad(e.getKey(), v, "a whole number >= 1");
            out = out.withRefit(out.refit(), n);
          }
          default -> throw new IllegalArgumentException("unknown variant setting '" + e.getKey() + "'; known: batch, "
              + "acq, beta, ei, noise, bounds, h, kernel, pool, parents, initial, mutation, random, incumbent, "
              + "recommend, failures, replicates, refit, refit-from");
        }
      }
      return out.withGp(gp);
    }

    private static IllegalArgumentException bad(String key, String value, String expected) {
      return new IllegalArgumentException("variant setting " + key + "=" + value + ": expected " + expected);
    }

    private static double number(String key, String value) {
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw bad(key, value, "a number");
      }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String key, String value) {
      try {
        return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw bad(key, value, java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT));
      }
    }
  }

  /**
   * A NAS-BOWL method id with one variant setting given or replaced, e.g. {@code withSetting("nasbowl-m",
   * "initial", "200")} is {@code nasbowl-m[initial=200]}.
   */
  public static String withSetting(String id, String key, String value) {
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
    String base = id;
    if (id.contains("[")) {
      Variant v = variant(id);
      base = v.base();
      settings.putAll(v.settings());
    }
    settings.put(key, value);
    StringBuilder sb = new StringBuilder(base).append('[');
    settings.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ";").append(k).append('=').append(v));
    String out = sb.append(']').toString();
    variant(out);
    return out;
  }

  /** Parses a variant id (see {@link Variant}); its settings are checked by applying them once. */
  public static Variant variant(String id) {
    int open = id.indexOf('[');
    if (open < 0 || !id.endsWith("]")) throw new IllegalArgumentException("variant '" + id + "': expected BASE[key=value;...]");
    String base = id.substring(0, open);
    if (!List.of("nasbowl-m", "nasbowl-r", "nasbowl-x").contains(base)) {
      throw new IllegalArgumentException("variant '" + id + "': only nasbowl-m, nasbowl-r and nasbowl-x have variants");
    }
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
    String body = id.substring(open + 1, id.length() - 1);
    if (!body.isBlank()) {
      for (String kv : body.split(";")) {
        int eq = kv.indexOf('=');
        if (eq <= 0) throw new IllegalArgumentException("variant '" + id + "': '" + kv + "' is not key=value");
        if (settings.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip()) != null) {
          throw new IllegalArgumentException("variant '" + id + "': " + kv.substring(0, eq) + " given twice");
        }
      }
    }
    Variant v = new Variant(base, settings);
    v.apply(NasBowlConfig.defaults(v.pool()));
    return v;
  }
}
