package org.nasbowl.experiments.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.nasbowl.experiments.study.Secrets;

/**
 * {@code nasbowl dashboard}: a read-only web page on studies and runs, served by the JDK's own HTTP server
 * ({@code com.sun.net.httpserver}: no dependency, and a handful of GET routes need no framework). Every asset
 * comes from the jar, so it works on a cluster's login node without internet.
 * <ul>
 *   <li>{@code /}, {@code /app.js}, {@code /style.css}: the page, which polls the JSON every 2 s;
 *   <li>{@code /api/list}: every study and run with its progress;
 *   <li>{@code /api/entry?key=K}: one study or run: counts, workers, trials, the best-so-far curve;
 *   <li>{@code /api/trial?key=K&n=N}: one trial, its prediction by the run's model, the tails of its output;
 *   <li>{@code /svg/progress?key=K}, {@code /svg/best?key=K}, {@code /svg/motifs?key=K},
 *       {@code /svg/trial?key=K&n=N}: figures drawn by the project's plotting code.
 * </ul>
 * Bound to 127.0.0.1 by default; on any other address every request needs the token, as
 * {@code Authorization: Bearer TOKEN} or {@code ?token=TOKEN} (else 401). Responses are scrubbed of the storage's
 * passwords; the page puts every value into the document as text (never as HTML), and the policy
 * {@code default-src 'self'} forbids inline scripts.
 */
public final class DashboardServer implements AutoCloseable {
  private static final String ASSETS = "/org/nasbowl/experiments/dashboard/";
  private static final Map<String, String> STATIC = Map.of("/", "index.html", "/app.js", "app.js", "/style.css", "style.css");
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");

  static {
    // Without TCP_NODELAY a small response (headers, then a short body) waits for the client's delayed ACK:
    // about 40 ms more per request. The JDK server reads this once, when its first server is made.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final DashboardModel model;
  private final String token;
  private final HttpServer server;
  private final ExecutorService pool;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * Starts serving.
   *
   * @param bind the address to listen on (127.0.0.1 unless told otherwise)
   * @param port the port (0: any free one)
   * @param token the token every request must carry, or null (only allowed on a loopback address)
   */
  public DashboardServer(DashboardModel model, String bind, int port, String token) throws IOException {
    InetAddress address = InetAddress.getByName(bind);
    if (token == null && !address.isLoopbackAddress()) {
      throw new IllegalArgumentException("binding to " + bind + " (not loopback) needs a token: --token or a generated one");
    }
    this.model = model;
    this.token = token;
    this.server = HttpServer.create(new InetSocketAddress(address, port), 16);
    this.pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "nasbowl-dashboard");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A token of 128 random bits, as hex. */
  public static String newToken() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      route(x);
    }
  }

  private void route(HttpExchange x) throws IOException {
    try {
      Map<String, String> q = query(x.getRequestURI().getRawQuery());
      if (token != null && !authorised(x, q)) {
        x.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        send(x, 401, "text/plain; charset=utf-8", "401: this dashboard needs its token (?token=... or Authorization: Bearer ...)");
        return;
      }
      if (!x.getRequestMethod().equals("GET") && !x.getRequestMethod().equals("HEAD")) {
        send(x, 405, "text/plain; charset=utf-8", "read-only: GET only");
        return;
      }
      String path = x.getRequestURI().getPath();
      if (STATIC.containsKey(path)) {
        String file = STATIC.get(path);
        try (InputStream in = DashboardServer.class.getResourceAsStream(ASSETS + file)) {
          if (in == null) throw new IOException("asset " + file + " missing from the jar");
          send(x, 200, TYPES.get(file.substring(file.lastIndexOf('.') + 1)), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return;
      }
      switch (path) {
        case "/api/list" -> sendJson(x, model.list());
        case "/api/entry" -> withEntry(x, q, e -> sendJson(x, model.detail(e)));
        case "/api/trial" -> withEntry(x, q, e -> {
          ObjectNode t = model.trial(e, number(q));
          if (t == null) send(x, 404, "text/plain; charset=utf-8", "no such trial");
          else sendJson(x, t);
        });
        case "/svg/progress" -> withEntry(x, q, e -> sendSvg(x, model.progressSvg(e)));
        case "/svg/best" -> withEntry(x, q, e -> sendSvg(x, model.bestSvg(e)));
        case "/svg/motifs" -> withEntry(x, q, e -> sendSvg(x, model.motifsSvg(e)));
        case "/svg/trial" -> withEntry(x, q, e -> sendSvg(x, model.trialSvg(e, number(q))));
        default -> send(x, 404, "text/plain; charset=utf-8", "not found");
      }
    } catch (RuntimeException | IOException | LinkageError | StackOverflowError e) {
      System.err.println(Secrets.scrub("dashboard: " + x.getRequestURI().getPath() + ": " + e));
      try {
        send(x, 500, "text/plain; charset=utf-8", "error: " + e);
      } catch (IOException | RuntimeException ignored) {
        // the client went away
      }
    }
  }

  @FunctionalInterface
  private interface WithEntry {
    void accept(DashboardModel.Entry e) throws IOException;
  }

  private void withEntry(HttpExchange x, Map<String, String> q, WithEntry then) throws IOException {
    String key = q.get("key");
    Optional<DashboardModel.Entry> e = key == null ? Optional.empty() : model.entry(key);
    if (e.isEmpty()) send(x, 404, "text/plain; charset=utf-8", "no such study or run");
    else then.accept(e.get());
  }

  private static int number(Map<String, String> q) {
    try {
      return Integer.parseInt(q.getOrDefault("n", ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private boolean authorised(HttpExchange x, Map<String, String> q) {
    String header = x.getRequestHeaders().getFirst("Authorization");
    String given = header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : q.get("token");
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) return out;
    for (String p : raw.split("&")) {
      int eq = p.indexOf('=');
      if (eq <= 0) continue;
      out.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private void sendJson(HttpExchange x, ObjectNode n) throws IOException {
    send(x, 200, "application/json; charset=utf-8", json.writeValueAsString(n));
  }

  private static void sendSvg(HttpExchange x, String svg) throws IOException {
    if (svg == null) send(x, 404, "text/plain; charset=utf-8", "nothing to draw yet");
    else send(x, 200, "image/svg+xml; charset=utf-8", svg);
  }

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] bytes = Secrets.scrub(body).getBytes(StandardCharsets.UTF_8);
    var h = x.getResponseHeaders();
    h.set("Content-Type", type);
    h.set("Cache-Control", "no-store");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Content-Security-Policy", "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'");
    h.set("Referrer-Policy", "no-referrer");
    boolean head = x.getRequestMethod().equals("HEAD");
    try {
      x.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = x.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException clientGone) {
      // The browser dropped the request (a figure replaced by a newer one, a closed tab): nothing to tell anyone.
    }
  }

  /** For the command: one line saying where to look. */
  public String url(String host) {
    return "http://" + host + ":" + port() + "/" + (token == null ? "" : "?token=" + token);
  }

}
