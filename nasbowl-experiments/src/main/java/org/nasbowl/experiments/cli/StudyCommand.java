package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.external.UserSpaces;
import org.nasbowl.experiments.results.Stats;
import org.nasbowl.experiments.study.Study;
import org.nasbowl.experiments.study.StudyExport;
import org.nasbowl.experiments.study.StudyOptimizer;
import org.nasbowl.experiments.study.StudyProgress;
import org.nasbowl.experiments.study.StudyStorage;
import org.nasbowl.experiments.study.StudyStore;
import org.nasbowl.experiments.study.Trial;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl study}: studies in a database that many workers share. */
@Command(name = "study", mixinStandardHelpOptions = true,
    description = {"Create, watch, export and delete studies: searches stored in a database (SQLite or "
        + "PostgreSQL) that any number of 'nasbowl worker' processes drive together.",
        "Example: nasbowl study create --name demo --space nb201 --budget 100",
        "         nasbowl worker --study demo --objective-cmd 'python train.py --arch {arch}'   (on each machine)",
        "         nasbowl study status --study demo"},
    subcommands = {StudyCommand.Create.class, StudyCommand.Set.class, StudyCommand.Status.class,
        StudyCommand.Export.class, StudyCommand.ListStudies.class, StudyCommand.Delete.class})
