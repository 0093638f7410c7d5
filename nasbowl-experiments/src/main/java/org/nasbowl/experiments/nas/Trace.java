package org.nasbowl.experiments.nas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * A finished run's trace: a JSONL file with a header line, one line per query and a summary line. It is
 * written atomically when the run completes, so an existing trace file is always a complete run.
 */
public record Trace(String benchmark, String method, long seed, int budget, String regretMetric,
    List<QueryRecord> queries, double seconds, String objective, int batch) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A trace of the default schedule (batches of {@link BenchmarkRun.Schedule#BATCH}). */
  public Trace(String benchmark, String method, long seed, int budget, String regretMetric, List<QueryRecord> queries,
      double seconds, String objective) {
    this(benchmark, method, seed, budget, regretMetric, queries, seconds, objective, BenchmarkRun.Schedule.BATCH);
  }

  /** A trace of the benchmark as it is (no noise, no failure region). */
  public Trace(String benchmark, String method, long seed, int budget, String regretMetric, List<QueryRecord> queries,
      double seconds) {
    this(benchmark, method, seed, budget, regretMetric, queries, seconds, "");
  }

  /** The number of failed queries. */
  public int failed() {
    return (int) queries.stream().filter(QueryRecord::failed).count();
  }

  public QueryRecord last() {
    return queries.get(queries.size() - 1);
  }

  public void write(Path file) throws IOException {
    AtomicFiles.writeText(file, w -> {
      ObjectNode h = JSON.createObjectNode();
      h.put("type", "header").put("benchmark", benchmark).put("method", method).put("seed", seed)
          .put("budget", budget).put("regret_metric", regretMetric);
      if (batch != BenchmarkRun.Schedule.BATCH) h.put("batch", batch);
      if (!objective.isEmpty()) h.put("objective", objective);
      w.write(JSON.writeValueAsString(h) + "\n");
      for (QueryRecord q : queries) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "query").put("query", q.query()).put("arch", q.architecture()).put("key", q.key());
        num(n, "valid", q.valid());
        num(n, "test", q.test());
        num(n, "best_valid", q.bestValid());
        num(n, "test_of_best_valid", q.testOfBestValid());
        num(n, "regret", q.regret());
        num(n, "oracle_regret", q.oracleRegret());
        n.put("elapsed_s", q.elapsedSeconds()).put("surrogate_s", q.surrogateSeconds());
        if (q.failure() != null) n.put("failure", q.failure());
        // Only what differs from a deterministic run without a recommendation, so old traces read the same.
        if (!same(q.validTrue(), q.valid())) num(n, "valid_true", q.validTrue());
        if (!same(q.bestValidTrue(), q.bestValid())) num(n, "best_valid_true", q.bestValidTrue());
        if (q.recommended() != null) {
          n.put("recommended", q.recommended());
          num(n, "recommended_valid_true", q.recommendedValidTrue());
          num(n, "recommended_test", q.recommendedTest());
        }
        w.write(JSON.writeValueAsString(n) + "\n");
      }
      ObjectNode s = JSON.createObjectNode();
      s.put("type", "summary").put("queries", queries.size()).put("seconds", seconds);
      num(s, "final_regret", last().regret());
      num(s, "final_oracle_regret", last().oracleRegret());
      num(s, "best_valid", last().bestValid());
      w.write(JSON.writeValueAsString(s) + "\n");
    });
  }

  private static boolean same(double a, double b) {
    return Double.compare(a, b) == 0;
  }

  private static void num(ObjectNode n, String field, double v) {
    if (Double.isNaN(v)) n.putNull(field); else n.put(field, v);
  }

  private static double num(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  /** Reads a trace; malformed content is an error naming the file, line and field. */
  public static Trace read(Path file) throws IOException {
    List<QueryRecord> qs = new ArrayList<>();
    JsonNode header = null;
    JsonNode summary = null;
    int lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw DataFormatException.atLine(file, lineNo, null, "not JSON: " + e.getOriginalMessage());
        }
        String type = n.path("type").asText();
        switch (type) {
          case "header" -> header = n;
          case "summary" -> summary = n;
          case "query" -> {
            double valid = num(n, "valid");
            double best = num(n, "best_valid");
            qs.add(new QueryRecord(n.path("query").asInt(), n.path("arch").asText(),
                n.path("key").asText(), valid, num(n, "test"), best,
                num(n, "test_of_best_valid"), num(n, "regret"), num(n, "oracle_regret"), num(n, "elapsed_s"),
                num(n, "surrogate_s"), n.hasNonNull("failure") ? n.get("failure").asText() : null,
                n.has("valid_true") ? num(n, "valid_true") : valid, n.has("best_valid_true") ? num(n, "best_valid_true") : best,
                n.hasNonNull("recommended") ? n.get("recommended").asText() : null, num(n, "recommended_valid_true"),
                num(n, "recommended_test")));
          }
          default -> throw DataFormatException.atLine(file, lineNo, "type", "unknown record type '" + type + "'");
        }
      }
    }
    if (header == null) throw new DataFormatException(file, "line", 1, "type", "no header line");
    if (summary == null || qs.isEmpty()) throw new DataFormatException(file, "line", lineNo, "type", "incomplete trace");
    return new Trace(header.path("benchmark").asText(), header.path("method").asText(), header.path("seed").asLong(),
        header.path("budget").asInt(), header.path("regret_metric").asText(), qs, summary.path("seconds").asDouble(),
        header.path("objective").asText(""), header.path("batch").asInt(BenchmarkRun.Schedule.BATCH));
  }
}
