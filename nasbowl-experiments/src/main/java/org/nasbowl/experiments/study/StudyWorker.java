package org.nasbowl.experiments.study;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.experiments.external.CommandRun;
import org.nasbowl.experiments.external.CommandTemplate;
import org.nasbowl.experiments.external.FailureStreak;
import org.nasbowl.experiments.external.ObjectiveOutput;

/**
 * One worker of a study: asks the study for a trial (one transaction, {@link StudyStore#ask}), runs the objective
 * command on it exactly as {@code nasbowl search --objective-cmd} does ({@link CommandRun}: {@code {arch}} and
 * {@code NASBOWL_ARCH}, the last-line result, a timeout that kills the process tree), tells the result, and
 * repeats until the study's budget is complete. While it evaluates, a heartbeat thread refreshes the trial every
 * {@code heartbeat}; a trial whose heartbeat is older than {@code graceBeats} heartbeats is taken to be lost with
 * its worker and started again by the next ask. When nothing is left to start but trials are running elsewhere
 * the worker waits (one of them may still go stale) unless told not to. A worker stopped by SIGTERM kills its
 * evaluation and gives its trial back at once.
 *
 * <p>Each evaluation holds a {@link Lease}: the trial, the processes of its command and its own heartbeat thread.
 * A heartbeat can only ever stop the processes of its own lease, and only while the lease is open, so a heartbeat
 * delayed by a slow or locked database cannot touch the next evaluation. The main loop's asks and tells and the
 * shutdown hook take turns on one lock: the hook gives back whatever trial the worker holds, including one an ask
 * in flight has just claimed, and a worker that is stopping never asks again.
 */
public final class StudyWorker {

