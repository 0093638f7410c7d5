package org.nasbowl.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.testsupport.TestPaths;

/** The DARTS benchmarks through the command line. */
class DartsCommandsTest {
  @TempDir Path tmp;

  @Test
  void benchmarksListsBothDartsTablesWithSizesAndOptima() {
    Path dir = TestPaths.requireData("darts214_cifar10.csv").getParent();
    TestPaths.requireData("nb301_surrogate_1218.csv");
    String out = Cli.run(0, "benchmarks", "--load", "--data-dir", dir.toString())[0];
    assertTrue(out.matches("(?s).*darts214 +available.*214 architectures; best objective 0\\.9741.*"), out);
    assertTrue(out.matches("(?s).*nb301-1218 +available.*1218 architectures; best objective 0\\.9449.*"), out);
    assertTrue(out.matches("(?s).*darts214-50ep +available.*"), out);
  }

  @Test
  void aMalformedRowIsExitTwoWithFileLineAndFieldAndNoOutput() throws Exception {
    Path f = tmp.resolve("nb301_surrogate_1218.csv");
    Files.writeString(f, "genotype,val_acc,source_blob\n"
        + "\"Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1), "
        + "('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1)], normal_concat=[2, 3, 4, 5], "
        + "reduce=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
        + "('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 9)], reduce_concat=[2, 3, 4, 5])\",0.93,x\n");
    Path out = tmp.resolve("nas");
    String[] r = Cli.run(2, "experiment", "nas", "--benchmarks", "nb301-1218", "--seeds", "0", "--budget", "20",
        "--data-dir", tmp.toString(), "--out", out.toString());
    String err = r[1].strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.contains(f.toString()) && err.contains("line 2") && err.contains("genotype"), err);
    assertTrue(err.contains("input"), "says what is wrong: " + err);
    assertEquals("", r[0]);
    assertTrue(!Files.exists(out) || Files.list(out).findAny().isEmpty(), "no partial output");
  }
}
