package org.nasbowl.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.nasbowl.core.testsupport.TestPaths;

class BenchmarksCommandTest {

  private static String run(String... args) {
    CommandLine cl = NasbowlCli.commandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(0, cl.execute(args));
    return out.toString();
  }

  private static boolean listed(String out, String id, String status) {
    return Pattern.compile("(?m)^" + Pattern.quote(id) + " +" + status + " ").matcher(out).find();
  }

  @Test
  void emptyDataDirectoryShowsOnlySyntheticAndHowToObtainTheRest(@TempDir Path empty) {
    String out = run("benchmarks", "--data-dir", empty.toString());
    assertTrue(listed(out, "synthetic", "available"), out);
    for (String id : new String[] {"nb201-cifar10", "nb201-cifar100", "nb201-imagenet16", "nb101-run0", "nb101-20k",
        "nb101"}) {
      assertTrue(listed(out, id, "missing"), id + "\n" + out);
    }
    assertTrue(out.contains("import-nb101 --tfrecord nasbench_only108.tfrecord"), out);
  }

  @Test
  void theProjectsShippedDataMakesEveryBenchmarkOfTheReproductionAvailable() {
    // No --data-dir: the default data/ of the project (NASBOWL_HOME), which ships every table gzipped.
    String out = run("benchmarks");
    assertTrue(out.startsWith("data directory: " + TestPaths.dataDir() + " (default data/)"), out);
    for (String id : new String[] {"nb201-cifar10", "nb201-cifar100", "nb201-imagenet16", "nb201-cifar10-12ep",
        "nb201-cifar100-12ep", "nb201-imagenet16-12ep", "nb101-run0", "nb101-20k", "darts214", "darts214-50ep",
        "nb301-1218", "synthetic"}) {
      assertTrue(listed(out, id, "available"), id + "\n" + out);
    }
    assertTrue(out.contains("    data: " + TestPaths.dataDir().resolve("nb201_200ep.csv.gz")), out);
    // Only the official 3-run NAS-Bench-101 table needs the user's own import (499 MB tfrecord).
    assertTrue(listed(out, "nb101", "missing"), out);
  }

  @Test
  void unknownCommandIsAUsageError() {
    CommandLine cl = NasbowlCli.commandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(2, cl.execute("no-such-command"));
  }
}
