package org.nasbowl.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.dashboard.DashboardModel;
import org.nasbowl.experiments.dashboard.DashboardServer;

/**
 * The dashboard on a {@code search --objective-cmd} run directory (read by the same reader as every other
 * command), and the command's refusals of bad input.
 */
class DashboardCommandTest {
  @TempDir Path tmp;

  @Test
  void aRunDirectoryIsShownWithItsTrialsOutputsAndFigures() throws Exception {
    Path run = tmp.resolve("run");
    // A real objective: a value from the architecture's checksum, one failure, and a line on stdout and stderr.
    String objective = "echo \"training $NASBOWL_ARCH\"; echo \"warning: $NASBOWL_EVAL_ID\" >&2; "
        + "[ \"$NASBOWL_EVAL_ID\" = 3 ] && exit 7; echo \"$NASBOWL_ARCH\" | cksum | awk '{ print ($1 % 1000) / 1000 }'";
    Cli.run(0, "search", "--space", "nb201", "--objective-cmd", objective, "--budget", "8", "--seed", "1",
        "--out", run.toString());
    HttpClient http = HttpClient.newHttpClient();
    try (DashboardServer server = new DashboardServer(new DashboardModel(null, List.of(run), TestPaths.dataDir()),
        "127.0.0.1", 0, null)) {
      String base = "http://127.0.0.1:" + server.port();
      ObjectMapper json = new ObjectMapper();
      JsonNode list = json.readTree(get(http, base + "/api/list").body());
      assertEquals(1, list.get("entries").size(), list.toString());
      JsonNode e = list.get("entries").get(0);
      assertEquals("run", e.get("name").asText());
      assertEquals(7, e.get("complete").asInt(), e.toString());
      assertEquals(1, e.get("failed").asInt(), e.toString());
      assertEquals(0, e.get("not_started").asInt(), e.toString());
      JsonNode detail = json.readTree(get(http, base + "/api/entry?key=run-1").body());
      assertEquals(8, detail.get("trials").size());
      assertEquals(8, detail.get("curve").size());
      // The curve's best is the running maximum of the successful values.
      double best = Double.NEGATIVE_INFINITY;
      for (JsonNode p : detail.get("curve")) {
        if (!p.get("value").isNull()) best = Math.max(best, p.get("value").asDouble());
        if (best > Double.NEGATIVE_INFINITY) assertEquals(best, p.get("best").asDouble(), 1e-12);
      }
      assertEquals(best, detail.get("best").get("value").asDouble(), 1e-12);
      JsonNode failed = null;
      for (JsonNode t : detail.get("trials")) if (t.get("status").asText().equals("FAILED")) failed = t;
      assertTrue(failed != null && failed.get("reason").asText().contains("7"), detail.get("trials").toString());
      JsonNode trial = json.readTree(get(http, base + "/api/trial?key=run-1&n=" + failed.get("number").asInt()).body());
      assertTrue(trial.get("stdout_tail").asText().startsWith("training |"), trial.toString());
      assertTrue(trial.get("stderr_tail").asText().contains("warning: 3"), trial.toString());
      assertTrue(trial.get("reason").asText().contains("exit code 7"), trial.toString());
      assertTrue(trial.get("predicted").has("mean"), "7 successes: the model predicts " + trial);
      for (String svg : List.of("/svg/progress?key=run-1", "/svg/best?key=run-1", "/svg/motifs?key=run-1",
          "/svg/trial?key=run-1&n=1")) {
        HttpResponse<String> r = get(http, base + svg);
        assertEquals(200, r.statusCode(), svg + ": " + r.body());
        assertTrue(r.body().contains("<svg") && r.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"), svg);
      }
      assertEquals(404, get(http, base + "/api/entry?key=run-2").statusCode());
      assertEquals(404, get(http, base + "/api/trial?key=run-1&n=99").statusCode());
    }
  }

  @Test
  void badInputIsRefusedWithOneClearLine() throws Exception {
    Path notARun = Files.createDirectories(tmp.resolve("empty"));
    String[] r = Cli.run(2, "dashboard", "--run", notARun.toString(), "--port", "0");
    assertTrue(r[1].contains("--run " + notARun + " is not a run directory"), r[1]);
    String db = "jdbc:sqlite:" + tmp.resolve("s.db");
    r = Cli.run(2, "dashboard", "--storage", db, "--token", " ", "--port", "0");
    assertTrue(r[1].contains("--token must not be empty"), r[1]);
    r = Cli.run(2, "dashboard", "--storage", db, "--port", "0");
    assertTrue(r[1].contains("no study database"), "read-only: it creates no database\n" + r[1]);
    Cli.run(0, "study", "create", "--name", "s", "--space", "nb201", "--budget", "2", "--storage", db);
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      r = Cli.run(2, "dashboard", "--storage", db, "--port", String.valueOf(taken.getLocalPort()));
      assertTrue(r[1].contains("choose another --port"), r[1]);
    }
    r = Cli.run(2, "dashboard", "--storage", db, "--bind", "no-such-host.invalid",
        "--port", "0");
    assertTrue(r[1].contains("no-such-host.invalid"), r[1]);
    r = Cli.run(2, "dashboard", "--storage", db, "--port", "70000");
    assertTrue(r[1].contains("70000"), r[1]);
  }

  private static HttpResponse<String> get(HttpClient http, String u) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
