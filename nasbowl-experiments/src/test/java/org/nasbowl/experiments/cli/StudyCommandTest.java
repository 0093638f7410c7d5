package org.nasbowl.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.space.nb201.Nb201Cell;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.experiments.benchmark.SyntheticBenchmark;
import org.nasbowl.experiments.study.Databases;

/** The study, worker and evaluate commands, in-process, on a SQLite file. */
class StudyCommandTest {
  @TempDir Path tmp;

  /** A cheap deterministic objective: 0.5 + (cksum of the notation mod 400) / 1000. */
  private String objective() throws Exception {
    Path script = tmp.resolve("obj.sh");
    Files.writeString(script, "h=$(printf %s \"$NASBOWL_ARCH\" | cksum | cut -d' ' -f1)\n"
        + "awk -v h=\"$h\" 'BEGIN { printf \"%.3f\\n\", 0.5 + (h % 400) / 1000 }'\n");
    return "sh " + script;
  }

  private static String oneLine(String[] r) {
    List<String> lines = r[1].strip().lines().toList();
    assertEquals(1, lines.size(), "one line on stderr: " + r[1]);
    return lines.get(0);
  }

  @Test
  void aStudyFromCreationToMotifsAndDeletion() throws Exception {
    String db = "jdbc:sqlite:" + tmp.resolve("s.db");
    String[] created = Cli.run(0, "study", "create", "--storage", db, "--name", "demo", "--space", "nb201",
        "--budget", "30", "--seed", "4");
    assertTrue(created[0].contains("created study 'demo'"), created[0]);
    String[] w = Cli.run(0, "worker", "--storage", db, "--study", "demo", "--objective-cmd", objective(),
        "--workdir", tmp.toString());
    assertTrue(w[1].contains("the study is complete: 30 complete, 0 failed"), w[1]);
    String status = Cli.run(0, "study", "status", "--storage", db, "--study", "demo")[0];
    assertTrue(status.contains("trials: 30 complete, 0 failed, 0 running, 0 stale, 0 not started"), status);
    assertTrue(status.contains("time left: done"), status);
    String list = Cli.run(0, "study", "list", "--storage", db)[0];
    assertTrue(list.lines().anyMatch(l -> l.startsWith("demo ") && l.contains(" 30 ")), list);
    Path out = tmp.resolve("export");
    Cli.run(0, "study", "export", "--storage", db, "--study", "demo", "--out", out.toString());
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertEquals(30, summary.get("evaluations").asInt());
    List<String> results = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(31, results.size());
    assertEquals("id,architecture,status,valid_acc,test_acc,cost,seconds,reason,replicate", results.get(0));
    // The best in summary.json is the highest valid_acc in results.csv.
    double best = results.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[3])).max().orElseThrow();
    assertEquals(best, summary.get("best").get("valid_acc").asDouble());
    // Replicates (the same architecture, the next training seed) and the model's recommendation.
    assertTrue(results.stream().skip(1).anyMatch(l -> !l.endsWith(",0")), "a replicate among the 30");
    assertTrue(status.contains("recommended by the model"), status);
    assertEquals("model", summary.path("recommended").path("by").asText(), summary.toString());
    // A variant without replicates drives a study too, and never re-evaluates.
    Cli.run(0, "study", "create", "--storage", db, "--name", "once", "--space", "nb201", "--budget", "12", "--method",
        "nasbowl-m[replicates=1]");
    Cli.run(0, "worker", "--storage", db, "--study", "once", "--objective-cmd", objective(), "--workdir",
        tmp.toString());
    Path once = tmp.resolve("export-once");
    Cli.run(0, "study", "export", "--storage", db, "--study", "once", "--out", once.toString());
    assertTrue(Files.readAllLines(once.resolve("results.csv")).stream().skip(1).allMatch(l -> l.endsWith(",0")));
    String[] motifs = Cli.run(0, "motifs", "--from", out.resolve("trace.jsonl").toString(), "--min-occurrences", "3",
        "--out", tmp.resolve("motifs").toString());
    assertTrue(motifs[0].contains("from 30 architectures of study:nb201:demo"), motifs[0]);
    assertTrue(Files.size(tmp.resolve("motifs").resolve("motifs.csv")) > 0);
    assertTrue(oneLine(Cli.run(2, "study", "delete", "--storage", db, "--name", "demo"))
        .contains("add --yes"));
    Cli.run(0, "study", "delete", "--storage", db, "--name", "demo", "--yes");
    Cli.run(0, "study", "delete", "--storage", db, "--name", "once", "--yes");
    assertTrue(Cli.run(0, "study", "list", "--storage", db)[0].contains("no studies"));
  }

  @Test
  void aWorkerWhoseCommandKeepsFailingStopsBeforeTheBudgetIsSpent() throws Exception {
    String db = "jdbc:sqlite:" + tmp.resolve("f.db");
    Cli.run(0, "study", "create", "--storage", db, "--name", "f", "--space", "nb201", "--budget", "30");
    String[] w = Cli.run(2, "worker", "--storage", db, "--study", "f", "--objective-cmd", "exit 5",
        "--max-consecutive-failures", "3", "--workdir", tmp.toString());
    assertTrue(w[1].contains("stopped: the last 3 evaluations failed, the last with 'exit code 5"), w[1]);
    String status = Cli.run(0, "study", "status", "--storage", db, "--study", "f")[0];
    assertTrue(status.contains("trials: 0 complete, 3 failed, 0 running, 0 stale, 27 not started"), status);
  }

  @Test
  void badInputIsOneClearLineAndExitTwo() throws Exception {
    String db = "jdbc:sqlite:" + tmp.resolve("s.db");
    // Only 'study create' makes a database: a mistyped path in any other command leaves no empty file behind.
    assertTrue(oneLine(Cli.run(2, "study", "status", "--storage", db, "--study", "a"))
        .contains("no study database " + tmp.resolve("s.db")));
    assertTrue(oneLine(Cli.run(2, "worker", "--storage", db, "--study", "a", "--objective-cmd", "true"))
        .contains("create a study with 'nasbowl study create'"));
    assertFalse(Files.exists(tmp.resolve("s.db")));
    Cli.run(0, "study", "create", "--storage", db, "--name", "a", "--space", "nb201", "--budget", "5");
    assertTrue(oneLine(Cli.run(2, "study", "status", "--storage", db, "--study", "nope"))
        .contains("no study 'nope' in jdbc:sqlite:"));
    assertTrue(oneLine(Cli.run(2, "worker", "--storage", "jdbc:mysql://db/x", "--study", "a", "--objective-cmd", "true"))
        .contains("unsupported study storage 'jdbc:mysql://db/x'"));
    String unreachable = "jdbc:postgresql://127.0.0.1:" + Databases.closedPort() + "/x?user=u&password=hunter2";
    String line = oneLine(Cli.run(2, "worker", "--storage", unreachable, "--study", "a", "--objective-cmd", "true",
        "--retry-for", "0", "--storage-timeout", "2"));
    assertTrue(line.contains("cannot open the study storage") && line.contains("password=***")
        && !line.contains("hunter2"), line);
    assertTrue(oneLine(Cli.run(2, "worker", "--storage", db, "--study", "a", "--space", "nb101", "--objective-cmd",
        "true")).contains("searches the nb201 space, not --space nb101"));
    assertTrue(oneLine(Cli.run(2, "study", "create", "--storage", db, "--name", "b", "--space", "nb201", "--budget",
        "5", "--method", "local")).contains("cannot drive a study"));
    try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
      s.execute("UPDATE nasbowl_schema SET version = 7");
    }
    assertTrue(oneLine(Cli.run(2, "worker", "--storage", db, "--study", "a", "--objective-cmd", "true"))
        .contains("schema version 7, newer than this nasbowl knows"));
  }

  @Test
  void evaluatePrintsTheBenchmarksResultInTheObjectiveFormat() throws Exception {
    SyntheticBenchmark b = new SyntheticBenchmark(0);
    Nb201Cell c = b.space().sample(new SplittableRandom(3));
    String notation = b.space().format(c);
    double truth = b.query(c, new SplittableRandom(0)).validationAccuracy();
    String[] plain = Cli.run(0, "evaluate", "--benchmark", "synthetic", "--arch", notation);
    assertEquals(truth, Double.parseDouble(plain[0].strip()));
    JsonNode json = new ObjectMapper().readTree(
        Cli.run(0, "evaluate", "--benchmark", "synthetic", "--arch", notation, "--json")[0]);
    assertEquals(truth, json.get("valid_acc").asDouble());
    // Without --benchmark: nb201-cifar10 from the shipped table (the same default as search).
    JsonNode real = new ObjectMapper().readTree(Cli.run(0, "evaluate", "--arch", notation, "--json")[0]);
    @SuppressWarnings("unchecked")
    Benchmark<Nb201Cell> nb201 = (Benchmark<Nb201Cell>) BenchmarkCatalog.open("nb201-cifar10", TestPaths.dataDir());
    assertEquals(nb201.query(c, new SplittableRandom(0)).validationAccuracy(), real.get("valid_acc").asDouble(), 1e-12);
    String[] failed = Cli.run(1, "evaluate", "--arch", notation, "--fail-rate", "1");
    assertTrue(failed[1].contains("simulated failure"), failed[1]);
    assertTrue(oneLine(Cli.run(2, "evaluate", "--arch", "not-a-cell")).contains("is not a nb201 architecture"));
    assertTrue(oneLine(Cli.run(2, "evaluate", "--arch", notation, "--sleep-ms", "9-3")).contains("--sleep-ms '9-3'"));
  }
}
