package org.nasbowl.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nasbowl.experiments.dashboard.DashboardModel;
import org.nasbowl.experiments.dashboard.DashboardServer;
import org.nasbowl.experiments.study.Study;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dashboard's JSON for one study with 2,000 complete trials (and 8 running), served over HTTP on loopback:
 * {@code /api/entry} (counts, workers, every trial, the best-so-far curve) and {@code /api/list}, each one GET
 * with the database read, the JSON and the transfer included, on a SQLite file and on a PostgreSQL server
 * (embedded). Sample mode reports the median. Run:
 * {@code java -jar nasbowl-bench/target/benchmarks.jar DashboardBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class DashboardBenchmark {
  @Param({"sqlite", "postgres"})
  public String storage;

  static final int COMPLETE = 2_000;
  static final int RUNNING = 8;

  private BenchStudies studies;
  private DashboardServer server;
  private HttpClient client;
  private URI entry;
  private URI list;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    studies = new BenchStudies(storage);
    Study study = studies.filled("dashboard", "nasbowl-m", COMPLETE, RUNNING);
    server = new DashboardServer(new DashboardModel(studies.store, List.of(), studies.dir), "127.0.0.1", 0, null);
    client = HttpClient.newHttpClient();
    entry = URI.create("http://127.0.0.1:" + server.port() + "/api/entry?key=study-" + study.id());
    list = URI.create("http://127.0.0.1:" + server.port() + "/api/list");
  }

  @Benchmark
  public String entryJson() throws Exception {
    return get(entry);
  }

  @Benchmark
  public String listJson() throws Exception {
    return get(list);
  }

  private String get(URI u) throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) throw new IllegalStateException(u + ": " + r.statusCode());
    return r.body();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    server.close();
    studies.close();
  }
}
