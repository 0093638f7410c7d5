package org.nasbowl.core.gp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nasbowl.core.testsupport.TestPaths;

/** The golden synthetic regression splits (golden/synthetic_dataset_seed0-2.csv; pool rows ignored). */
final class SyntheticRegressionData {
  record Row(String arch, double y) {}

  record Split(List<Row> train, List<Row> test) {}

  /** repeat -> split; the training set of size n is the first n training rows. */
  static Map<Integer, Split> load() {
    Path file = TestPaths.requireGolden("synthetic_dataset_seed0-2.csv");
    Map<Integer, Split> out = new LinkedHashMap<>();
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.strip().split(",");
        if (!f[1].equals("train") && !f[1].equals("test")) continue;
        Split s = out.computeIfAbsent(Integer.parseInt(f[0]), r -> new Split(new ArrayList<>(), new ArrayList<>()));
        (f[1].equals("train") ? s.train() : s.test()).add(new Row(f[3], Double.parseDouble(f[4])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
