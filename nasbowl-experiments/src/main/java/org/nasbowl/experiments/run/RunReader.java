package org.nasbowl.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.experiments.data.CsvTable;
import org.nasbowl.experiments.data.DataFormatException;
import org.nasbowl.experiments.external.RunDirectory;
import org.nasbowl.experiments.external.WarmStart;
import org.nasbowl.experiments.nas.QueryRecord;
import org.nasbowl.experiments.nas.Trace;
import org.nasbowl.experiments.study.Study;
import org.nasbowl.experiments.study.StudyOptimizer;
import org.nasbowl.experiments.study.StudyStore;
import org.nasbowl.experiments.study.Trial;

/**
 * Reads any run into a {@link RunData}: the one reader of results that {@code motifs}, {@code explain},
 * {@code predict} and {@code plots --run} share. {@code --from} takes
 * <ul>
 *   <li>a {@code search --objective-cmd} run directory (it has config.json), or any file in it;
 *   <li>a {@code study export} folder (it has trials.csv and summary.json), or any file in it;
 *   <li>a benchmark trace ({@code traces/<benchmark>/<method>/seed-<s>.jsonl} of {@code experiment nas});
 * </ul>
 * and {@link #study} reads a study from its database.
 */
public final class RunReader {
  private RunReader() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  public static RunData read(Path from) throws IOException {
    if (!Files.exists(from)) throw new IllegalArgumentException("--from " + from + ": no such file or directory");
    Path dir = Files.isDirectory(from) ? from : from.toAbsolutePath().getParent();
    if (RunDirectory.is(dir)) return runDirectory(dir);
    if (Files.isRegularFile(dir.resolve("trials.csv")) && Files.isRegularFile(dir.resolve("summary.json"))) {
      return studyExport(dir);
    }
    if (Files.isRegularFile(from) && from.getFileName().toString().endsWith(".jsonl")) return trace(from);
    throw new IllegalArgumentException("--from " + from + " is not a run: expected a 'search --objective-cmd' run "
        + "directory (with config.json), a 'study export' folder (with trials.csv), or a benchmark trace (.jsonl)");
  }

  private static RunData runDirectory(Path dir) throws IOException {
    RunDirectory.Contents c = RunDirectory.read(dir);
    List<RunEvaluation> out = new ArrayList<>();
    double start = c.startEpochMs();
    for (RunDirectory.Evaluated e : c.evaluations()) {
      double end = Double.isNaN(start) ? Double.NaN : (e.endEpochMs() - start) / 1000.0;
      double begin = Double.isNaN(end) || Double.isNaN(e.seconds()) ? Double.NaN : end - e.seconds();
      out.add(new RunEvaluation(e.id(), e.architecture(), e.observation(), e.seconds(), begin, end, null, e.replicate()));
    }
    List<RunEvaluation> warm = new ArrayList<>();
    for (WarmStart.Entry w : c.warm()) {
      warm.add(new RunEvaluation(0, w.architecture(), w.observation(), Double.NaN, Double.NaN, Double.NaN, null));
    }
    return new RunData(RunData.Kind.RUN_DIRECTORY, dir.toString(), c.space(), null, c.method(), c.seed(), c.budget(),
        Lanes.assign(out), warm);
  }

  private static RunData studyExport(Path dir) throws IOException {
    JsonNode s = JSON.readTree(dir.resolve("summary.json").toFile());
    for (String f : List.of("study", "space", "method", "seed", "budget", "created")) {
      if (!s.has(f)) throw new DataFormatException(dir.resolve("summary.json"), "line", 0, f, "missing");
    }
    double created = Instant.parse(s.get("created").asText()).toEpochMilli();
    List<Trial> rows = new ArrayList<>();
    List<Integer> seq = new ArrayList<>();
    CsvTable.read(dir.resolve("trials.csv"), List.of("number", "architecture", "state", "worker", "started", "finished",
        "tell_seq", "valid_acc", "test_acc", "seconds", "reason"), r -> {
          String state = r.text("state");
          if (!state.equals(Trial.COMPLETE) && !state.equals(Trial.FAILED)) return;
          rows.add(new Trial(0, (int) r.integer("number"), r.text("architecture"), r.text("architecture"), state, 1,
              r.raw("worker"), null, null, time(r.raw("started")), time(r.raw("finished")),
              (int) r.integer("tell_seq"), num(r.raw("valid_acc")), num(r.raw("test_acc")), null, num(r.raw("seconds")),
              null, r.raw("reason").isBlank() ? null : r.raw("reason")));
        });
    return new RunData(RunData.Kind.STUDY_EXPORT, dir.toString(), s.get("space").asText(),
        EvaluatedBenchmark.STUDY_PREFIX + s.get("space").asText() + ":" + s.get("study").asText(),
        s.get("method").asText(), s.get("seed").asLong(), s.get("budget").asInt(), fromTrials(rows, created), List.of());
  }

