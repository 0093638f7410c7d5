package org.nasbowl.core.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nasbowl.core.graph.LabelledDag;

/**
 * The original implementation's NAS-Bench-201 graphs (golden/nb201_nasbowl_graphs.jsonl), keyed by
 * arch string, with nodes renumbered in increasing original id. Parity tests use them so that kernel and GP
 * values are compared on exactly the graphs the original saw.
 */
public final class OriginalGraphs {
  private OriginalGraphs() {}

  private static Map<String, LabelledDag> cache;

  /** All 15,625 graphs, from the golden test resource. */
  public static synchronized Map<String, LabelledDag> load() {
    if (cache != null) return cache;
    Path file = TestPaths.requireGolden("nb201_nasbowl_graphs.jsonl");
    ObjectMapper json = new ObjectMapper();
    Map<String, LabelledDag> out = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode row = json.readTree(line);
        TreeMap<Integer, String> nodes = new TreeMap<>();
        for (JsonNode node : row.get("nodes")) nodes.put(node.get(0).asInt(), node.get(1).asText());
        List<Integer> ids = new ArrayList<>(nodes.keySet());
        List<int[]> edges = new ArrayList<>();
        for (JsonNode e : row.get("edges")) {
          edges.add(new int[] {ids.indexOf(e.get(0).asInt()), ids.indexOf(e.get(1).asInt())});
        }
        out.put(row.get("arch").asText(), new LabelledDag(new ArrayList<>(nodes.values()), edges));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    cache = Map.copyOf(out);
    return cache;
  }
}
