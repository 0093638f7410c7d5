package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.nasbowl.experiments.study.Secrets;
import org.nasbowl.experiments.study.Study;
import org.nasbowl.experiments.study.StudyStorage;
import org.nasbowl.experiments.study.StudyStore;
import org.nasbowl.experiments.study.StudyWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl worker}: one of any number of processes that drive a study together. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Evaluate architectures for a study until its budget is complete: ask the study for an "
        + "architecture, run the objective command on it, store the result, repeat. Start as many as you like, "
        + "on one machine (SQLite) or many (PostgreSQL); no architecture is evaluated twice, and the trials of a "
        + "worker that dies are started again by the others once its heartbeat stops.",
        "Example: nasbowl worker --storage jdbc:sqlite:studies.db --study demo --objective-cmd 'python train.py "
            + "--arch {arch}'",
        "The command is run as by 'nasbowl search --objective-cmd': {arch} is the shell-quoted notation (also "
            + "$NASBOWL_ARCH), {eval_id} the trial number; the last line it prints is the validation accuracy in "
            + "[0, 1] or {\"valid_acc\": ..., \"test_acc\": ..., \"cost\": ...}. Exit code 0 when the study is complete."})
public final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StorageOptions storage;

  @Option(names = "--study", required = true, description = "the study's name")
  String study;

  @Option(names = "--objective-cmd", required = true, paramLabel = "CMD", description = "the training command")
  String command;

  @Option(names = "--space", description = "check that the study searches this space (nb201, nb101 or darts)")
  String space;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "per-evaluation time limit (default: none)")
  Double timeout;

  @Option(names = "--max-trials", defaultValue = "0", paramLabel = "K",
      description = "stop after K evaluations (default: 0 = until the study is complete)")
  int maxTrials;

  @Option(names = "--heartbeat", defaultValue = "30", paramLabel = "SECONDS",
      description = "refresh the running trial this often (default: ${DEFAULT-VALUE})")
  double heartbeat;

  @Option(names = "--grace", defaultValue = "3", paramLabel = "BEATS",
      description = "a trial whose heartbeat is older than this many heartbeats is stale and runs again "
          + "(default: ${DEFAULT-VALUE})")
  int grace;

  @Option(names = "--workdir", paramLabel = "DIR", description = "working directory of the command (default: current)")
  Path workdir;

  @Option(names = "--log-dir", paramLabel = "DIR",
      description = "keep each evaluation's stdout and stderr here as <trial>-<attempt>.out/.err (default: a "
          + "temporary directory; the last 4 KB of each are stored with the trial either way)")
  Path logDir;

  @Option(names = "--no-wait", description = "exit when nothing is left to start, instead of waiting for the trials "
      + "running elsewhere (one of which may still go stale and need a worker)")
  boolean noWait;

  @Mixin CommonOptions.MaxFailures maxFailures;

  @Option(names = "--retry-for", defaultValue = "900", paramLabel = "SECONDS",
      description = "how long to wait out a storage outage, retrying with back-off, at start-up too "
          + "(default: ${DEFAULT-VALUE})")
  double retryFor;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss");
    java.util.function.Consumer<String> log = line -> {
      synchronized (err) {
        err.println(LocalTime.now().format(clock) + " " + Secrets.scrub(line));
        err.flush();
      }
    };
    StudyWorker.Settings settings = new StudyWorker.Settings(command,
        timeout == null ? null : Duration.ofMillis(Math.round(timeout * 1000)), maxTrials,
        Duration.ofMillis(Math.round(heartbeat * 1000)), grace,
        workdir == null ? Path.of("").toAbsolutePath() : workdir, logDir, !noWait, maxFailures.value);
    try (StudyStorage st = storage.open(Duration.ofMillis(Math.round(retryFor * 1000)), log)) {
      StudyStore store = new StudyStore(st);
      Study s = store.require(study);
      if (space != null && !space.equals(s.space())) {
        throw new IllegalArgumentException("study '" + study + "' searches the " + s.space() + " space, not --space "
            + space);
      }
      StudyWorker.Summary summary = new StudyWorker(store, s, settings, log).run();
      return summary.studyComplete() || maxTrials > 0 || noWait ? 0 : 1;
    }
  }
}
