package org.nasbowl.experiments.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.external.ObjectiveOutput;
import org.nasbowl.experiments.interpret.MotifHighlights;
import org.nasbowl.experiments.interpret.MotifReport;
import org.nasbowl.experiments.run.RunData;
import org.nasbowl.experiments.run.RunEvaluation;
import org.nasbowl.experiments.run.RunModel;
import org.nasbowl.experiments.run.RunReader;
import org.nasbowl.experiments.study.Study;
import org.nasbowl.experiments.study.StudyProgress;
import org.nasbowl.experiments.study.StudyStore;
import org.nasbowl.experiments.study.Trial;
import org.nasbowl.plots.figures.FigureFiles;
import org.nasbowl.plots.figures.RunFigures;
import org.nasbowl.plots.graph.GraphPicture;
import org.nasbowl.plots.graph.MotifGallery;

/**
 * What the dashboard shows, read afresh at every request: the studies of a storage and the run directories it
 * was given, each as a summary (for the list), a detail (counts, workers, trials, the best-so-far curve), a
 * trial's detail (its prediction by the run's model and the tails of its output), and figures drawn by the
 * project's plotting code as SVG. Every run is read through {@link RunReader}; the models and motifs learnt from
 * a run are cached until it has more finished evaluations.
 */
public final class DashboardModel {
  private final StudyStore store;
  private final List<Path> runs;
  private final Path dataDir;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Learnt> learnt = new ConcurrentHashMap<>();

  /** A run's motifs and model, for the number of finished evaluations they were learnt from. */
  private record Learnt(int evaluations, MotifReport.Learned motifs, RunModel<?> model) {}

  /** One entry of the dashboard: its key, the run as read, and (for a study) its trials and workers. */
  record Entry(String key, String kind, String name, RunData run, Study study, List<Trial> trials,
      List<StudyStore.Worker> workers, Path runDirectory) {}

  /**
   * @param store the study storage, or null when only run directories are shown
   * @param runs run directories of {@code search --objective-cmd}
   */
  public DashboardModel(StudyStore store, List<Path> runs, Path dataDir) {
    this.store = store;
    this.runs = List.copyOf(runs);
    this.dataDir = dataDir;
  }

  /** The keys of every study and run, in order. */
  List<String> keys() {
    List<String> out = new ArrayList<>();
    if (store != null) for (Study s : store.list()) out.add("study-" + s.id());
    for (int i = 0; i < runs.size(); i++) out.add("run-" + (i + 1));
    return out;
  }

