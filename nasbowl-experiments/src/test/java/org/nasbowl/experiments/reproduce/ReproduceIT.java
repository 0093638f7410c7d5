package org.nasbowl.experiments.reproduce;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reproduction as an integration test (failsafe): at the default smoke scale in every {@code mvn verify}
 * (results under target/reproduce-smoke), at paper scale under {@code mvn verify -Preproduce} (results into the
 * project's results/). Fails when a headline check fails.
 */
class ReproduceIT {
  @Test
  void headlineChecksHold() throws Exception {
    String scale = System.getProperty("reproduce.scale", "smoke");
    Path root = Path.of(System.getProperty("nasbowl.root", "..")).toAbsolutePath().normalize();
    Reproduction.Scale s = scale.equals("paper") ? Reproduction.Scale.PAPER : Reproduction.Scale.SMOKE;
    Path results = s == Reproduction.Scale.PAPER ? root.resolve("results") : Path.of("target/reproduce-smoke").toAbsolutePath();
    String env = System.getenv("NASBOWL_DATA");
    Path data = env != null && !env.isBlank() ? Path.of(env).toAbsolutePath() : root.resolve("data");
    String genv = System.getenv("NASBOWL_GOLDEN");
    Path golden = genv != null && !genv.isBlank() ? Path.of(genv) : null;
    PrintWriter log = new PrintWriter(System.out, true);
    log.println("reproduce: scale " + scale + ", results in " + results + ", data from " + data);
    List<Reproduction.Check> checks = Reproduction.run(s, results, data, golden, log);
    Reproduction.provenance(results, "mvn verify" + (s == Reproduction.Scale.PAPER ? " -Preproduce" : "")
        + " (nasbowl reproduce --scale " + scale + ")", s, data);
    List<Reproduction.Check> failed = checks.stream().filter(c -> !c.passed()).toList();
    assertTrue(failed.isEmpty(), "failed checks: " + failed);
  }
}
