package org.nasbowl.surrogates.regression.gnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.space.nb201.Nb201Space;
import org.nasbowl.core.stats.RankCorrelation;

/**
 * Manual timing harness, not a test (prints): {@code java -cp test-classes:classes:deps GinTiming [width [lr batch
 * maxEpochs patience minRelativeImprovement]]}; fits NB201 at n = 10..400 on the synthetic target of
 * {@link GinSurrogateTest} and reports wall and thread-CPU seconds and the Spearman on 200 held-out cells.
 */
final class GinTiming {
  public static void main(String[] args) {
    Nb201Space space = new Nb201Space();
    SplittableRandom rng = new SplittableRandom(5);
    Map<String, Nb201Cell> m = new LinkedHashMap<>();
    while (m.size() < 600) {
      Nb201Cell c = space.sample(rng);
      m.putIfAbsent(space.key(c), c);
    }
    List<Nb201Cell> all = new ArrayList<>(m.values());
    List<Nb201Cell> test = all.subList(400, 600);
    double[] yt = GinSurrogateTest.synthetic(test);
    GinConfig cfg = GinConfig.defaults();
    if (args.length > 0) cfg = cfg.withWidth(Integer.parseInt(args[0]));
    if (args.length > 5) {
      cfg = cfg.withTraining(Double.parseDouble(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          Integer.parseInt(args[4]), Double.parseDouble(args[5]));
    }
    GinSurrogate<Nb201Cell> s = new GinSurrogate<>(space, cfg);
    for (int n : new int[] {10, 25, 50, 100, 200, 400, 400, 400}) {
      List<Nb201Cell> tr = all.subList(0, n);
      var bean = java.lang.management.ManagementFactory.getThreadMXBean();
      long c0 = bean.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      var f = s.fit(tr, GinSurrogateTest.synthetic(tr), n);
      double sec = (System.nanoTime() - t0) * 1e-9;
      double cpu = (bean.getCurrentThreadCpuTime() - c0) * 1e-9;
      double rho = RankCorrelation.spearman(f.predict(test).mean(), yt);
      System.out.printf("n=%d fit %.3f s wall %.3f s cpu spearman %.3f%n", n, sec, cpu, rho);
    }
  }
}
