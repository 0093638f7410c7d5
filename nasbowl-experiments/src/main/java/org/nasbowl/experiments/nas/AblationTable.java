package org.nasbowl.experiments.nas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.data.CsvTable;

/**
 * The ablation's Markdown tables ({@code table.md} beside the selection run's files): per benchmark, one row per
 * variant in the order of the runs, and per budget the mean regret in percentage points as "selection /
 * confirmation" (seeds of the first and the second {@code experiment nas} directory), read from their
 * {@code curves.csv}.
 */
public final class AblationTable {
  /** Columns: header, curves.csv column, query. */
  private static final List<Object[]> COLUMNS = List.of(
      new Object[] {"oracle 30", "mean_oracle_regret", 30},
      new Object[] {"oracle 50", "mean_oracle_regret", 50},
      new Object[] {"oracle 100", "mean_oracle_regret", 100},
      new Object[] {"valid 50", "mean_valid_regret", 50},
      new Object[] {"valid 100", "mean_valid_regret", 100},
      new Object[] {"valid 160", "mean_valid_regret", 160},
      new Object[] {"test 50", "mean_regret", 50});

  /** The noisy selection's columns: the recommendation's noiseless regret, then the best observation's. */
  private static final List<Object[]> NOISY_COLUMNS = List.of(
      new Object[] {"recommended 50", "mean_recommended_regret", 50},
      new Object[] {"recommended 100", "mean_recommended_regret", 100},
      new Object[] {"recommended 160", "mean_recommended_regret", 160},
      new Object[] {"observed 100", "mean_valid_regret", 100},
      new Object[] {"observed 160", "mean_valid_regret", 160});

  private AblationTable() {}

  /** benchmark -> method -> query -> row of curves.csv. */
  static Map<String, Map<String, Map<Integer, Map<String, String>>>> read(Path curves, List<Object[]> columns)
      throws IOException {
    Map<String, Map<String, Map<Integer, Map<String, String>>>> out = new LinkedHashMap<>();
    List<String> cols = new ArrayList<>(List.of("benchmark", "method", "query"));
    for (Object[] c : columns) if (!cols.contains((String) c[1])) cols.add((String) c[1]);
    CsvTable.read(curves, cols, r -> {
      Map<String, String> row = new LinkedHashMap<>();
      for (String c : cols) row.put(c, r.raw(c));
      out.computeIfAbsent(row.get("benchmark"), k -> new LinkedHashMap<>())
          .computeIfAbsent(row.get("method"), k -> new LinkedHashMap<>())
          .put((int) r.integer("query"), row);
    });
    return out;
  }

  /** The value at a query (the run's last one when it is shorter), in percentage points, as text. */
  static String cell(Map<Integer, Map<String, String>> curve, String column, int query) {
    if (curve == null) return "-";
    int last = curve.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
    String v = curve.get(Math.min(query, last)).get(column);
    return v == null || v.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", 100 * Double.parseDouble(v));
  }

  /** Writes {@code out} from the selection and confirmation runs' curves.csv (the latter may be absent). */
  public static void write(Path selection, Path confirmation, Path out) throws IOException {
    write(selection, confirmation, out, COLUMNS, "oracle: best test accuracy among all queried; valid: the "
        + "objective's own (validation) regret; test 50: test regret of the best architecture by validation accuracy "
        + "after 50 queries.");
  }

  /**
   * The noisy selection's table: per variant, the noiseless validation regret of its recommendation and of its best
   * observation.
   */
  public static void writeNoisy(Path selection, Path confirmation, Path out) throws IOException {
    write(selection, confirmation, out, NOISY_COLUMNS, "recommended: noiseless validation regret of the "
        + "architecture the variant recommends; observed: of its best noisy observation.");
  }

  private static void write(Path selection, Path confirmation, Path out, List<Object[]> columns, String legend)
      throws IOException {
    var sel = read(selection.resolve("curves.csv"), columns);
    var conf = Files.exists(confirmation.resolve("curves.csv")) ? read(confirmation.resolve("curves.csv"), columns)
        : Map.<String, Map<String, Map<Integer, Map<String, String>>>>of();
    List<String> lines = new ArrayList<>();
    lines.add("<!-- written by the reproduction (AblationTable) from " + selection.getFileName() + "/curves.csv and "
        + confirmation.getFileName() + "/curves.csv -->");
    lines.add("Mean regret in percentage points over the seeds of each set, as \"selection / confirmation\". " + legend
        + " A run shorter than a column's query shows its last value.");
    for (String b : sel.keySet()) {
      lines.add("");
      lines.add("#### " + b);
      lines.add("");
      StringBuilder head = new StringBuilder("| variant |");
      StringBuilder rule = new StringBuilder("|---|");
      for (Object[] c : columns) {
        head.append(' ').append(c[0]).append(" |");
        rule.append("---|");
      }
      lines.add(head.toString());
      lines.add(rule.toString());
      for (var e : sel.get(b).entrySet()) {
        var other = conf.getOrDefault(b, Map.of()).get(e.getKey());
        StringBuilder row = new StringBuilder("| `" + e.getKey() + "` |");
        for (Object[] c : columns) {
          String a = cell(e.getValue(), (String) c[1], (Integer) c[2]);
          row.append(' ').append(a).append(other == null ? "" : " / " + cell(other, (String) c[1], (Integer) c[2]))
              .append(" |");
        }
        lines.add(row.toString());
      }
    }
    AtomicFiles.writeText(out, w -> {
      for (String l : lines) w.write(l + "\n");
    });
  }
}
