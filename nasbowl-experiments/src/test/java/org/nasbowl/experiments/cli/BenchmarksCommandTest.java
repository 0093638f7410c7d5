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
  void sharedDataMakesTheRealBenchmarksAvailable() {
    Path dir = TestPaths.requireData("nb201_200ep.csv").getParent();
    TestPaths.requireData("nb101_108ep_run0.csv.gz");
    TestPaths.requireData("nb101_subset20k_1run.csv");
    String out = run("benchmarks", "--data-dir", dir.toString());
    for (String id : new String[] {"nb201-cifar10", "nb201-cifar100", "nb201-imagenet16", "nb101-run0", "nb101-20k",
        "synthetic"}) {
      assertTrue(listed(out, id, "available"), id + "\n" + out);
    }
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
