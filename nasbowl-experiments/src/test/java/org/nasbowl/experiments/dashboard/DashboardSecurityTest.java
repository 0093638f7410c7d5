package org.nasbowl.experiments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.study.Databases;
import org.nasbowl.experiments.study.WorkerProcesses;

/**
 * The dashboard's guards, against the real command run as a process of its own: beyond loopback every request
 * without the token gets 401 (and the token is accepted as a header or a query parameter, a wrong one is not);
 * the storage password reaches no response and no line the command prints, even when a trial's output contains
 * it; values are sent as data (JSON) and the page puts them into the document as text under a policy that
 * forbids inline scripts.
 */
class DashboardSecurityTest {
  @TempDir Path tmp;

  static final String SECRET = "dashPW_TAILSECRET";
  static final Pattern URL = Pattern.compile("dashboard: (http://\\S+)");
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void theConstructorRefusesAnotherAddressWithoutAToken() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new DashboardServer(new DashboardModel(null, List.of(), TestPaths.dataDir()), "0.0.0.0", 0, null));
    assertTrue(e.getMessage().contains("needs a token"), e.getMessage());
  }

  @Test
  void beyondLoopbackEveryRequestNeedsTheToken() throws Exception {
    String url = Databases.fresh(Databases.Kind.SQLITE, tmp);
    WorkerProcesses.Worker create = WorkerProcesses.cli(tmp, Map.of(), "study", "create", "--name", "guarded",
        "--space", "nb201", "--budget", "3", "--method", "random", "--storage", url);
    assertTrue(create.process().waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, create.process().exitValue(), create.output());
    WorkerProcesses.Worker dashboard = WorkerProcesses.cli(tmp, Map.of(), "dashboard", "--storage", url,
        "--bind", "0.0.0.0", "--port", "0");
    try {
      String printed = awaitUrl(dashboard);
      String token = printed.substring(printed.indexOf("?token=") + 7);
      assertEquals(32, token.length(), "a generated token of 128 bits: " + printed);
      int port = URI.create(printed).getPort();
      String base = "http://127.0.0.1:" + port;
      List<String> paths = List.of("/", "/app.js", "/style.css", "/api/list", "/api/entry?key=study-1",
          "/api/trial?key=study-1&n=1", "/svg/progress?key=study-1", "/svg/motifs?key=study-1", "/no-such-page");
      for (String p : paths) {
        HttpResponse<String> none = get(base + p, null);
        assertEquals(401, none.statusCode(), p);
        assertFalse(none.body().contains("guarded"), p + " shows data without the token");
        assertEquals(401, get(base + p + (p.contains("?") ? "&" : "?") + "token=" + token + "x", null).statusCode(), p);
        assertEquals(401, get(base + p, "Bearer " + token.substring(1)).statusCode(), p);
        assertEquals(401, get(base + p, "Basic " + token).statusCode(), p);
      }
      assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(base + "/api/list")).POST(
          HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      HttpResponse<String> header = get(base + "/api/list", "Bearer " + token);
      assertEquals(200, header.statusCode());
      assertTrue(header.body().contains("\"guarded\""), header.body());
      HttpResponse<String> query = get(base + "/api/list?token=" + token, null);
      assertEquals(200, query.statusCode());
      assertEquals(200, get(base + "/?token=" + token, null).statusCode());
      // Read-only even with the token.
      assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(base + "/api/list?token=" + token)).POST(
          HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(1, count(dashboard.output(), token), "the generated token is printed once:\n" + dashboard.output());
    } finally {
      dashboard.process().destroy();
      dashboard.process().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void noPasswordInAnyResponseAndValuesAreSentAsData() throws Exception {
    var pg = Databases.postgres();
    String study = "secret-dashboard-" + ProcessHandle.current().pid();
    String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres?user=postgres&password=" + SECRET;
    WorkerProcesses.Worker create = WorkerProcesses.cli(tmp, Map.of(), "study", "create", "--name", study,
        "--space", "nb201", "--budget", "4", "--method", "random", "--storage", url);
    assertTrue(create.process().waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, create.process().exitValue(), create.output());
    // Trials whose output holds the password and markup; the worker is named like markup too.
    String objective = "echo \"url=$NASBOWL_STORAGE pw=" + SECRET + " <img src=x onerror=alert(1)>\"; "
        + "echo \"" + SECRET + " <script>alert(2)</script>\" >&2; echo \"$NASBOWL_ARCH\" | cksum | awk '{ print ($1 % 1000) / 1000 }'";
    WorkerProcesses.Worker worker = WorkerProcesses.cli(tmp, Map.of("HOSTNAME", "<b>w</b>"), "worker", "--storage", url,
        "--study", study, "--objective-cmd", objective, "--heartbeat", "1");
    assertTrue(worker.process().waitFor(120, TimeUnit.SECONDS), worker.output());
    assertEquals(0, worker.process().exitValue(), worker.output());
    WorkerProcesses.Worker dashboard = WorkerProcesses.cli(tmp, Map.of(), "dashboard", "--storage", url, "--port", "0");
    try {
      String base = awaitUrl(dashboard).replaceAll("/$", "");
      JsonNode list = new ObjectMapper().readTree(get(base + "/api/list", null).body());
      String key = null;
      for (JsonNode e : list.get("entries")) if (e.get("name").asText().equals(study)) key = e.get("key").asText();
      assertTrue(key != null, list.toString());
      assertTrue(list.get("storage").asText().contains("password=***"), list.get("storage").asText());
      List<String> paths = new ArrayList<>(List.of("/", "/app.js", "/api/list", "/api/entry?key=" + key,
          "/svg/progress?key=" + key, "/svg/best?key=" + key, "/svg/motifs?key=" + key));
      JsonNode entry = new ObjectMapper().readTree(get(base + "/api/entry?key=" + key, null).body());
      assertEquals(4, entry.get("trials").size(), entry.toString());
      for (JsonNode t : entry.get("trials")) {
        paths.add("/api/trial?key=" + key + "&n=" + t.get("number").asInt());
        paths.add("/svg/trial?key=" + key + "&n=" + t.get("number").asInt());
        assertTrue(t.get("worker").asText().startsWith("<b>w</b>-"), "the worker's name is data, sent as it is: " + t);
      }
      StringBuilder all = new StringBuilder();
      for (String p : paths) {
        HttpResponse<String> r;
        try {
          r = get(base + p, null);
        } catch (java.io.IOException e) {
          throw new AssertionError(p + ": " + e + "\n" + dashboard.output(), e);
        }
        assertEquals(200, r.statusCode(), p + ": " + r.body());
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'self'") && csp.contains("script-src 'self'") && !csp.contains("unsafe"), p + ": " + csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), p);
        all.append(r.body());
      }
      JsonNode trial = new ObjectMapper().readTree(get(base + "/api/trial?key=" + key + "&n=" + entry.get("trials").get(0).get("number").asInt(), null).body());
      String out = trial.get("stdout_tail").asText();
      String err = trial.get("stderr_tail").asText();
      assertTrue(out.contains("<img src=x onerror=alert(1)>") && out.contains("pw=***"), out);
      assertTrue(err.contains("<script>alert(2)</script>"), err);
      assertFalse(all.toString().contains("TAILSECRET"), "a response shows the password");
      assertFalse(dashboard.output().contains("TAILSECRET"), dashboard.output());
      assertFalse(worker.output().contains("TAILSECRET"), worker.output());
      // The page writes values with textContent only: no way for a value to become markup.
      String js = get(base + "/app.js", null).body();
      for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")) {
        assertFalse(js.contains(sink), "app.js uses " + sink);
      }
      assertFalse(get(base + "/", null).body().matches("(?s).*<script>.*"), "no inline script in the page");
    } finally {
      dashboard.process().destroy();
      dashboard.process().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private HttpResponse<String> get(String u, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(u)).timeout(Duration.ofSeconds(60));
    if (authorization != null) b.header("Authorization", authorization);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String awaitUrl(WorkerProcesses.Worker w) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = URL.matcher(w.output());
      if (m.find()) return m.group(1).replaceFirst("http://[^:/]+:", "http://127.0.0.1:");
      if (!w.process().isAlive()) throw new AssertionError("the dashboard stopped:\n" + w.output());
      Thread.sleep(100);
    }
    throw new AssertionError("the dashboard printed no URL:\n" + w.output());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
    return n;
  }
}
