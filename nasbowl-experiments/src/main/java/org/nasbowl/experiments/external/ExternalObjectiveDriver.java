package org.nasbowl.experiments.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.bo.OptimizerFactory;
import org.nasbowl.core.bo.OptimizerLog;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * Runs an ask/tell optimiser against the user's own training command, asynchronously, with a resumable run
 * directory.
 *
 * <p><b>Evaluating.</b> Each proposal runs {@code /bin/sh -c <command>} in the working directory, where the
 * command is the template with {@code {arch}} replaced by the shell-quoted architecture notation and
 * {@code {eval_id}} by the evaluation id; the environment also holds {@code NASBOWL_ARCH},
 * {@code NASBOWL_EVAL_ID} and {@code NASBOWL_RUN_DIR}; stdin is {@code /dev/null}. Stdout and stderr go to
 * {@code evals/<id>.out} and {@code evals/<id>.err}. The result is the last non-empty stdout line (see
 * {@link ObjectiveOutput}); a timeout kills the command with all its descendants. Failures are told to the
 * optimiser as failures (never proposed again) and the search goes on.
 *
 * <p><b>Scheduling.</b> Up to {@code parallel} evaluations run at once. The first proposals are one batch;
 * afterwards, whenever an evaluation finishes its result is told and one new architecture is asked for at
 * once, until {@code budget} evaluations (failures included) have been started; then the rest are awaited.
 *
 * <p><b>Run directory.</b> {@code config.json} ({@link RunConfig}), {@code events.jsonl} (every ask and tell,
 * fsynced before it is acted on; {@link EventJson}, {@link EventLogFile}), {@code results.csv} and, at the end,
 * {@code summary.json} ({@link ResultsFiles}), and {@code evals/}.
 *
 * <p><b>Resuming.</b> Running the driver again on the same run directory with the same settings replays
 * {@code events.jsonl} into a fresh optimiser, which is then in exactly the state it was in. Told evaluations
 * are never run again. Evaluations that were asked but never told were in flight when the previous run
 * stopped; their outcome is unknown (a process killed with its driver is not a result), so they are started
 * again, with the same ids (their old output files are replaced), before anything new is asked. The run then
 * continues to the budget. Because every ask is logged before its evaluation starts and every tell before the
 * next ask, a deterministic objective with {@code parallel = 1} gives exactly the proposals of an uninterrupted
 * run. A resumed run that had already finished only rewrites results.csv and summary.json.
 *
 * <p><b>Extending.</b> Resuming with a larger budget continues the run to the new budget (a budget below what was
 * started is refused); the parallelism and the timeout may change; the command may change with
 * {@code allowCommandChange}. Every change is written to config.json and recorded in events.jsonl as a
 * {@code config} line. Every line carries {@code t}, the epoch milliseconds when it was written.
 *
 * <p><b>Warm start.</b> A new run may start from observations made elsewhere ({@link WarmStart}, such as another
 * run's results.csv): they are told to the optimiser as warm events before its first ask, so its model uses them
 * and it never proposes those architectures; they are not evaluations of this run.
 */
public final class ExternalObjectiveDriver<A> {

  /**
   * What to run.
   *
   * @param method the optimiser's id, recorded in config.json (a resumed run must use the same)
   * @param seed the optimiser's seed
   * @param command the command template ({@link CommandTemplate})
   * @param parallel the most evaluations running at once, at least 1
   * @param budget the number of evaluations, failures included, at least 1
   * @param timeout the limit per evaluation, or null for none
   * @param runDirectory created if missing; an existing one is resumed
   * @param workingDirectory the command's working directory; must exist
   * @param maxConsecutiveFailures failed results in a row that stop the run ({@link FailureStreak}; 0: never); not
   *     part of the run's identity, so a resumed run may change it
   * @param warmStart a file of observations to start a new run from ({@link WarmStart}), or null
   * @param allowCommandChange whether a resumed run may use another command than the one it started with
   */
  public record Settings(String method, long seed, String command, int parallel, int budget, Duration timeout,
      Path runDirectory, Path workingDirectory, int maxConsecutiveFailures, Path warmStart,
      boolean allowCommandChange) {
    /** With the default {@link FailureStreak#DEFAULT_LIMIT}. */
    public Settings(String method, long seed, String command, int parallel, int budget, Duration timeout,
        Path runDirectory, Path workingDirectory) {
      this(method, seed, command, parallel, budget, timeout, runDirectory, workingDirectory,
          FailureStreak.DEFAULT_LIMIT);
    }

    /** Without a warm start, the command fixed. */
    public Settings(String method, long seed, String command, int parallel, int budget, Duration timeout,
        Path runDirectory, Path workingDirectory, int maxConsecutiveFailures) {
      this(method, seed, command, parallel, budget, timeout, runDirectory, workingDirectory, maxConsecutiveFailures,
          null, false);
    }

    public Settings {
      FailureStreak.requireLimit(maxConsecutiveFailures);
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(runDirectory, "runDirectory");
      Objects.requireNonNull(workingDirectory, "workingDirectory");
      if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
      if (budget < 1) throw new IllegalArgumentException("budget must be at least 1, got " + budget);
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("the timeout must be positive (or absent), got " + timeout);
      }
    }
  }

  public static final String CONFIG = "config.json";
  public static final String EVENTS = "events.jsonl";
  public static final String RESULTS = "results.csv";
  public static final String SUMMARY = "summary.json";
  public static final String EVALS = "evals";

  private final SearchSpace<A> space;
  private final OptimizerFactory factory;
  private final Settings settings;
  private final Consumer<String> progress;
  private final CommandTemplate template;
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  /** Set when the JVM shuts down (SIGTERM, Ctrl-C): evaluations killed from then on are not results. */
  private volatile boolean stopping;
  /** Evaluations finished so far (for the interrupt message). */
  private volatile int doneSoFar;
  /** Extra fields for the tell being logged (set on the driver thread just before the tell). */
  private EvaluationRecord tellInProgress;
  private EventLogFile eventLog;

  /**
   * @param progress receives one line per event (start, result, resume notes, warnings); called from the
   *     thread that calls {@link #run} only
   */
  public ExternalObjectiveDriver(SearchSpace<A> space, OptimizerFactory factory, Settings settings,
      Consumer<String> progress) {
    this.space = Objects.requireNonNull(space, "space");
    this.factory = Objects.requireNonNull(factory, "factory");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.progress = progress == null ? s -> { } : progress;
    this.template = new CommandTemplate(settings.command());
  }

  /** A finished evaluation, handed from a worker thread to the driver thread. */
  private record Outcome<T>(int id, T architecture, String notation, Observation observation, double seconds,
      int replicate) {}

  /**
   * Runs (or resumes) the search until the budget is spent or the space is exhausted.
   *
   * @throws IllegalStateException if the run directory holds a run with different settings
   * @throws DataFormatException if config.json or events.jsonl is malformed
   * @throws InterruptedException if interrupted; running evaluations are killed, and the run can be resumed
   */
  public RunSummary run() throws IOException, InterruptedException {
    Path runDir = settings.runDirectory().toAbsolutePath().normalize();
    Path work = settings.workingDirectory().toAbsolutePath().normalize();
    if (!Files.isDirectory(work)) {
      throw new IllegalArgumentException("the working directory " + work + " does not exist");
    }
    Files.createDirectories(runDir);
    Path configFile = runDir.resolve(CONFIG);
    Path eventsFile = runDir.resolve(EVENTS);
    if (!Files.exists(configFile) && (Files.exists(eventsFile) || Files.exists(runDir.resolve(RESULTS)))) {
      throw new IllegalStateException(runDir + " has " + EVENTS + " or " + RESULTS + " but no " + CONFIG
          + "; it is not a run directory this driver can resume");
    }
    RunConfig config = new RunConfig(space.name(), settings.method(), settings.seed(), settings.command(),
        settings.budget(), settings.parallel(),
        settings.timeout() == null ? null : settings.timeout().toMillis() / 1000.0);
    Map<String, Object[]> changes = config.writeOrReconcile(configFile, settings.allowCommandChange());
    Path evalsDir = Files.createDirectories(runDir.resolve(EVALS));

    // What the log says: ids in proposal order, finished evaluations in tell order, the rest in flight. An
    // architecture proposed again after its result is a replicate (its next training seed).
    EventLogFile.Contents contents = EventLogFile.read(eventsFile, progress);
    Map<String, Integer> proposals = new HashMap<>();
    LinkedHashMap<String, int[]> inFlight = new LinkedHashMap<>();
    List<EvaluationRecord> done = new ArrayList<>();
    int started = 0;
    boolean warmed = false;
    for (EventLogFile.Line line : contents.lines()) {
      if (line.event() instanceof OptimizerLog.Warm) warmed = true;
      if (line.event() instanceof OptimizerLog.Ask ask) {
        for (String p : ask.proposals()) {
          if (inFlight.containsKey(p)) {
            throw new DataFormatException(eventsFile, "line", line.number(), "proposals",
                "architecture " + p + " was proposed again while evaluation " + inFlight.get(p)[0] + " of it was running");
          }
          int replicate = proposals.merge(p, 1, Integer::sum) - 1;
          inFlight.put(p, new int[] {++started, replicate});
        }
      } else if (line.event() instanceof OptimizerLog.Tell tell) {
        int[] f = inFlight.remove(tell.architecture());
        if (f == null) {
          throw new DataFormatException(eventsFile, "line", line.number(), "architecture",
              (proposals.containsKey(tell.architecture()) ? "told twice: " : "told but never proposed: ")
                  + tell.architecture());
        }
        JsonNode secs = line.json().get("seconds");
        done.add(new EvaluationRecord(f[0], tell.architecture(), tell.observation(),
            secs != null && secs.isNumber() ? secs.doubleValue() : Double.NaN, f[1]));
      }
    }
    if (started > settings.budget()) {
      throw new IllegalArgumentException("--budget " + settings.budget() + " is smaller than the " + started
          + " evaluations already started in " + runDir + "; give at least " + started + " to resume or extend it");
    }
    if (settings.warmStart() != null && !contents.lines().isEmpty() && !warmed) {
      throw new IllegalArgumentException("--warm-start applies when a run starts; " + runDir + " has started "
          + "without one (start a new run directory to warm-start)");
    }
    OptimizerLog.Recording<A> optimizer;
    List<OptimizerLog.Event> past = contents.lines().stream().map(EventLogFile.Line::event)
        .filter(Objects::nonNull).toList();
    try {
      optimizer = past.isEmpty()
          ? OptimizerLog.recording(factory, space, settings.seed(), this::logEvent)
          : OptimizerLog.replay(factory, space, settings.seed(), past, this::logEvent);
    } catch (RuntimeException e) {
      throw new DataFormatException(eventsFile, "line", 0, null, "cannot be replayed with method '"
          + settings.method() + "' and seed " + settings.seed() + ": " + e.getMessage() + ". A run started by a "
          + "nasbowl release with other defaults (such as before replicates and failure imputation) cannot be "
          + "resumed by this one: start a new run directory with --warm-start " + runDir.resolve(RESULTS)
          + " to keep its results", e);
    }
    int resumed = done.size();
    int rerun = inFlight.size();
    if (contents.lines().isEmpty()) {
      progress.accept("new run in " + runDir + ": budget " + settings.budget() + ", up to " + settings.parallel()
          + " at once");
    } else {
      progress.accept("resuming the run in " + runDir + ": " + resumed + " of " + settings.budget()
          + " evaluations finished" + (rerun == 0 ? "" : "; " + rerun + " in flight when it stopped will run "
          + "again (an interrupted evaluation is not a result)"));
    }

    boolean exhausted = false;
    ExecutorService pool = Executors.newFixedThreadPool(settings.parallel(), daemonThreads());
    ExecutorCompletionService<Outcome<A>> completions = new ExecutorCompletionService<>(pool);
    stopping = false;
    Thread killOnExit = new Thread(this::stop, "nasbowl-kill-evaluations");
    Runtime.getRuntime().addShutdownHook(killOnExit);
    eventLog = EventLogFile.openForAppend(eventsFile, contents);
    if (!changes.isEmpty()) {
      config.write(configFile);
      ObjectNode line = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      line.put("type", EventLogFile.CONFIG);
      ObjectNode c = line.putObject("changes");
      StringBuilder said = new StringBuilder();
      for (Map.Entry<String, Object[]> e : changes.entrySet()) {
        com.fasterxml.jackson.databind.node.ArrayNode a = c.putArray(e.getKey());
        for (Object v : e.getValue()) a.addPOJO(v);
        said.append(said.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()[0])
            .append(" -> ").append(e.getValue()[1]);
      }
      stamp(line);
      eventLog.append(line);
      progress.accept("changed: " + said + " (recorded in " + EVENTS + ")");
    }
    if (settings.warmStart() != null && contents.lines().isEmpty()) {
      List<WarmStart.Entry> warm = WarmStart.read(settings.warmStart(), space);
      for (WarmStart.Entry w : warm) optimizer.warm(space.parse(w.architecture()), w.observation());
      progress.accept("warm start: " + warm.size() + " observations from " + settings.warmStart()
          + " told to the optimiser (not evaluated again)");
    } else if (settings.warmStart() != null) {
      progress.accept("warm start: already applied when this run started");
    }
    doneSoFar = done.size();
    try {
      int active = 0;
      for (Map.Entry<String, int[]> e : inFlight.entrySet()) {
        submit(completions, e.getValue()[0], space.parse(e.getKey()), e.getKey(), e.getValue()[1], work, runDir,
            evalsDir, true);
        active++;
      }
      int proposed = started;
      // Counted from this start on: a resumed run gets a fresh allowance, since the cause may have been fixed.
      FailureStreak streak = new FailureStreak(settings.maxConsecutiveFailures());
      while (true) {
        // Fill every free worker. An ask may return fewer than wanted (the end of NAS-BOWL's initial design); the
        // next ask fills the rest, and only an empty answer means the space is exhausted.
        int want;
        while ((want = Math.min(settings.parallel() - active, settings.budget() - proposed)) > 0 && !exhausted) {
          List<A> got = optimizer.ask(want);
          if (got.isEmpty()) {
            exhausted = true;
            progress.accept("the search space is exhausted after " + proposed + " proposals");
          }
          for (A a : got) {
            String notation = space.format(a);
            int replicate = proposals.merge(notation, 1, Integer::sum) - 1;
            submit(completions, ++proposed, a, notation, replicate, work, runDir, evalsDir, false);
            active++;
          }
        }
        if (active == 0) break;
        Outcome<A> o;
        try {
          o = completions.take().get();
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof InterruptedException ie) throw ie;
          if (c instanceof IOException io) throw io;
          if (c instanceof RuntimeException re) throw re;
          if (c instanceof Error err) throw err;
          throw new IllegalStateException(c);
        }
        active--;
        if (stopping) throw new InterruptedException("the JVM is shutting down");
        EvaluationRecord r = new EvaluationRecord(o.id(), o.notation(), o.observation(), o.seconds(), o.replicate());
        tellInProgress = r;
        try {
          optimizer.tell(o.architecture(), o.observation());
        } finally {
          tellInProgress = null;
        }
        done.add(r);
        doneSoFar = done.size();
        ResultsFiles.writeCsv(runDir.resolve(RESULTS), done);
        progress.accept(describe(r, done));
        streak.record(o.observation(), errFile(evalsDir, o.id()).toString());
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      pool.shutdownNow();
      killRunning();
      pool.awaitTermination(30, TimeUnit.SECONDS);
      eventLog.close();
      eventLog = null;
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
    ResultsFiles.writeCsv(runDir.resolve(RESULTS), done);
    Optional<String> recommended = optimizer.recommend().map(space::format);
    RunSummary summary = new RunSummary(runDir, settings.budget(), done, resumed, rerun, exhausted, best(done),
        recommended.or(() -> best(done).map(EvaluationRecord::architecture)), recommended.isPresent());
    ResultsFiles.writeSummary(runDir.resolve(SUMMARY), config, summary);
    progress.accept("done: " + summary.evaluations() + " evaluations (" + summary.succeeded() + " ok, "
        + summary.failed() + " failed)" + summary.best().map(b -> "; best valid_acc "
        + fmt(b.observation().value().getAsDouble()) + " (evaluation " + b.id() + "): " + b.architecture())
        .orElse("; no evaluation succeeded"));
    summary.recommended().filter(r -> summary.byModel())
        .ifPresent(r -> progress.accept("recommended by the model: " + r + " (" + summary.describe(r) + ")"));
    return summary;
  }

  /** Appends an event to events.jsonl (called by the recording optimiser, on the driver thread). */
  private void logEvent(OptimizerLog.Event event) {
    ObjectNode json = EventJson.toNode(event);
    EvaluationRecord r = tellInProgress;
    if (event instanceof OptimizerLog.Tell && r != null) {
      json.put("eval_id", r.id());
      json.put("seconds", r.seconds());
      if (r.replicate() > 0) json.put("replicate", r.replicate());
    }
    stamp(json);
    eventLog.append(json);
  }

  /** Adds the wall-clock time (epoch milliseconds) to a line of the log. */
  private static void stamp(ObjectNode json) {
    json.put("t", System.currentTimeMillis());
  }

  private void submit(ExecutorCompletionService<Outcome<A>> completions, int id, A arch, String notation,
      int replicate, Path work, Path runDir, Path evalsDir, boolean again) {
    progress.accept("[" + id + "/" + settings.budget() + "] " + (again ? "restart " : "start ")
        + (replicate > 0 ? "replicate " + replicate + " (seed " + replicate + ") of " : "") + notation);
    completions.submit(() -> evaluate(id, arch, notation, replicate, work, runDir, evalsDir));
  }

  /** Where evaluation {@code id}'s stderr is kept. */
  private static Path errFile(Path evalsDir, int id) {
    return evalsDir.resolve(id + ".err");
  }

  private Outcome<A> evaluate(int id, A arch, String notation, int replicate, Path work, Path runDir, Path evalsDir)
      throws IOException, InterruptedException {
    Map<String, String> env = Map.of("NASBOWL_ARCH", notation, "NASBOWL_EVAL_ID", Integer.toString(id),
        "NASBOWL_SEED", Integer.toString(replicate), "NASBOWL_RUN_DIR", runDir.toString());
    Map.Entry<Observation, Double> r = CommandRun.run(template.render(notation, id, replicate), work, env,
        evalsDir.resolve(id + ".out"), errFile(evalsDir, id), settings.timeout(), running, () -> stopping);
    return new Outcome<>(id, arch, notation, r.getKey(), r.getValue(), replicate);
  }

  /** The shutdown hook: no more results, no evaluation outlives the JVM, and one line on how to go on. */
  private void stop() {
    stopping = true;
    killRunning();
    progress.accept("interrupted: " + doneSoFar + " finished evaluations are kept in "
        + settings.runDirectory().toAbsolutePath().normalize() + "; run the same command again to resume (the "
        + "evaluations in flight will run again)");
  }

  private void killRunning() {
    CommandRun.kill(running);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "nasbowl-eval-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static Optional<EvaluationRecord> best(List<EvaluationRecord> done) {
    EvaluationRecord best = null;
    for (EvaluationRecord r : done) {
      if (r.ok() && (best == null
          || r.observation().value().getAsDouble() > best.observation().value().getAsDouble())) {
        best = r;
      }
    }
    return Optional.ofNullable(best);
  }

  private String describe(EvaluationRecord r, List<EvaluationRecord> done) {
    String head = "[" + r.id() + "/" + settings.budget() + "] ";
    String time = String.format(Locale.ROOT, " in %.1f s", r.seconds());
    if (!r.ok()) return head + "FAILED" + time + ": " + r.observation().failure();
    Observation o = r.observation();
    StringBuilder sb = new StringBuilder(head).append("valid_acc ").append(fmt(o.value().getAsDouble()));
    o.testValue().ifPresent(t -> sb.append(", test_acc ").append(fmt(t)));
    o.cost().ifPresent(c -> sb.append(", cost ").append(fmt(c)));
    sb.append(time);
    best(done).ifPresent(b -> sb.append(" (best ").append(fmt(b.observation().value().getAsDouble()))
        .append(", evaluation ").append(b.id()).append(')'));
    return sb.toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
