package org.nasbowl.experiments.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.external.EvaluationRecord;
import org.nasbowl.experiments.external.ResultsFiles;
import org.nasbowl.experiments.nas.QueryRecord;
import org.nasbowl.experiments.nas.Trace;

/**
 * {@code nasbowl study export}: a study's results as the files of a run directory, each written atomically.
 * <ul>
 *   <li>{@code results.csv}: as {@code nasbowl search --objective-cmd} writes it (id = trial number), finished
 *       trials in the order their results arrived;
 *   <li>{@code summary.json}: the study's settings, counts and best trial;
 *   <li>{@code trials.csv}: every trial with its state, attempts, worker, host and timings;
 *   <li>{@code trace.jsonl}: a trace that {@code nasbowl motifs --from} and {@code explain --from} read.
 * </ul>
 */
public final class StudyExport {
  private StudyExport() {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes the files; returns the number of finished trials exported. */
  public static int write(StudyStore store, Study s, Path out) throws IOException {
    List<Trial> trials = store.trials(s);
    List<Trial> told = new ArrayList<>(trials.stream().filter(Trial::done).toList());
    told.sort(Comparator.comparingInt(Trial::tellSeq));
    Files.createDirectories(out);
    List<EvaluationRecord> records = new ArrayList<>();
    for (Trial t : told) {
      records.add(new EvaluationRecord(t.number(), t.notation(), StudyOptimizer.observation(t),
          t.seconds() == null ? Double.NaN : t.seconds(), t.replicate()));
    }
    ResultsFiles.writeCsv(out.resolve("results.csv"), records);
    writeTrials(out.resolve("trials.csv"), trials);
    writeSummary(out.resolve("summary.json"), s, trials, told);
    if (!told.isEmpty()) trace(s, told).write(out.resolve("trace.jsonl"));
    return told.size();
  }

  /** The best complete trial (highest validation accuracy; the earlier result on ties), or null. */
  public static Trial best(List<Trial> trials) {
    Trial best = null;
    for (Trial t : trials) {
      if (Trial.COMPLETE.equals(t.state()) && (best == null || t.valid() > best.valid()
          || (t.valid().equals(best.valid()) && t.tellSeq() < best.tellSeq()))) {
        best = t;
      }
    }
    return best;
  }

  static Trace trace(Study s, List<Trial> told) {
    List<QueryRecord> qs = new ArrayList<>();
    double bestValid = Double.NaN;
    double testOfBest = Double.NaN;
    int i = 0;
    for (Trial t : told) {
      i++;
      Observation o = StudyOptimizer.observation(t);
      double valid = o.ok() ? t.valid() : Double.NaN;
      double test = o.ok() && t.test() != null ? t.test() : Double.NaN;
      if (o.ok() && (Double.isNaN(bestValid) || valid > bestValid)) {
        bestValid = valid;
        testOfBest = test;
      }
      double elapsed = t.finished() == null ? Double.NaN : (t.finished() - s.created()) / 1000.0;
      qs.add(new QueryRecord(i, t.notation(), t.key(), valid, test, bestValid, testOfBest, Double.NaN, Double.NaN,
          elapsed, t.askMs() == null ? Double.NaN : t.askMs() / 1000.0, o.ok() ? null : o.failure()));
    }
    double seconds = qs.get(qs.size() - 1).elapsedSeconds();
    return new Trace(org.nasbowl.experiments.run.EvaluatedBenchmark.STUDY_PREFIX + s.space() + ":" + s.name(), s.method(), s.seed(), s.budget(), "validation accuracy", qs,
        Double.isNaN(seconds) ? 0 : seconds);
  }

  private static void writeTrials(Path file, List<Trial> trials) throws IOException {
    AtomicFiles.writeText(file, w -> {
      CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
      p.printRecord("number", "architecture", "state", "attempt", "worker", "host", "started", "finished", "tell_seq",
          "valid_acc", "test_acc", "cost", "seconds", "ask_ms", "reason", "replicate");
      for (Trial t : trials) {
        p.printRecord(t.number(), t.notation(), t.state(), t.attempt(), t.worker(), t.host(), time(t.started()),
            time(t.finished()), t.tellSeq() == null ? "" : t.tellSeq(), num(t.valid()), num(t.test()), num(t.cost()),
            num(t.seconds()), t.askMs() == null ? "" : String.format(Locale.ROOT, "%.1f", t.askMs()),
            t.reason() == null ? "" : t.reason(), t.replicate());
      }
      p.flush();
    });
  }

  private static String time(Long ms) {
    return ms == null ? "" : Instant.ofEpochMilli(ms).toString();
  }

  private static String num(Double v) {
    return v == null ? "" : Double.toString(v);
  }

  private static void writeSummary(Path file, Study s, List<Trial> trials, List<Trial> told) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("study", s.name());
    n.put("space", s.space());
    n.put("method", s.method());
    n.put("seed", s.seed());
    n.put("budget", s.budget());
    n.set("settings", JSON.readTree(s.settings()));
    n.put("created", Instant.ofEpochMilli(s.created()).toString());
    n.put("evaluations", told.size());
    n.put("succeeded", told.stream().filter(t -> Trial.COMPLETE.equals(t.state())).count());
    n.put("failed", told.stream().filter(t -> Trial.FAILED.equals(t.state())).count());
    n.put("running", trials.stream().filter(t -> Trial.RUNNING.equals(t.state())).count());
    n.put("stale", trials.stream().filter(t -> Trial.STALE.equals(t.state())).count());
    Trial b = best(trials);
    if (b == null) {
      n.putNull("best");
    } else {
      ObjectNode o = n.putObject("best");
      o.put("id", b.number());
      o.put("architecture", b.notation());
      o.put("valid_acc", b.valid());
      if (b.test() == null) o.putNull("test_acc");
      else o.put("test_acc", b.test());
      if (b.cost() == null) o.putNull("cost");
      else o.put("cost", b.cost());
      if (b.seconds() == null) o.putNull("seconds");
      else o.put("seconds", b.seconds());
    }
    Optional<String> rec = StudyOptimizer.of(s).recommend(trials);
    String recommended = rec.orElse(b == null ? null : b.notation());
    ResultsFiles.putRecommended(n, recommended, rec.isPresent(),
        recommended == null ? new double[0] : Trial.completeValues(trials, recommended));
    String text = JSON.writeValueAsString(n) + "\n";
    AtomicFiles.write(file, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
  }
}
