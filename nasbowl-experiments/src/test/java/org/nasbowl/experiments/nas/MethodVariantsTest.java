package org.nasbowl.experiments.nas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.kernel.BaseKernel;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;

/** NAS-BOWL variant ids for ablations (nasbowl-m[key=value;...]). */
class MethodVariantsTest {
  @Test
  void everySettingReachesTheConfiguration() {
    Methods.Variant v = Methods.variant("nasbowl-m[batch=greedy;noise=1e-2;h=0-4;kernel=oa;pool=300;parents=5;"
        + "initial=20;bounds=1e-6:1e-1]");
    NasBowlConfig c = v.apply(NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION));
    assertEquals(NasBowlConfig.Batch.GREEDY, c.batch());
    assertEquals(1e-2, c.gp().fixedNoise());
    assertEquals(List.of(0, 1, 2, 3, 4), c.gp().hGrid());
    assertEquals(BaseKernel.HISTOGRAM_INTERSECTION, c.gp().base());
    assertEquals(300, c.poolSize());
    assertEquals(5, c.parents());
    assertEquals(20, c.initial());
    assertEquals(1e-6, c.gp().noiseLower());
    assertEquals(1e-1, c.gp().noiseUpper());
    NasBowlConfig ml = Methods.variant("nasbowl-r[noise=ml;h=2;batch=ts]")
        .apply(NasBowlConfig.defaults(NasBowlConfig.Pool.RANDOM).withGp(
            NasBowlConfig.defaults(NasBowlConfig.Pool.RANDOM).gp().withFixedNoise(1e-3)));
    assertNull(ml.gp().fixedNoise(), "ml optimises the noise even on a deterministic benchmark");
    assertEquals(List.of(2), ml.gp().hGrid());
    assertEquals(NasBowlConfig.Acquisition.TS, ml.acquisition());
    assertEquals(org.nasbowl.core.acquisition.Uncertainty.PREDICTIVE, Methods.variant("nasbowl-m[ei=predictive]")
        .apply(NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION)).uncertainty());
    NasBowlConfig d = NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION);
    assertEquals(NasBowlConfig.Acquisition.UCB, d.acquisition(), "the ablation's default");
    NasBowlConfig ei = Methods.variant("nasbowl-m[acq=ei;beta=1.5]").apply(d);
    assertEquals(NasBowlConfig.Acquisition.EI, ei.acquisition());
    assertEquals(1.5, ei.beta());
    assertEquals(2.22, d.beta());
    assertEquals(org.nasbowl.core.acquisition.Uncertainty.LATENT,
        NasBowlConfig.defaults(NasBowlConfig.Pool.MUTATION).uncertainty());
  }

  @Test
  void thePredictiveUncertaintyChangesTheProposals() {
    SyntheticBenchmark b = new SyntheticBenchmark(0);
    BenchmarkRun.Schedule sch = BenchmarkRun.Schedule.defaults(40);
    List<String> latent = BenchmarkRun.run(b, Methods.factory("nasbowl-m[noise=1e-2]", true, false), 2, sch, null)
        .stream().map(QueryRecord::key).toList();
    List<String> predictive = BenchmarkRun.run(b, Methods.factory("nasbowl-m[noise=1e-2;ei=predictive]", true, false),
        2, sch, null).stream().map(QueryRecord::key).toList();
    assertEquals(latent.subList(0, NasBowlConfig.INITIAL), predictive.subList(0, NasBowlConfig.INITIAL));
    assertNotEquals(latent, predictive, "UCB with the noise in sigma ranks the pool differently");
  }

  @Test
  void badVariantsAreClearErrors() {
    for (String bad : List.of("random[batch=greedy]", "nasbowl-m[batch=fast]", "nasbowl-m[h=3-1]",
        "nasbowl-m[colour=red]", "nasbowl-m[ei=huge]", "nasbowl-m[noise=loud]", "nasbowl-m[batch=kb;batch=greedy]", "nasbowl-m[pool]",
        "nasbowl-m[mutation=two]", "nasbowl-m[random=1]", "nasbowl-m[incumbent=best]", "nasbowl-m[initial=0]",
        "nasbowl-m[beta=-1]", "nasbowl-m[beta=big]")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Methods.describe(bad), bad);
      assertTrue(e.getMessage().contains("variant"), e.getMessage());
    }
  }

  @Test
  void aVariantRunsAndDiffersFromTheDefaultOnlyWhereItsSettingsDo() {
    SyntheticBenchmark b = new SyntheticBenchmark(0);
    BenchmarkRun.Schedule sch = BenchmarkRun.Schedule.defaults(30);
    List<String> base = BenchmarkRun.run(b, Methods.factory("nasbowl-m", true, false), 1, sch, null).stream()
        .map(QueryRecord::key).toList();
    List<String> same = BenchmarkRun.run(b, Methods.factory("nasbowl-m[acq=ucb;beta=2.22;batch=kb;noise=ml;bounds=1e-2:1e-1;mutation=one;random=0;"
        + "incumbent=orig;pool=200;parents=5;initial=3]", true, false), 1, sch,
        null).stream().map(QueryRecord::key).toList();
    List<String> greedy = BenchmarkRun.run(b, Methods.factory("nasbowl-m[batch=greedy]", true, false), 1, sch, null)
        .stream().map(QueryRecord::key).toList();
    assertEquals(base, same, "the defaults spelt out are the defaults");
    assertEquals(base.subList(0, NasBowlConfig.INITIAL), greedy.subList(0, NasBowlConfig.INITIAL), "same random initial design");
    assertNotEquals(base, greedy);
    for (String v : List.of("nasbowl-m[noise=1e-3]", "nasbowl-m[mutation=orig]", "nasbowl-m[random=0.5]",
        "nasbowl-m[acq=ei]", "nasbowl-m[beta=3]", "nasbowl-m[parents=10]")) {
      List<String> other = BenchmarkRun.run(b, Methods.factory(v, true, false), 1, sch, null).stream()
          .map(QueryRecord::key).toList();
      assertEquals(base.subList(0, NasBowlConfig.INITIAL), other.subList(0, NasBowlConfig.INITIAL), v + ": same random initial design");
      assertNotEquals(base, other, v);
    }
  }

  @Test
  void withSettingAddsOrReplacesOneSetting() {
    assertEquals("nasbowl-m[initial=200]", Methods.withSetting("nasbowl-m", "initial", "200"));
    assertEquals("nasbowl-r[batch=greedy;initial=20;h=2]",
        Methods.withSetting(Methods.withSetting("nasbowl-r[batch=greedy;initial=7]", "initial", "20"), "h", "2"));
    assertEquals(200, Methods.variant(Methods.withSetting("nasbowl-x[initial=3]", "initial", "200"))
        .apply(NasBowlConfig.defaults(NasBowlConfig.Pool.EXHAUSTIVE)).initial());
    assertThrows(IllegalArgumentException.class, () -> Methods.withSetting("nasbowl-m", "initial", "0"));
  }
}