  /** A study in its database: its finished trials in the order their results arrived. */
  public static RunData study(StudyStore store, Study s) {
    List<Trial> done = store.trials(s).stream().filter(Trial::done).toList();
    return new RunData(RunData.Kind.STUDY, "'" + s.name() + "' in " + store.storage().url(), s.space(),
        EvaluatedBenchmark.STUDY_PREFIX + s.space() + ":" + s.name(),
        s.method(), s.seed(), s.budget(), fromTrials(done, s.created()), List.of());
  }

  private static List<RunEvaluation> fromTrials(List<Trial> done, double createdMs) {
    List<Trial> sorted = new ArrayList<>(done);
    sorted.sort(Comparator.comparingInt(t -> t.tellSeq() == null ? Integer.MAX_VALUE : t.tellSeq()));
    List<RunEvaluation> out = new ArrayList<>();
    for (Trial t : sorted) {
      Observation o = StudyOptimizer.observation(t);
      double end = t.finished() == null ? Double.NaN : (t.finished() - createdMs) / 1000.0;
      double secs = t.seconds() == null ? Double.NaN : t.seconds();
      double start = t.started() != null ? (t.started() - createdMs) / 1000.0 : end - secs;
      out.add(new RunEvaluation(t.number(), t.notation(), o, secs, start, end, t.worker(), t.replicate()));
    }
    return out;
  }

  private static RunData trace(Path file) throws IOException {
    Trace t = Trace.read(file);
    String bench = t.benchmark();
    String space;
    if (bench.startsWith(EvaluatedBenchmark.STUDY_PREFIX)) {
      String rest = bench.substring(EvaluatedBenchmark.STUDY_PREFIX.length());
      space = rest.contains(":") ? rest.substring(0, rest.indexOf(':')) : rest;
    } else {
      space = spaceOf(bench);
      if (space == null || org.nasbowl.experiments.benchmark.BenchmarkCatalog.find(bench).isEmpty()) {
        throw new DataFormatException(file, "line", 1, "benchmark", "unknown benchmark '" + bench + "'");
      }
    }
    List<RunEvaluation> out = new ArrayList<>();
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    double prev = 0;
    for (QueryRecord q : t.queries()) {
      int replicate = seen.merge(q.key(), 1, Integer::sum) - 1;
      Observation o = q.failure() != null ? Observation.failed(q.failure())
          : Double.isNaN(q.test()) ? Observation.of(q.valid()) : Observation.of(q.valid(), q.test());
      double end = q.elapsedSeconds();
      out.add(new RunEvaluation(q.query(), q.architecture(), o, Double.isNaN(end) ? Double.NaN : end - prev, prev, end,
          "1", replicate));
      if (!Double.isNaN(end)) prev = end;
    }
    return new RunData(RunData.Kind.TRACE, file.toString(), space, bench, t.method(), t.seed(), t.budget(), out, List.of());
  }

  /** The space of a catalogue benchmark, from its id (without loading its table). */
  static String spaceOf(String benchmark) {
    if (benchmark.startsWith("nb201") || benchmark.equals("synthetic")) return "nb201";
    if (benchmark.startsWith("nb101")) return "nb101";
    if (benchmark.startsWith("darts") || benchmark.startsWith("nb301")) return "darts";
    return null;
  }

  private static Long time(String iso) {
    return iso == null || iso.isBlank() ? null : Instant.parse(iso).toEpochMilli();
  }

  private static Double num(String v) {
    return v == null || v.isBlank() ? null : Double.parseDouble(v);
  }
}
