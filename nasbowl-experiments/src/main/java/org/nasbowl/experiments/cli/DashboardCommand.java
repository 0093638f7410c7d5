package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.nasbowl.experiments.dashboard.DashboardModel;
import org.nasbowl.experiments.dashboard.DashboardServer;
import org.nasbowl.experiments.external.RunDirectory;
import org.nasbowl.experiments.study.StudyStorage;
import org.nasbowl.experiments.study.StudyStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl dashboard}: a web page on studies and runs that updates itself. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = {"Serve a read-only web page on the studies of a storage (--storage) and on run directories "
        + "(--run, repeatable): progress against the budget, workers and their heartbeats, time left, the "
        + "best-so-far curve, a sortable and filterable table of trials with each one's detail, the best "
        + "architecture with its good and bad motifs, and the motifs learnt so far. It updates itself every 2 s.",
        "Bound to 127.0.0.1 unless --bind says otherwise; any other address needs a token (--token, or one is "
            + "generated and printed once), sent as ?token=... or Authorization: Bearer ...; without it every "
            + "request gets 401. Every asset is in the jar: it works without internet.",
        "Example: nasbowl dashboard --storage jdbc:sqlite:studies.db   (then open the URL it prints)"})
public final class DashboardCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StorageOptions storage;

  @Option(names = "--run", paramLabel = "DIR", description = "a 'search --objective-cmd' run directory (repeatable)")
  List<Path> runs;

  @Option(names = "--no-studies", description = "show only --run directories, no study storage")
  boolean noStudies;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
      description = "address to listen on (default: ${DEFAULT-VALUE}; anything else needs a token)")
  String bind;

  @Option(names = "--port", defaultValue = "8080", description = "port (default: ${DEFAULT-VALUE}; 0: any free port)")
  int port;

  @Option(names = "--token", paramLabel = "TOKEN", description = "the token requests must carry (default on a "
      + "non-loopback address: a random one, printed once)")
  String token;

  @Mixin CommonOptions.DataDir data;

  @Override
  public Integer call() throws Exception {
    List<Path> dirs = runs == null ? List.of() : runs;
    for (Path d : dirs) {
      if (!Files.isDirectory(d) || !RunDirectory.is(d)) {
        throw new IllegalArgumentException("--run " + d + " is not a run directory of 'search --objective-cmd' (no config.json)");
      }
    }
    if (token != null && token.isBlank()) throw new IllegalArgumentException("--token must not be empty");
    if (port < 0 || port > 65535) throw new IllegalArgumentException("--port " + port + " is not a port (0-65535; 0: any free one)");
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--bind " + bind + ": no such address or host name");
    }
    String t = token != null ? token : address.isLoopbackAddress() ? null : DashboardServer.newToken();
    StudyStorage st = noStudies || (runs != null && !spec.commandLine().getParseResult().hasMatchedOption("--storage")
        && System.getenv(StudyStorage.ENV) == null) ? null : storage.open(Duration.ofSeconds(30), s -> { });
    DashboardServer started;
    try {
      started = new DashboardServer(new DashboardModel(st == null ? null : new StudyStore(st), dirs, data.path()),
          bind, port, t);
    } catch (BindException e) {
      if (st != null) st.close();
      throw new IllegalArgumentException("cannot listen on " + bind + ":" + port + " (" + e.getMessage()
          + "); choose another --port, or 0 for any free one");
    }
    try (DashboardServer server = started) {
      PrintWriter out = spec.commandLine().getOut();
      String host = bind.equals("0.0.0.0") || bind.equals("::") ? InetAddress.getLocalHost().getHostName() : bind;
      out.println("dashboard: " + server.url(host) + (st == null ? "" : "  (studies in " + st.url() + ")")
          + (dirs.isEmpty() ? "" : "  (runs: " + dirs + ")"));
      if (t != null && token == null) out.println("  the token was generated for this run; it is shown only here");
      out.println("  Ctrl-C stops it");
      out.flush();
      CountDownLatch forever = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
      forever.await();
    } finally {
      if (st != null) st.close();
    }
    return 0;
  }
}
