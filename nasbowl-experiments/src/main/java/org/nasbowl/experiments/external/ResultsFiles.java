package org.nasbowl.experiments.external;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.io.AtomicFiles;

/**
 * The human-facing views of a run directory, both derived from {@code events.jsonl} and rewritten atomically.
 * <ul>
 *   <li>{@code results.csv}: header {@value #HEADER}, one row per finished evaluation in tell order; status is
 *       {@code ok} or {@code failed}; valid_acc, test_acc and cost are empty when unknown; seconds is the wall
 *       time (empty if unknown); reason is the failure reason (one line, stderr lines joined by " \n "); replicate
 *       is 0 for an architecture's first evaluation and r for its r-th re-evaluation (training seed r).
 *   <li>{@code summary.json}: the configuration, counts and the best evaluation (see {@link #writeSummary}).
 * </ul>
 */
public final class ResultsFiles {
  private ResultsFiles() {}

  static final String HEADER = "id,architecture,status,valid_acc,test_acc,cost,seconds,reason,replicate";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public static void writeCsv(Path file, List<EvaluationRecord> records) throws IOException {
    AtomicFiles.writeText(file, w -> {
      CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
      p.printRecord((Object[]) HEADER.split(","));
      for (EvaluationRecord r : records) {
        Observation o = r.observation();
        p.printRecord(r.id(), r.architecture(), o.ok() ? "ok" : "failed", num(o.value()), num(o.testValue()),
            num(o.cost()), Double.isNaN(r.seconds()) ? "" : String.format(Locale.ROOT, "%.3f", r.seconds()),
            o.ok() ? "" : o.failure(), r.replicate());
      }
      p.flush();
    });
  }

  private static String num(OptionalDouble v) {
    return v.isPresent() ? Double.toString(v.getAsDouble()) : "";
  }

  /**
   * <pre>
   * {"space":"nb201","method":"bowl","seed":0,"command":"...","budget":20,"parallel":2,"timeout_seconds":600.0,
   *  "evaluations":20,"succeeded":18,"failed":2,"space_exhausted":false,
   *  "best":{"id":7,"architecture":"...","valid_acc":0.93,"test_acc":0.92,"cost":null,"seconds":41.2},
   *  "recommended":{"architecture":"...","by":"model","evaluations":3,"mean_valid_acc":0.925}}
   * </pre>
   * {@code best} (the best single observation) and {@code recommended} (the search's choice: by its model, or
   * the best observation) are null when nothing succeeded.
   */
  static void writeSummary(Path file, RunConfig config, RunSummary summary) throws IOException {
    ObjectNode n = config.toJson();
    n.remove("format");
    n.put("evaluations", summary.evaluations());
    n.put("succeeded", summary.succeeded());
    n.put("failed", summary.failed());
    n.put("space_exhausted", summary.spaceExhausted());
    Optional<EvaluationRecord> best = summary.best();
    if (best.isEmpty()) {
      n.putNull("best");
    } else {
      EvaluationRecord r = best.get();
      ObjectNode b = n.putObject("best");
      b.put("id", r.id());
      b.put("architecture", r.architecture());
      put(b, "valid_acc", r.observation().value());
      put(b, "test_acc", r.observation().testValue());
      put(b, "cost", r.observation().cost());
      if (Double.isNaN(r.seconds())) b.putNull("seconds");
      else b.put("seconds", r.seconds());
    }
    String rec = summary.recommended().orElse(null);
    putRecommended(n, rec, summary.byModel(), rec == null ? new double[0] : summary.valuesOf(rec));
    String text = JSON.writeValueAsString(n) + "\n";
    AtomicFiles.write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The {@code recommended} object of a summary.json (a run directory's or a study export's): the architecture, who
   * chose it ("model" or "best observation"), its number of successful evaluations and their mean validation
   * accuracy (null without any); null when there is no recommendation.
   */
  public static void putRecommended(ObjectNode n, String architecture, boolean byModel, double[] values) {
    if (architecture == null) {
      n.putNull("recommended");
      return;
    }
    ObjectNode r = n.putObject("recommended");
    r.put("architecture", architecture);
    r.put("by", byModel ? "model" : "best observation");
    r.put("evaluations", values.length);
    put(r, "mean_valid_acc", java.util.Arrays.stream(values).average());
  }

  private static void put(ObjectNode n, String field, OptionalDouble v) {
    if (v.isPresent() && Double.isFinite(v.getAsDouble())) n.put(field, v.getAsDouble());
    else n.putNull(field);
  }
}