public final class StudyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a study.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StorageOptions storage;

    @Option(names = "--name", required = true, description = "the study's name, unique in its database")
    String name;

    @Option(names = "--space", required = true, description = "search space: nb201, nb101 or darts")
    String space;

    @Option(names = "--method", defaultValue = "nasbowl-m", description = "method id (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--seed", defaultValue = "0", description = "the optimiser's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--budget", required = true, description = "evaluations in all, failures included")
    int budget;

    @Option(names = "--batch-hint", defaultValue = "1", paramLabel = "B",
        description = "workers expected to run at once; informational (default: ${DEFAULT-VALUE})")
    int batchHint;

    @Mixin NasBowlOptions nasbowl;

    @Option(names = "--if-not-exists", description = "accept an existing study of that name if its settings are the same")
    boolean ifNotExists;

    @Override
    public Integer call() {
      // Everything that can be checked without the database is checked first: a refused command writes nothing.
      SearchSpace<?> sp = UserSpaces.byName(space);
      StudyOptimizer.checkMethod(method);
      StudyStore.NewStudy n = new StudyStore.NewStudy(name, space, method, seed, budget, batchHint,
          StudyOptimizer.settings(nasbowl.acquisition, nasbowl.selection));
      sp.size().ifPresent(size -> {
        if (budget > size) {
          throw new IllegalArgumentException(String.format(Locale.ROOT, "--budget %d is larger than the %s space "
              + "(%,d architectures)", budget, space, size));
        }
      });
      return storage.withCreatedStorage(st -> {
        Map.Entry<Study, Boolean> r = new StudyStore(st).create(n, ifNotExists);
        PrintWriter out = spec.commandLine().getOut();
        Study s = r.getKey();
        out.printf(Locale.ROOT, "%s study '%s' in %s: %s on %s, seed %d, budget %d%n", r.getValue() ? "created" : "found",
            s.name(), st.url(), s.method(), s.space(), s.seed(), s.budget());
        out.flush();
        return 0;
      });
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Change a study's budget: extend a finished study (workers then start the new trials), or lower "
          + "it to no less than the trials already started.")
  static final class Set implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StorageOptions storage;

    @Option(names = "--study", required = true, description = "the study's name")
    String name;

    @Option(names = "--budget", required = true, description = "the new budget")
    int budget;

    @Override
    public Integer call() {
      try (StudyStorage st = storage.openAtOnce()) {
        StudyStore store = new StudyStore(st);
        Study s = store.require(name);
        int before = s.budget();
        Study now = store.setBudget(s, budget);
        spec.commandLine().getOut().printf(Locale.ROOT, "study '%s': budget %d -> %d (%d trials started)%n",
            now.name(), before, now.budget(), store.trials(now).size());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Counts by state, the best trial so far, the workers and an estimate of the time left.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StorageOptions storage;

    @Option(names = "--study", required = true, description = "the study's name")
    String name;

    @Override
    public Integer call() {
      try (StudyStorage st = storage.openAtOnce()) {
        StudyStore store = new StudyStore(st);
        Study s = store.require(name);
        List<Trial> trials = store.trials(s);
        List<StudyStore.Worker> workers = store.workers(s);
        spec.commandLine().getOut().print(render(st.url(), s, trials, workers));
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  static String render(String url, Study s, List<Trial> trials, List<StudyStore.Worker> workers) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "study '%s' in %s: %s on %s, seed %d, budget %d (created %s)%n", s.name(), url,
        s.method(), s.space(), s.seed(), s.budget(), Instant.ofEpochMilli(s.created())));
    StudyProgress p = StudyProgress.of(s, trials, workers);
    b.append(String.format(Locale.ROOT, "trials: %d complete, %d failed, %d running%s, %d stale, %d not started%n",
        p.complete(), p.failed(), p.running(),
        p.orphaned() == 0 ? "" : " (" + p.orphaned() + " on a stopped or lost worker: run again once stale)",
        p.stale(), p.notStarted()));
    Trial best = StudyExport.best(trials);
    if (best != null) {
      b.append(String.format(Locale.ROOT, "best: valid_acc %.4f%s (trial %d): %s%n", best.valid(),
          best.test() == null ? "" : String.format(Locale.ROOT, ", test_acc %.4f", best.test()), best.number(),
          best.notation()));
    } else {
      b.append("best: none yet\n");
    }
    java.util.Optional<String> rec = org.nasbowl.experiments.study.StudyOptimizer.of(s).recommend(trials);
    if (rec.isPresent()) {
      long replicates = trials.stream().filter(t -> t.replicate() > 0).count();
      b.append(String.format(Locale.ROOT, "recommended by the model: %s (%s)%s%n",
          best != null && best.notation().equals(rec.get()) ? "the best trial's architecture" : rec.get(),
          org.nasbowl.experiments.external.RunSummary.describe(Trial.completeValues(trials, rec.get())),
          replicates == 0 ? "" : "; " + replicates + " trials are replicates (another training seed)"));
    }
    String eta = p.timeLeftSeconds() == 0 ? "done" : Double.isNaN(p.timeLeftSeconds())
        ? "unknown (" + p.timeLeftReason() + ")"
        : duration(p.timeLeftSeconds()) + " with " + p.activeWorkers() + " active worker(s)";
    b.append(String.format(Locale.ROOT, "median evaluation %s, median ask %s; time left: %s%n",
        Double.isNaN(p.medianSeconds()) ? "-" : String.format(Locale.ROOT, "%.1f s", p.medianSeconds()),
        Double.isNaN(p.medianAskMs()) ? "-" : String.format(Locale.ROOT, "%.0f ms", p.medianAskMs()), eta));
    if (!workers.isEmpty()) {
      b.append(String.format(Locale.ROOT, "%-32s %-20s %-8s %10s %8s %8s %7s%n", "worker", "host", "state", "last seen",
          "running", "complete", "failed"));
      for (StudyStore.Worker w : workers) {
        long run = trials.stream().filter(t -> w.id().equals(t.worker()) && Trial.RUNNING.equals(t.state())).count();
        long ok = trials.stream().filter(t -> w.id().equals(t.worker()) && Trial.COMPLETE.equals(t.state())).count();
        long bad = trials.stream().filter(t -> w.id().equals(t.worker()) && Trial.FAILED.equals(t.state())).count();
        b.append(String.format(Locale.ROOT, "%-32s %-20s %-8s %10s %8d %8d %7d%n", w.id(), w.host(), w.shownState(),
            duration((w.now() - w.lastSeen()) / 1000.0) + " ago", run, ok, bad));
      }
    }
    return b.toString();
  }

  static String duration(double seconds) {
    long s = Math.max(0, Math.round(seconds));
    if (s < 60) return s + " s";
    if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write a study's results as a run directory: results.csv, summary.json, trials.csv and "
          + "trace.jsonl (for 'nasbowl motifs --from' and 'explain --from').")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StorageOptions storage;

    @Option(names = "--study", required = true, description = "the study's name")
    String name;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Override
    public Integer call() throws Exception {
      try (StudyStorage st = storage.openAtOnce()) {
        StudyStore store = new StudyStore(st);
        Study s = store.require(name);
        int n = StudyExport.write(store, s, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "%d finished trials of study '%s' written to %s%s%n", n,
            s.name(), out, n == 0 ? " (no trace: nothing finished yet)" : "");
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the studies in a database.")
  static final class ListStudies implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StorageOptions storage;

    @Override
    public Integer call() {
      try (StudyStorage st = storage.openAtOnce()) {
        StudyStore store = new StudyStore(st);
        PrintWriter out = spec.commandLine().getOut();
        List<Study> all = store.list();
        if (all.isEmpty()) out.println("no studies in " + st.url());
        else out.printf(Locale.ROOT, "%-24s %-6s %-10s %5s %7s %9s %7s  %s%n", "name", "space", "method", "seed", "budget",
            "complete", "running", "created");
        for (Study s : all) {
          Map<String, Integer> n = StudyStore.countByState(store.trials(s));
          out.printf(Locale.ROOT, "%-24s %-6s %-10s %5d %7d %9d %7d  %s%n", s.name(), s.space(), s.method(), s.seed(),
              s.budget(), n.get(Trial.COMPLETE), n.get(Trial.RUNNING), Instant.ofEpochMilli(s.created()));
        }
        out.flush();
      }
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a study with all its trials (asks for --yes).")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin StorageOptions storage;

    @Option(names = "--name", required = true, description = "the study's name")
    String name;

    @Option(names = "--yes", description = "really delete")
    boolean yes;

    @Override
    public Integer call() {
      if (!yes) throw new IllegalArgumentException("deleting study '" + name + "' removes all its trials; add --yes");
      try (StudyStorage st = storage.openAtOnce()) {
        new StudyStore(st).delete(name);
        spec.commandLine().getOut().println("deleted study '" + name + "' from " + st.url());
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
