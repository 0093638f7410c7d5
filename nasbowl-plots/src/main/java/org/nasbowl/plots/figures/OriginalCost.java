package org.nasbowl.plots.figures;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original Python implementation's measured cost per BO iteration, from
 * {@code golden/synthetic_regression.jsonl}: per (repeat, n_train) its GP fit seconds ({@code fit_s}) and the
 * seconds its search loop takes to score a pool of {@code n_pool} candidates ({@code acq_nasbowl_loop_s},
 * measured on 100 candidates and scaled linearly to the pool, as {@code acq_nasbowl_extrapolated_from} says),
 * on one core of this machine. One iteration of the original is a fit plus one pass of that loop.
 */
public final class OriginalCost {
  public static final String FILE = "synthetic_regression.jsonl";
  /** The project's copy of {@link #FILE}, in this module's jar (see nasbowl-core's test resources README). */
  static final String EMBEDDED = "original_synthetic_regression.jsonl";

  /** The repeats' fit and loop seconds at one training set size, for a pool of {@code pool} candidates. */
  public record Point(int nTrain, int pool, double[] fitSeconds, double[] loopSeconds) {
    /** Median over repeats of fit + loop, as measured. */
    public double seconds() {
      return seconds(pool);
    }

    /** Median over repeats of fit + loop with the loop scaled linearly to another pool size. */
    public double seconds(int poolSize) {
      List<Double> s = new ArrayList<>();
      for (int i = 0; i < fitSeconds.length; i++) s.add(fitSeconds[i] + loopSeconds[i] * poolSize / pool);
      return median(s);
    }
  }

  private OriginalCost() {}

  private static final Pattern FIELD =
      Pattern.compile("\"([A-Za-z0-9_]+)\"\\s*:\\s*(null|true|false|-?[0-9.eE+-]+|\"(?:[^\"\\\\]|\\\\.)*\")");

  /** Reads the file; a line without the numeric fields is an error naming the file, line and field. */
  public static List<Point> read(Path file) throws IOException {
    return read(file, Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /** The project's embedded copy of the original's measurements. */
  public static List<Point> readEmbedded() throws IOException {
    try (InputStream in = OriginalCost.class.getResourceAsStream(EMBEDDED)) {
      if (in == null) throw new IOException("resource " + EMBEDDED + " missing from the nasbowl-plots jar");
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return read(Path.of(EMBEDDED), text.lines().toList());
    }
  }

  private static List<Point> read(Path file, List<String> lines) {
    Map<Integer, List<double[]>> seconds = new TreeMap<>();
    Map<Integer, Integer> pools = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) continue;
      if (!line.startsWith("{") || !line.endsWith("}")) throw new CsvFormatException(file, i + 1, null, "not a JSON object");
      Map<String, String> f = new TreeMap<>();
      Matcher m = FIELD.matcher(line);
      while (m.find()) f.put(m.group(1), m.group(2));
      int n = (int) number(file, i + 1, f, "n_train");
      double fit = number(file, i + 1, f, "fit_s");
      double loop = number(file, i + 1, f, "acq_nasbowl_loop_s");
      int pool = (int) number(file, i + 1, f, "n_pool");
      seconds.computeIfAbsent(n, k -> new ArrayList<>()).add(new double[] {fit, loop});
      Integer old = pools.put(n, pool);
      if (old != null && old != pool) {
        throw new CsvFormatException(file, i + 1, "n_pool", "pool size " + pool + " differs from " + old + " at n_train " + n);
      }
    }
    if (seconds.isEmpty()) throw new CsvFormatException(file, 1, null, "no records");
    List<Point> out = new ArrayList<>();
    for (var e : seconds.entrySet()) {
      out.add(new Point(e.getKey(), pools.get(e.getKey()), e.getValue().stream().mapToDouble(v -> v[0]).toArray(),
          e.getValue().stream().mapToDouble(v -> v[1]).toArray()));
    }
    return out;
  }

  private static double number(Path file, int line, Map<String, String> f, String field) {
    String v = f.get(field);
    if (v == null || v.equals("null")) throw new CsvFormatException(file, line, field, "missing");
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d) || d < 0) throw new CsvFormatException(file, line, field, "not a non-negative number: " + v);
      return d;
    } catch (NumberFormatException e) {
      throw new CsvFormatException(file, line, field, "not a number: " + v);
    }
  }

  static double median(List<Double> xs) {
    double[] s = xs.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    int k = s.length / 2;
    return s.length % 2 == 1 ? s[k] : (s[k - 1] + s[k]) / 2;
  }
}