  Optional<Entry> entry(String key) throws IOException {
    if (key.startsWith("study-") && store != null) {
      long id;
      try {
        id = Long.parseLong(key.substring(6));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      for (Study s : store.list()) {
        if (s.id() != id) continue;
        List<Trial> trials = store.trials(s);
        return Optional.of(new Entry(key, "study", s.name(), RunReader.study(store, s), s, trials, store.workers(s), null));
      }
      return Optional.empty();
    }
    if (key.startsWith("run-")) {
      int i;
      try {
        i = Integer.parseInt(key.substring(4)) - 1;
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (i < 0 || i >= runs.size()) return Optional.empty();
      Path dir = runs.get(i);
      return Optional.of(new Entry(key, "run", dir.getFileName().toString(), RunReader.read(dir), null, List.of(),
          List.of(), dir));
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------------------------------------- JSON

  /** The list: every study and run with its progress. */
  ObjectNode list() throws IOException {
    ObjectNode root = json.createObjectNode();
    root.put("storage", store == null ? null : store.storage().url());
    ArrayNode entries = root.putArray("entries");
    for (String k : keys()) {
      Optional<Entry> e = entry(k);
      if (e.isPresent()) entries.add(summary(e.get()));
    }
    return root;
  }

  private ObjectNode summary(Entry e) {
    ObjectNode n = json.createObjectNode();
    RunData r = e.run();
    n.put("key", e.key());
    n.put("kind", e.kind());
    n.put("name", e.name());
    n.put("space", r.space());
    n.put("method", r.method());
    n.put("seed", r.seed());
    n.put("budget", r.budget());
    if (e.study() != null) {
      StudyProgress p = StudyProgress.of(e.study(), e.trials(), e.workers());
      n.put("complete", p.complete());
      n.put("failed", p.failed());
      n.put("running", p.running());
      n.put("stale", p.stale());
      n.put("not_started", p.notStarted());
      n.put("orphaned", p.orphaned());
      n.put("active_workers", p.activeWorkers());
      putNumber(n, "median_seconds", p.medianSeconds());
      putNumber(n, "time_left_seconds", p.timeLeftSeconds());
      n.put("time_left_reason", p.timeLeftReason());
    } else {
      long ok = r.successes().size();
      n.put("complete", ok);
      n.put("failed", r.failures());
      n.put("running", 0);
      n.put("stale", 0);
      n.put("not_started", Math.max(0, r.budget() - r.evaluations().size()));
      n.put("orphaned", 0);
      n.put("active_workers", 0);
      double[] secs = r.evaluations().stream().mapToDouble(RunEvaluation::seconds).filter(d -> !Double.isNaN(d)).toArray();
      putNumber(n, "median_seconds", org.nasbowl.experiments.results.Stats.median(secs));
      putNumber(n, "time_left_seconds", Double.NaN);
      n.put("time_left_reason", "a run directory: see its search's own progress");
    }
    Optional<RunEvaluation> best = r.best();
    if (best.isPresent()) {
      ObjectNode b = n.putObject("best");
      b.put("number", best.get().id());
      b.put("architecture", best.get().architecture());
      b.put("value", best.get().valid());
    } else {
      n.putNull("best");
    }
    putRecommended(n, e);
    n.put("evaluations", r.evaluations().size());
    return n;
  }

  /** A study's recommendation, computed once per number of finished trials (it fits the model). */
  private final Map<String, Object[]> recommendations = new ConcurrentHashMap<>();
  private final Map<String, org.nasbowl.experiments.study.StudyOptimizer<?>> optimizers = new ConcurrentHashMap<>();

  /**
   * The search's recommendation: for a study its optimiser's choice from the trials (cached until more finish),
   * for a run directory what its summary.json recorded; with the mean of the architecture's results.
   */
  private void putRecommended(ObjectNode n, Entry e) {
    String arch = null;
    if (e.study() != null) {
      int finished = (int) e.trials().stream().filter(Trial::done).count();
      Object[] cached = recommendations.get(e.key());
      if (cached == null || (int) cached[0] != finished) {
        String r = null;
        if (finished >= 2) {
          // One optimiser per study, kept: its model is extended by the trials finished since (O(n^2) each).
          var opt = optimizers.computeIfAbsent(e.key() + "#" + e.study().id(),
              k -> org.nasbowl.experiments.study.StudyOptimizer.of(e.study()));
          synchronized (opt) {
            r = opt.recommend(e.trials()).orElse(null);
          }
        }
        cached = new Object[] {finished, r};
        recommendations.put(e.key(), cached);
      }
      arch = (String) cached[1];
    } else if (e.runDirectory() != null) {
      try {
        var s = json.readTree(e.runDirectory().resolve("summary.json").toFile());
        if (s.path("recommended").path("by").asText().equals("model")) arch = s.path("recommended").path("architecture").asText();
      } catch (IOException notYet) {
        // a run still going has no summary.json yet
      }
    }
    if (arch == null) {
      n.putNull("recommended");
      return;
    }
    String a = arch;
    double[] v = e.run().successes().stream().filter(r -> r.architecture().equals(a)).mapToDouble(RunEvaluation::valid)
        .toArray();
    ObjectNode o = n.putObject("recommended");
    o.put("architecture", a);
    o.put("evaluations", v.length);
    putNumber(o, "mean_value", java.util.Arrays.stream(v).average().orElse(Double.NaN));
  }

  /** One study or run: its summary, workers, trials and best-so-far curve. */
  ObjectNode detail(Entry e) {
    ObjectNode n = summary(e);
    ArrayNode workers = n.putArray("workers");
    for (StudyStore.Worker w : e.workers()) {
      ObjectNode o = workers.addObject();
      o.put("id", w.id());
      o.put("host", w.host());
      o.put("state", w.shownState());
      o.put("last_seen_seconds", (w.now() - w.lastSeen()) / 1000.0);
    }
    ArrayNode trials = n.putArray("trials");
    if (e.study() != null) {
      for (Trial t : e.trials()) {
        ObjectNode o = trials.addObject();
        o.put("number", t.number());
        o.put("architecture", t.notation());
        putNumber(o, "value", t.valid() == null ? Double.NaN : t.valid());
        putNumber(o, "test", t.test() == null ? Double.NaN : t.test());
        o.put("status", t.state());
        o.put("worker", t.worker());
        putNumber(o, "seconds", t.seconds() == null ? Double.NaN : t.seconds());
        o.put("attempts", t.attempt());
        o.put("replicate", t.replicate());
        o.put("reason", t.reason());
      }
    } else {
      for (RunEvaluation r : e.run().evaluations()) {
        ObjectNode o = trials.addObject();
        o.put("number", r.id());
        o.put("architecture", r.architecture());
        putNumber(o, "value", r.valid());
        putNumber(o, "test", r.observation().testValue().orElse(Double.NaN));
        o.put("status", r.ok() ? Trial.COMPLETE : Trial.FAILED);
        o.put("worker", r.lane());
        putNumber(o, "seconds", r.seconds());
        o.put("attempts", 1);
        o.put("replicate", r.replicate());
        o.put("reason", r.ok() ? null : r.observation().failure());
      }
    }
    ArrayNode curve = n.putArray("curve");
    double best = Double.NaN;
    int i = 0;
    for (RunEvaluation r : e.run().evaluations()) {
      i++;
      if (r.ok() && (Double.isNaN(best) || r.valid() > best)) best = r.valid();
      ObjectNode o = curve.addObject();
      o.put("evaluation", i);
      putNumber(o, "value", r.valid());
      putNumber(o, "best", best);
    }
    return n;
  }

  /** One trial: its row, the run model's prediction, and the tails of its output. */
  ObjectNode trial(Entry e, int number) throws IOException {
    ObjectNode n = json.createObjectNode();
    String arch = null;
    String status = null;
    Double value = null;
    String out = "";
    String err = "";
    String worker = null;
    int attempts = 1;
    String reason = null;
    if (e.study() != null) {
      for (Trial t : e.trials()) {
        if (t.number() != number) continue;
        arch = t.notation();
        status = t.state();
        value = t.valid();
        worker = t.worker();
        attempts = t.attempt();
        reason = t.reason();
        String[] tails = store.tails(e.study(), number);
        out = tails[0];
        err = tails[1];
      }
    } else {
      for (RunEvaluation r : e.run().evaluations()) {
        if (r.id() != number) continue;
        arch = r.architecture();
        status = r.ok() ? Trial.COMPLETE : Trial.FAILED;
        value = r.ok() ? r.valid() : null;
        worker = r.lane();
        reason = r.ok() ? null : r.observation().failure();
        out = tail(e.runDirectory().resolve("evals").resolve(number + ".out"));
        err = tail(e.runDirectory().resolve("evals").resolve(number + ".err"));
      }
    }
    if (arch == null) return null;
    n.put("number", number);
    n.put("architecture", arch);
    n.put("status", status);
    putNumber(n, "value", value == null ? Double.NaN : value);
    n.put("worker", worker);
    n.put("attempts", attempts);
    n.put("reason", reason);
    n.put("stdout_tail", out == null ? "" : out);
    n.put("stderr_tail", err == null ? "" : err);
    Learnt l = learnt(e);
    if (l != null) {
      RunModel.Prediction p = predict(l.model(), arch);
      ObjectNode o = n.putObject("predicted");
      o.put("mean", p.mean());
      o.put("sd", p.sd());
    } else {
      n.putNull("predicted");
    }
    return n;
  }

  @SuppressWarnings("unchecked")
  private static <A> RunModel.Prediction predict(RunModel<A> model, String arch) {
    return model.predict(List.of(model.space().parse(arch))).get(0);
  }

  private static String tail(Path file) {
    try {
      return Files.exists(file) ? ObjectiveOutput.tail(file, 4096) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static void putNumber(ObjectNode n, String field, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) n.putNull(field);
    else n.put(field, v);
  }

  // ---------------------------------------------------------------------------------------------- figures

  /** The progress figure (every evaluation and the best so far), SVG. */
  String progressSvg(Entry e) {
    List<RunFigures.Point> points = new ArrayList<>();
    for (RunEvaluation r : e.run().evaluations()) {
      points.add(new RunFigures.Point(r.id(), r.valid(), r.ok(), r.start(), r.end(), r.lane()));
    }
    if (points.isEmpty()) return null;
    return FigureFiles.toSvg(RunFigures.progress("Validation accuracy of every evaluation and the best so far", points));
  }

  /** The best architecture's cell with its good and bad motifs highlighted, SVG. */
  String bestSvg(Entry e) {
    Optional<RunEvaluation> best = e.run().best();
    if (best.isEmpty()) return null;
    return cellSvg(e, best.get().architecture());
  }

  /** A trial's architecture (first cell), with motif highlights once motifs are learnt, SVG. */
  String trialSvg(Entry e, int number) {
    for (RunEvaluation r : e.run().evaluations()) if (r.id() == number) return cellSvg(e, r.architecture());
    if (e.study() != null) {
      for (Trial t : e.trials()) if (t.number() == number) return cellSvg(e, t.notation());
    }
    return null;
  }

  private String cellSvg(Entry e, String arch) {
    SearchSpace<?> space = e.run().searchSpace();
    List<LabelledDag> cells = encode(space, arch);
    Learnt l = learnt(e);
    String cell = cells.size() > 1 ? " (normal cell)" : "";
    if (l == null) return GraphPicture.architecture(cells.get(0)).withTitle("no motifs learnt yet" + cell).toSvg();
    return MotifHighlights.of(cells, l.motifs().rows(), 0.25).picture(cells, 0)
        .withTitle("green: good motifs, red: bad motifs" + cell).toSvg();
  }

  private static <A> List<LabelledDag> encode(SearchSpace<A> space, String arch) {
    return space.encode(space.parse(arch));
  }

  /** The motif gallery learnt from the run's evaluations so far, SVG. */
  String motifsSvg(Entry e) {
    Learnt l = learnt(e);
    if (l == null) return null;
    var split = MotifReport.goodAndBad(l.motifs().rows(), 5);
    if (split.getKey().isEmpty() && split.getValue().isEmpty()) return null;
    return MotifGallery.of("Motifs learnt from " + l.evaluations() + " evaluations", entries(split.getKey()),
        entries(split.getValue())).toSvg();
  }

  private static List<MotifGallery.Entry> entries(List<MotifReport.Row> rows) {
    return rows.stream().map(r -> new MotifGallery.Entry(r.motif(), r.averageGradient(), r.occurrences(), r.rank())).toList();
  }

  /** The run's motifs and model, learnt once per number of finished evaluations (null with fewer than 3). */
  private Learnt learnt(Entry e) {
    RunData r = e.run();
    int n = r.modelled().size();
    if (n < 3) return null;
    Learnt l = learnt.get(e.key());
    if (l != null && l.evaluations() == n) return l;
    l = learn(r);
    learnt.put(e.key(), l);
    return l;
  }

  private Learnt learn(RunData r) {
    Benchmark<?> b = r.benchmark(dataDir);
    return learn(b, r);
  }

  private static <A> Learnt learn(Benchmark<A> b, RunData r) {
    List<A> archs = new ArrayList<>();
    List<Double> acc = new ArrayList<>();
    for (RunEvaluation e : r.modelled()) {
      archs.add(b.space().parse(e.architecture()));
      acc.add(e.valid());
    }
    MotifReport.Learned m = MotifReport.learn(b.space(), archs, acc.stream().mapToDouble(Double::doubleValue).toArray(),
        MotifReport.Settings.defaults(b.deterministic()).withMinOccurrences(MotifReport.defaultMinOccurrences(archs.size())));
    return new Learnt(archs.size(), m, new RunModel<>(b.space(), r));
  }

}