  /**
   * @param command the objective command template ({@link CommandTemplate}; {@code {eval_id}} is the trial
   *     number)
   * @param timeout per evaluation, or null
   * @param maxTrials stop after this many evaluations (0: no limit)
   * @param heartbeat how often a running trial is refreshed
   * @param graceBeats heartbeats missed before a trial is stale
   * @param workDir the command's working directory
   * @param logDir where each evaluation's stdout and stderr are kept, or null for a temporary directory (the
   *     tails are stored with the trial either way)
   * @param waitForRunning wait for trials running elsewhere instead of exiting when nothing is left to start
   * @param maxConsecutiveFailures this worker's failed evaluations in a row that stop it ({@link FailureStreak};
   *     0: never)
   */
  public record Settings(String command, Duration timeout, int maxTrials, Duration heartbeat, int graceBeats,
      Path workDir, Path logDir, boolean waitForRunning, int maxConsecutiveFailures) {
    /** With the default {@link FailureStreak#DEFAULT_LIMIT}. */
    public Settings(String command, Duration timeout, int maxTrials, Duration heartbeat, int graceBeats,
        Path workDir, Path logDir, boolean waitForRunning) {
      this(command, timeout, maxTrials, heartbeat, graceBeats, workDir, logDir, waitForRunning,
          FailureStreak.DEFAULT_LIMIT);
    }

    public Settings {
      FailureStreak.requireLimit(maxConsecutiveFailures);
      new CommandTemplate(command);
      Objects.requireNonNull(heartbeat, "heartbeat");
      if (heartbeat.isNegative() || heartbeat.isZero()) throw new IllegalArgumentException("--heartbeat must be positive");
      if (graceBeats < 2) throw new IllegalArgumentException("--grace must be at least 2 heartbeats, got " + graceBeats);
      if (maxTrials < 0) throw new IllegalArgumentException("--max-trials must be at least 0, got " + maxTrials);
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("--timeout must be positive");
      }
    }
  }

  /** What a worker did. */
  public record Summary(String worker, int evaluated, int kept, int duplicates, boolean studyComplete) {}

  /** Bytes of each output file's end stored with a trial. */
  static final int TAIL_BYTES = 4096;

  private final StudyStore store;
  private final Study study;
  private final Settings settings;
  private final Consumer<String> progress;
  private final CommandTemplate template;
  private final String host;
  private final String id;
  private final StudyStore.Timing timing;
  /** Held by an ask or a tell of the main loop, and by the shutdown hook while it gives the trial back. */
  private final ReentrantLock turn = new ReentrantLock();
  /** Counted down when the shutdown hook has given the trial back (the main thread waits for it before closing). */
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile boolean stopping;
  /** The slowest ask, the longest wait for the study's lock and the slowest heartbeat of this worker, ms. */
  private double slowestAskMs;
  private double longestLockWaitMs;
  private final java.util.concurrent.atomic.AtomicLong slowestBeatMicros = new java.util.concurrent.atomic.AtomicLong();
  private volatile Lease current;
  /** This worker's failed evaluations in a row (used on the worker's thread only). */
  private final FailureStreak streak;

  public StudyWorker(StudyStore store, Study study, Settings settings, Consumer<String> progress) {
    this.store = store;
    this.study = study;
    this.settings = settings;
    this.progress = progress == null ? s -> { } : progress;
    this.template = new CommandTemplate(settings.command());
    this.streak = new FailureStreak(settings.maxConsecutiveFailures());
    this.host = hostName();
    this.id = host + "-" + ProcessHandle.current().pid() + "-"
        + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    this.timing = StudyStore.Timing.of(settings.heartbeat(), settings.graceBeats());
  }

  /**
   * One evaluation's hold on its trial: the trial, its command's processes, and whether the evaluation is still
   * running. Killing a closed lease does nothing.
   */
  static final class Lease {
    final Trial trial;
    final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private boolean closed;

    Lease(Trial trial) {
      this.trial = trial;
    }

    synchronized void kill() {
      if (!closed) CommandRun.kill(processes);
    }

    synchronized void close() {
      closed = true;
    }
  }

  public String id() {
    return id;
  }

  public Summary run() throws IOException, InterruptedException {
    Path work = settings.workDir().toAbsolutePath().normalize();
    if (!Files.isDirectory(work)) throw new IllegalArgumentException("the working directory " + work + " does not exist");
    Path logs = settings.logDir() != null ? Files.createDirectories(settings.logDir())
        : Files.createTempDirectory("nasbowl-worker-");
    StudyOptimizer<?> optimizer = StudyOptimizer.of(study);
    store.registerWorker(study, id, host, ProcessHandle.current().pid(), timing);
    progress.accept("worker " + id + ": study '" + study.name() + "' (" + study.method() + " on " + study.space()
        + ", seed " + study.seed() + ", budget " + study.budget() + ") in " + store.storage().url());
    Thread hook = new Thread(this::onSignal, "nasbowl-worker-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    long pollMs = Math.min(settings.heartbeat().toMillis(), 10_000);
    int evaluated = 0;
    int kept = 0;
    int duplicates = 0;
    boolean complete = false;
    int lastWait = -1;
    try {
      while (true) {
        if (settings.maxTrials() > 0 && evaluated >= settings.maxTrials()) {
          progress.accept("stopping after --max-trials " + settings.maxTrials() + " evaluations");
          break;
        }
        StudyStore.AskResult r;
        Lease lease = null;
        turn.lock();
        try {
          if (stopping) break;
          r = store.ask(study, id, host, timing, optimizer);
          StudyStore.AskStats st = store.lastAsk();
          slowestAskMs = Math.max(slowestAskMs, st.askMs());
          longestLockWaitMs = Math.max(longestLockWaitMs, st.lockWaitMs());
          if (r instanceof StudyStore.Claimed c) {
            lease = new Lease(c.trial());
            current = lease;
          }
        } finally {
          turn.unlock();
        }
        staled(r);
        if (r instanceof StudyStore.Done d) {
          complete = true;
          progress.accept("the study is complete: " + d.complete() + " complete, " + d.failed() + " failed"
              + (d.exhausted() ? " (the search space is exhausted)" : ""));
          break;
        }
        if (r instanceof StudyStore.Wait w) {
          if (!settings.waitForRunning()) {
            progress.accept("nothing left to start (" + w.running() + " running elsewhere); exiting (--no-wait)");
            break;
          }
          if (w.running() != lastWait) {
            progress.accept("waiting: nothing left to start, " + w.running() + " trial(s) running on other workers");
            lastWait = w.running();
          }
          store.seen(study, id, timing.gapMs());
          Thread.sleep(pollMs);
          continue;
        }
        lastWait = -1;
        StudyStore.Claimed claim = (StudyStore.Claimed) r;
        if (stopping) break; // the shutdown hook has given this trial back already
        evaluated++;
        StudyStore.Told told = evaluate(lease, claim.again(), work, logs);
        if (told == null) continue;
        if (told == StudyStore.Told.KEPT || told == StudyStore.Told.KEPT_LATE) kept++;
        else duplicates++;
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      if (stopping) {
        // The hook is giving the trial back through this worker's storage: it must not be closed under it.
        released.await(10, TimeUnit.SECONDS);
      } else {
        current = null;
        store.workerExited(id, "EXITED");
      }
      if (settings.logDir() == null) deleteTree(logs);
    }
    progress.accept("worker " + id + " done: " + evaluated + " evaluations, " + kept + " results kept"
        + (duplicates > 0 ? ", " + duplicates + " ignored" : "")
        + String.format(Locale.ROOT, "; slowest ask %.0f ms, longest lock wait %.0f ms, slowest heartbeat %.0f ms",
            slowestAskMs, longestLockWaitMs, slowestBeatMicros.get() / 1e3));
    return new Summary(id, evaluated, kept, duplicates, complete);
  }

  private void staled(StudyStore.AskResult r) {
    List<Trial> staled = r instanceof StudyStore.Claimed c ? c.staled()
        : r instanceof StudyStore.Wait w ? w.staled() : List.of();
    for (Trial t : staled) {
      progress.accept("trial " + t.number() + " is stale (worker " + t.worker() + " sent no heartbeat for "
          + settings.graceBeats() + " x " + settings.heartbeat().toSeconds() + " s); it will run again");
    }
  }

  /** Runs one trial; returns what the store made of the result, or null when the evaluation was abandoned. */
  private StudyStore.Told evaluate(Lease lease, boolean again, Path work, Path logs)
      throws IOException, InterruptedException {
    Trial t = lease.trial;
    String head = "[trial " + t.number() + "/" + study.budget() + (t.attempt() > 1 ? ", attempt " + t.attempt() : "")
        + "] ";
    progress.accept(head + (again ? "restart " : "start ")
        + (t.replicate() > 0 ? "replicate " + t.replicate() + " (seed " + t.replicate() + ") of " : "") + t.notation()
        + (t.askMs() != null && !again ? String.format(Locale.ROOT, " (ask %.0f ms, lock wait %.0f ms)", t.askMs(),
            store.lastAsk().lockWaitMs()) : ""));
    Map<String, String> env = Map.of("NASBOWL_ARCH", t.notation(), "NASBOWL_EVAL_ID", Integer.toString(t.number()),
        "NASBOWL_STUDY", study.name(), "NASBOWL_TRIAL", Integer.toString(t.number()),
        "NASBOWL_ATTEMPT", Integer.toString(t.attempt()), "NASBOWL_WORKER", id,
        "NASBOWL_SEED", Integer.toString(t.replicate()));
    Path out = logs.resolve(t.number() + "-" + t.attempt() + ".out");
    Path err = logs.resolve(t.number() + "-" + t.attempt() + ".err");
    // Set by the heartbeat thread, read here once the command has ended.
    AtomicBoolean finishedElsewhere = new AtomicBoolean();
    // This lease's own heartbeat thread: a heartbeat held up by the database delays no other evaluation's.
    ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread th = new Thread(r, "nasbowl-heartbeat-" + t.number());
      th.setDaemon(true);
      return th;
    });
    Duration beatWindow = settings.heartbeat();
    beats.scheduleAtFixedRate(() -> {
      long beat0 = System.nanoTime();
      try {
        StudyStore.Beat b = store.heartbeat(t, id, timing.gapMs(), beatWindow);
        long took = (System.nanoTime() - beat0) / 1000;
        slowestBeatMicros.accumulateAndGet(took, Math::max);
        if (took / 1000 > timing.graceMs() / 2) {
          progress.accept(head + String.format(Locale.ROOT, "heartbeat took %.1f s, more than half the grace period "
              + "(%.0f s): the database is slow or locked", took / 1e6, timing.graceMs() / 1e3));
        }
        if (b == StudyStore.Beat.FINISHED) {
          finishedElsewhere.set(true);
          lease.kill();
        }
      } catch (StudyStorage.StorageException e) {
        // An outage is reported once by the storage; the next heartbeat tries again.
        if (!e.outage()) progress.accept(head + "heartbeat failed: " + e.getMessage());
      } catch (RuntimeException e) {
        progress.accept(head + "heartbeat failed: " + e.getMessage());
      }
    }, settings.heartbeat().toMillis(), settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
    Map.Entry<Observation, Double> r;
    try {
      r = CommandRun.run(template.render(t.notation(), t.number(), t.replicate()), work, env, out, err, settings.timeout(),
          lease.processes, () -> stopping);
    } finally {
      lease.close();
      beats.shutdown();
    }
    if (finishedElsewhere.get()) {
      progress.accept(head + "stopped: another attempt of this trial finished first");
      clearCurrent(lease);
      return null;
    }
    StudyStore.Result result = new StudyStore.Result(r.getKey(), r.getValue(), tail(out), tail(err));
    StudyStore.Told told;
    turn.lock();
    try {
      told = store.tell(study, t, id, host, result);
      if (current == lease) current = null;
    } finally {
      turn.unlock();
    }
    Observation o = r.getKey();
    String what = o.ok() ? String.format(Locale.ROOT, "valid_acc %.4f", o.value().getAsDouble())
        + (o.testValue().isPresent() ? String.format(Locale.ROOT, ", test_acc %.4f", o.testValue().getAsDouble()) : "")
        : "FAILED: " + o.failure();
    String fate = switch (told) {
      case KEPT -> "";
      case KEPT_LATE -> " (kept although the trial had gone stale: no other result yet)";
      case DUPLICATE -> " (ignored: the trial already has a result from another attempt)";
      case IGNORED -> " (ignored: another worker is running this trial again)";
    };
    progress.accept(head + what + String.format(Locale.ROOT, " in %.1f s", r.getValue()) + fate);
    streak.record(o, settings.logDir() == null ? "the trial's stored stderr tail ('study export')" : err.toString());
    return told;
  }

  private void clearCurrent(Lease lease) {
    turn.lock();
    try {
      if (current == lease) current = null;
    } finally {
      turn.unlock();
    }
  }

  /**
   * SIGTERM or Ctrl-C: no result from a killed evaluation; its trial goes back to the study at once and the worker
   * is recorded as STOPPED. Waits (bounded) for an ask or tell in flight, so that a trial the ask claims is given
   * back too; the storage calls retry through an outage for a few seconds only, since the process is ending.
   */
  private void onSignal() {
    stopping = true;
    Lease l = current;
    if (l != null) l.kill();
    boolean locked = false;
    Lease held = null;
    try {
      locked = turn.tryLock(HOOK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      held = current;
      if (held != null) {
        held.kill();
        store.release(study, held.trial, id, HOOK_WAIT);
        current = null;
      }
      store.workerExited(id, "STOPPED", HOOK_WAIT);
      progress.accept("stopped by a signal" + (held != null ? ": trial " + held.trial.number()
          + " given back to the study" : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // the storage is unreachable: the trial goes stale when its heartbeat ages instead
      progress.accept("stopped by a signal; could not give " + (held != null ? "trial " + held.trial.number()
          : "the trial") + " back (" + e.getMessage() + "): it runs again once its heartbeat is older than the "
          + "grace period");
    } finally {
      if (locked) turn.unlock();
      released.countDown();
    }
  }

  /** How long the shutdown hook waits for an ask in flight, and for the storage. */
  static final Duration HOOK_WAIT = Duration.ofSeconds(5);

  /** The last {@link #TAIL_BYTES} of a file as text (empty if missing or unreadable). */
  static String tail(Path file) {
    try {
      return ObjectiveOutput.tail(file, TAIL_BYTES);
    } catch (IOException e) {
      return "";
    }
  }

  private static String hostName() {
    String h = System.getenv("HOSTNAME");
    if (h != null && !h.isBlank()) return h;
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; nothing depends on it
    }
  }
}
