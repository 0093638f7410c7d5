package org.nasbowl.experiments.data.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * Converts the official NAS-Bench-101 TFRecord file ({@code nasbench_only108.tfrecord}, or
 * {@code nasbench_full.tfrecord}, of which only the 108-epoch records are kept) into one CSV row per cell.
 *
 * <p>Each record's payload is the JSON array {@code [module_hash, epochs, adjacency, operations,
 * base64(ModelMetrics)]} exactly as google-research/nasbench {@code api.py} reads it: the adjacency is the
 * row-major V x V matrix as a string of 0/1 characters (V = sqrt(length)), the operations are comma-separated, and
 * {@code evaluation_data[2]} of the metrics is the final evaluation of that training run.
 *
 * <p>Memory is bounded: the file is streamed record by record, and the records of one cell must be consecutive
 * (the official files hold each cell's runs together). They are grouped as they arrive; a hash that reappears
 * after other cells is reported as an error rather than silently producing two rows. To detect that, the importer
 * keeps the set of hashes already written as 128-bit values (16 bytes per cell, about 17 MB for the 423,624 cells
 * of the full space, independent of the file size). Rows are written in input order.
 *
 * <p>The output is written atomically: after any error no output file (and no temporary file) is left.
 */
public final class Nb101TfrecordImporter {
  /** The CSV header of the output table. */
  public static final String HEADER = "module_hash,num_vertices,adjacency,operations,trainable_parameters,num_runs,"
      + "val_acc_run0,val_acc_run1,val_acc_run2,test_acc_run0,test_acc_run1,test_acc_run2,"
      + "val_acc_mean,test_acc_mean,training_time_mean";
  /** The training budget kept. */
  public static final int EPOCHS = 108;
  /** Runs per cell in the official benchmark (and columns in the table). */
  public static final int MAX_RUNS = 3;
  /** The index of the final evaluation within ModelMetrics.evaluation_data. */
  public static final int FINAL_EVALUATION = 2;

  private static final Set<String> INTERIOR_OPS = Set.of("conv3x3-bn-relu", "conv1x1-bn-relu", "maxpool3x3");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Nb101TfrecordImporter() {}

  /**
   * One decoded record.
   *
   * @param adjacency the row-major 0/1 string of the V x V matrix
   */
  public record Nb101Record(String moduleHash, int epochs, int numVertices, String adjacency,
      List<String> operations, Nb101ModelMetrics metrics) {}

  /**
   * What an import did.
   *
   * @param records records read
   * @param records108 records at 108 epochs (the others are skipped)
   * @param cells rows written
   */
  public record Summary(long records, long records108, long cells) {}

  /** Imports {@code tfrecord} into the CSV file {@code out} (replaced atomically). */
  public static Summary importFile(Path tfrecord, Path out, ImportProgress progress) throws IOException {
    long[] counts = new long[3];
    AtomicFiles.writeText(out, w -> {
      w.write(HEADER);
      w.write('\n');
      try (TfRecordReader reader = new TfRecordReader(tfrecord)) {
        convert(reader, w, progress, counts);
      }
    });
    return new Summary(counts[0], counts[1], counts[2]);
  }

  private static void convert(TfRecordReader reader, Writer w, ImportProgress progress, long[] counts)
      throws IOException {
    Path file = reader.file();
    HashSet128 written = new HashSet128();
    List<Nb101Record> group = new ArrayList<>(MAX_RUNS);
    long groupStart = 0;
    byte[] payload;
    while ((payload = reader.next()) != null) {
      long recNo = reader.recordNumber();
      counts[0]++;
      Nb101Record rec = parsePayload(payload, file, recNo);
      if (rec.epochs() == EPOCHS) {
        counts[1]++;
        if (!group.isEmpty() && !group.get(0).moduleHash().equals(rec.moduleHash())) {
          writeRow(w, group);
          counts[2]++;
          group.clear();
        }
        if (group.isEmpty()) {
          if (!written.add(rec.moduleHash())) {
            throw new DataFormatException(file, "record", recNo, "module_hash", "cell " + rec.moduleHash()
                + " appears again after records of other cells; the records of one cell must be consecutive");
          }
          groupStart = recNo;
        } else {
          checkSameCell(group.get(0), rec, file, recNo, groupStart);
        }
        if (group.size() == MAX_RUNS) {
          throw new DataFormatException(file, "record", recNo, "module_hash", "cell " + rec.moduleHash()
              + " has more than " + MAX_RUNS + " runs at " + EPOCHS + " epochs (records " + groupStart + " to "
              + recNo + ")");
        }
        group.add(rec);
      }
      progress.update(counts[0], reader.bytesRead(), reader.fileSize());
    }
    if (!group.isEmpty()) {
      writeRow(w, group);
      counts[2]++;
    }
    progress.update(counts[0], reader.bytesRead(), reader.fileSize());
  }

  private static void checkSameCell(Nb101Record first, Nb101Record rec, Path file, long recNo, long groupStart) {
    String where = " differs from the cell's first record (record " + groupStart + ")";
    if (!first.adjacency().equals(rec.adjacency())) {
      throw new DataFormatException(file, "record", recNo, "adjacency", "the adjacency of " + rec.moduleHash() + where);
    }
    if (!first.operations().equals(rec.operations())) {
      throw new DataFormatException(file, "record", recNo, "operations",
          "the operations of " + rec.moduleHash() + where);
    }
    if (first.metrics().trainableParameters() != rec.metrics().trainableParameters()) {
      throw new DataFormatException(file, "record", recNo, "trainable_parameters",
          "the parameter count of " + rec.moduleHash() + " (" + rec.metrics().trainableParameters() + ")" + where
              + " (" + first.metrics().trainableParameters() + ")");
    }
  }

  private static void writeRow(Writer w, List<Nb101Record> runs) throws IOException {
    Nb101Record first = runs.get(0);
    int n = runs.size();
    double[] val = new double[n];
    double[] test = new double[n];
    double[] time = new double[n];
    for (int i = 0; i < n; i++) {
      Nb101ModelMetrics.EvaluationData fin = runs.get(i).metrics().evaluationData().get(FINAL_EVALUATION);
      val[i] = fin.validationAccuracy();
      test[i] = fin.testAccuracy();
      time[i] = fin.trainingTime();
    }
    StringBuilder sb = new StringBuilder(256);
    sb.append(first.moduleHash()).append(',').append(first.numVertices()).append(',').append(first.adjacency())
        .append(',').append(String.join(";", first.operations())).append(',')
        .append(first.metrics().trainableParameters()).append(',').append(n);
    for (double[] col : new double[][] {val, test}) {
      for (int i = 0; i < MAX_RUNS; i++) sb.append(',').append(i < n ? CsvText.num(col[i]) : "");
    }
    sb.append(',').append(CsvText.num(mean(val))).append(',').append(CsvText.num(mean(test))).append(',')
        .append(CsvText.num(mean(time))).append('\n');
    w.write(sb.toString());
  }

  /** The mean as numpy computes it for up to 8 values: a left-to-right sum divided by the count. */
  static double mean(double[] xs) {
    double s = 0;
    for (double x : xs) s += x;
    return s / xs.length;
  }

  /** Decodes one record's payload; every problem is a {@link DataFormatException} naming the field. */
  public static Nb101Record parsePayload(byte[] payload, Path file, long recNo) {
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new DataFormatException(file, "record", recNo, "payload",
          "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DataFormatException(file, "record", recNo, "payload", "not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isArray() || root.size() != 5) {
      throw new DataFormatException(file, "record", recNo, "payload",
          "expected a JSON array [module_hash, epochs, adjacency, operations, metrics], found "
              + (root == null ? "nothing" : root.isArray() ? "an array of " + root.size() + " elements"
              : "a " + root.getNodeType().toString().toLowerCase()));
    }
    String hash = text(root.get(0), file, recNo, "module_hash");
    if (!hash.matches("[0-9a-f]{32}")) {
      throw new DataFormatException(file, "record", recNo, "module_hash",
          "expected 32 lowercase hex digits, found '" + abbreviate(hash) + "'");
    }
    JsonNode ep = root.get(1);
    if (!ep.isIntegralNumber() || !ep.canConvertToInt() || ep.intValue() <= 0) {
      throw new DataFormatException(file, "record", recNo, "epochs",
          "expected a positive integer, found " + abbreviate(ep.toString()));
    }
    int epochs = ep.intValue();
    String adjacency = text(root.get(2), file, recNo, "adjacency");
    int v = (int) Math.round(Math.sqrt(adjacency.length()));
    if (v < 2 || v * v != adjacency.length()) {
      throw new DataFormatException(file, "record", recNo, "adjacency",
          "expected a V x V matrix as a string of V*V characters, found " + adjacency.length() + " characters");
    }
    for (int k = 0; k < adjacency.length(); k++) {
      char c = adjacency.charAt(k);
      if (c != '0' && c != '1') {
        throw new DataFormatException(file, "record", recNo, "adjacency",
            "character " + k + " is '" + c + "', expected 0 or 1");
      }
      if (c == '1' && k % v <= k / v) {
        throw new DataFormatException(file, "record", recNo, "adjacency",
            "edge " + (k / v) + " -> " + (k % v) + " is not above the diagonal (the matrix must be upper triangular)");
      }
    }
    String opsText = text(root.get(3), file, recNo, "operations");
    List<String> ops = List.of(opsText.split(",", -1));
    if (ops.size() != v) {
      throw new DataFormatException(file, "record", recNo, "operations",
          "expected " + v + " comma-separated operations (one per vertex), found " + ops.size());
    }
    for (int i = 0; i < v; i++) {
      String op = ops.get(i);
      boolean ok = i == 0 ? op.equals("input") : i == v - 1 ? op.equals("output") : INTERIOR_OPS.contains(op);
      if (!ok) {
        throw new DataFormatException(file, "record", recNo, "operations", "operation " + i + " is '"
            + abbreviate(op) + "', expected " + (i == 0 ? "input" : i == v - 1 ? "output" : "one of " + INTERIOR_OPS));
      }
    }
    String b64 = text(root.get(4), file, recNo, "metrics");
    byte[] proto;
    try {
      proto = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new DataFormatException(file, "record", recNo, "metrics", "not valid base64: " + e.getMessage(), e);
    }
    Nb101ModelMetrics metrics;
    try {
      metrics = Nb101ModelMetrics.parse(proto);
    } catch (InvalidProtocolBufferException e) {
      throw new DataFormatException(file, "record", recNo, "metrics",
          "not a valid ModelMetrics protobuf message: " + e.getMessage(), e);
    }
    if (metrics.evaluationData().size() <= FINAL_EVALUATION) {
      throw new DataFormatException(file, "record", recNo, "metrics.evaluation_data",
          "expected at least " + (FINAL_EVALUATION + 1) + " evaluations (index " + FINAL_EVALUATION
              + " is the final one), found " + metrics.evaluationData().size());
    }
    if (metrics.trainableParameters() <= 0) {
      throw new DataFormatException(file, "record", recNo, "metrics.trainable_parameters",
          "expected a positive parameter count, found " + metrics.trainableParameters());
    }
    return new Nb101Record(hash, epochs, v, adjacency, ops, metrics);
  }

  private static String text(JsonNode n, Path file, long recNo, String field) {
    if (n == null || !n.isTextual()) {
      throw new DataFormatException(file, "record", recNo, field,
          "expected a JSON string, found " + (n == null ? "nothing" : abbreviate(n.toString())));
    }
    return n.textValue();
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /** A set of 128-bit values (module hashes) in two parallel long arrays, open addressing, linear probing. */
  static final class HashSet128 {
    private long[] hi = new long[1 << 12];
    private long[] lo = new long[1 << 12];
    private boolean[] used = new boolean[1 << 12];
    private int size;

    /** Adds the 32-hex-digit hash; false if it was present. */
    boolean add(String hex) {
      long h = Long.parseUnsignedLong(hex.substring(0, 16), 16);
      long l = Long.parseUnsignedLong(hex.substring(16, 32), 16);
      if (2 * (size + 1) > used.length) grow();
      if (!insert(h, l, hi, lo, used)) return false;
      size++;
      return true;
    }

    int size() {
      return size;
    }

    private static boolean insert(long h, long l, long[] hi, long[] lo, boolean[] used) {
      int mask = used.length - 1;
      long x = (h * 0x9E3779B97F4A7C15L ^ l) * 0xC2B2AE3D27D4EB4FL;
      int i = (int) (x >>> 32) & mask;
      while (used[i]) {
        if (hi[i] == h && lo[i] == l) return false;
        i = (i + 1) & mask;
      }
      used[i] = true;
      hi[i] = h;
      lo[i] = l;
      return true;
    }

    private void grow() {
      int n = used.length * 2;
      long[] nh = new long[n];
      long[] nl = new long[n];
      boolean[] nu = new boolean[n];
      for (int i = 0; i < used.length; i++) if (used[i]) insert(hi[i], lo[i], nh, nl, nu);
      hi = nh;
      lo = nl;
      used = nu;
    }
  }
}
