package org.nasbowl.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PlotsCommandTest {
  /** Exit code, stdout and stderr of one command line. */
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cl = NasbowlCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** Regression and NAS results and a golden directory; no interpretability or transfer results. */
  private static Path results(Path tmp) throws Exception {
    Path r = tmp.resolve("results");
    Files.createDirectories(r.resolve("regression"));
    Files.createDirectories(r.resolve("nas"));
    Files.writeString(r.resolve("regression/summary.csv"),
        "benchmark,surrogate,n_train,runs,spearman_mean,spearman_se,kendall_mean,kendall_se,rmse_mean,rmse_se,"
            + "nll_mean,nll_se,fit_s_mean\n"
            + "synthetic,gp-wl,10,2,0.7,0.1,0.5,0.1,0.1,0.01,,,0.01\n"
            + "synthetic,gp-wl,25,2,0.8,0.05,0.6,0.1,0.1,0.01,,,0.02\n"
            + "synthetic,rf,10,2,,,,,0.1,0.01,,,0.01\n"
            + "synthetic,rf,25,2,0.6,0.05,0.4,0.1,0.1,0.01,,,0.02\n");
    Files.writeString(r.resolve("nas/curves.csv"),
        "benchmark,method,query,runs,mean_regret,se_regret,mean_oracle_regret,se_oracle_regret,mean_valid_regret,"
            + "se_valid_regret\n"
            + "synthetic,nasbowl-m,1,2,0.1,0.01,0.1,0.01,0.1,0.01\n"
            + "synthetic,nasbowl-m,2,2,0.0,0.0,0.0,0.0,0.0,0.0\n"
            + "synthetic,random,1,2,0.2,0.02,0.2,0.02,0.2,0.02\n"
            + "synthetic,random,2,2,0.1,0.01,0.05,0.01,0.1,0.01\n");
    Files.writeString(r.resolve("nas/cost.csv"),
        "benchmark,method,observations,median_iteration_s\n"
            + "synthetic,nasbowl-m,10,0.004\nsynthetic,nasbowl-m,15,0.005\nsynthetic,random,10,0.000002\n");
    Path golden = tmp.resolve("golden");
    Files.createDirectories(golden);
    Files.writeString(golden.resolve("synthetic_regression.jsonl"),
        "{\"repeat\": 0, \"n_train\": 10, \"n_pool\": 1000, \"fit_s\": 0.1, \"acq_nasbowl_loop_s\": 2.0}\n"
            + "{\"repeat\": 0, \"n_train\": 25, \"n_pool\": 1000, \"fit_s\": 0.2, \"acq_nasbowl_loop_s\": 4.0}\n");
    return r;
  }

  @Test
  void writesEveryFigureWhoseInputsExistAndSaysWhichAreSkipped(@TempDir Path tmp) throws Exception {
    Path r = results(tmp);
    Path out = tmp.resolve("figures");
    Run run = run("plots", "--results", r.toString(), "--out", out.toString(), "--golden",
        tmp.resolve("golden").toString());
    assertEquals(0, run.code(), run.err());
    for (String name : new String[] {"regression_spearman", "nas_regret", "nas_oracle_regret", "nas_valid_regret",
        "nas_cost"}) {
      assertTrue(run.out().contains("wrote " + name + ": "), run.out());
      Path png = out.resolve(name + ".png");
      assertNotNull(ImageIO.read(png.toFile()), name + ".png decodes");
      assertTrue(Files.readString(out.resolve(name + ".svg")).contains("<svg"), name + ".svg");
    }
    assertTrue(run.out().contains("skipped interpret_validation: missing "
        + r.resolve("interpret/histograms.csv")), run.out());
    assertTrue(run.out().contains("skipped transfer_regret: missing " + r.resolve("transfer/curves.csv")), run.out());
    assertTrue(run.out().contains("skipped motif_gallery: missing " + r.resolve("interpret/runs")), run.out());
    try (var files = Files.list(out)) {
      assertEquals(10, files.count(), "5 figures x (png, svg), no temporary files");
    }
  }

  @Test
  void onlyTheNamedFiguresAndAMissingGoldenFileIsANote(@TempDir Path tmp) throws Exception {
    Path r = results(tmp);
    Path out = tmp.resolve("figures");
    Run run = run("plots", "--results", r.toString(), "--out", out.toString(), "--golden",
        tmp.resolve("nowhere").toString(), "--only", "nas_cost");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("note nas_cost: missing " + tmp.resolve("nowhere").resolve("synthetic_regression.jsonl")),
        run.out());
    assertTrue(Files.exists(out.resolve("nas_cost.png")));
    assertFalse(Files.exists(out.resolve("nas_regret.png")));
    assertEquals(2, run("plots", "--results", r.toString(), "--out", out.toString(), "--only", "no_such_figure").code());
  }

  @Test
  void aMalformedInputIsAnErrorNamingFileLineAndColumnAndNothingIsWritten(@TempDir Path tmp) throws Exception {
    Path r = results(tmp);
    Path bad = r.resolve("nas/curves.csv");
    Files.writeString(bad, "benchmark,method,query,runs,mean_regret,se_regret,mean_oracle_regret,se_oracle_regret\n"
        + "synthetic,nasbowl-m,1,2,0.1,0.01,0.1,0.01\n"
        + "synthetic,nasbowl-m,2,2,0.0,oops,0.0,0.0\n");
    Path out = tmp.resolve("figures");
    Run run = run("plots", "--results", r.toString(), "--out", out.toString(), "--golden",
        tmp.resolve("golden").toString());
    assertTrue(run.code() != 0);
    assertTrue(run.err().contains(bad.toString()) && run.err().contains("line 3")
        && run.err().contains("'se_regret'"), run.err());
    assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent(),
        "no figure is written when an input is malformed, not even those read before it");
  }
}
