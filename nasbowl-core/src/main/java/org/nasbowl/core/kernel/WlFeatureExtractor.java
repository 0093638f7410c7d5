package org.nasbowl.core.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nasbowl.core.graph.LabelledDag;

/**
 * Successor-based Weisfeiler-Lehman features (ALGORITHM.md section 2). The depth-i feature of a node is the
 * canonical subtree label of {@link WlSubtreeLabels}; here it is represented by a stable 64-bit hash computed
 * recursively, id_i(v) = H(i, label(v), sorted ids_{i-1} of v's successors), so extraction never builds
 * strings, yet equal ids mean equal labels in every graph, fit, run and task (up to 64-bit collisions; a test
 * checks agreement with the string labels). {@link #names} recovers the readable labels.
 */
public final class WlFeatureExtractor {
  private final int maxDepth;

  /** @param maxDepth the largest WL depth h to extract (features for 0..h) */
  public WlFeatureExtractor(int maxDepth) {
    if (maxDepth < 0) throw new IllegalArgumentException("WL depth must be >= 0: " + maxDepth);
    this.maxDepth = maxDepth;
  }

  public int maxDepth() {
    return maxDepth;
  }

  public ArchitectureFeatures extract(List<LabelledDag> cells) {
    List<CellFeatures> out = new ArrayList<>(cells.size());
    for (LabelledDag g : cells) out.add(extractCell(g));
    return new ArchitectureFeatures(out);
  }

  public CellFeatures extractCell(LabelledDag g) {
    long[][] nodeIds = nodeIds(g, maxDepth);
    long[][] ids = new long[maxDepth + 1][];
    double[][] values = new double[maxDepth + 1][];
    for (int d = 0; d <= maxDepth; d++) {
      long[] sorted = nodeIds[d].clone();
      Arrays.sort(sorted);
      int distinct = 0;
      for (int k = 0; k < sorted.length; k++) if (k == 0 || sorted[k] != sorted[k - 1]) distinct++;
      ids[d] = new long[distinct];
      values[d] = new double[distinct];
      int j = -1;
      for (int k = 0; k < sorted.length; k++) {
        if (k == 0 || sorted[k] != sorted[k - 1]) ids[d][++j] = sorted[k];
        values[d][j]++;
      }
    }
    return new CellFeatures(ids, values);
  }

  /** ids[d][v] = the depth-d feature id of node v. */
  static long[][] nodeIds(LabelledDag g, int maxDepth) {
    int n = g.size();
    long[] base = new long[n];
    for (int v = 0; v < n; v++) base[v] = labelHash(g.label(v));
    long[][] ids = new long[maxDepth + 1][n];
    long[] buf = new long[n];
    for (int d = 0; d <= maxDepth; d++) {
      for (int v = 0; v < n; v++) {
        long h = mix(base[v] ^ (0x9E3779B97F4A7C15L * (d + 1)));
        if (d > 0) {
          int[] succ = g.successors(v);
          for (int k = 0; k < succ.length; k++) buf[k] = ids[d - 1][succ[k]];
          Arrays.sort(buf, 0, succ.length);
          for (int k = 0; k < succ.length; k++) h = mix(h * 0x100000001B3L + buf[k]);
          h = mix(h + succ.length);
        }
        ids[d][v] = h;
      }
    }
    return ids;
  }

  /** The stable id of a feature given its depth and canonical label (as written by {@link WlSubtreeLabels}). */
  public static long idOf(int depth, String canonicalLabel) {
    return SubtreeParser.id(depth, canonicalLabel);
  }

  /** Readable names of every feature of a graph up to depth h: id -> "label" at that depth. */
  public static Map<Long, FeatureName> names(LabelledDag g, int h) {
    long[][] ids = nodeIds(g, h);
    String[][] labels = WlSubtreeLabels.compute(g, h);
    Map<Long, FeatureName> out = new HashMap<>();
    for (int d = 0; d <= h; d++) {
      for (int v = 0; v < g.size(); v++) out.putIfAbsent(ids[d][v], new FeatureName(d, labels[d][v]));
    }
    return out;
  }

  /** A feature's depth and canonical readable label. */
  public record FeatureName(int depth, String label) {}

  static long labelHash(String label) {
    // FNV-1a over UTF-8 bytes, then a finaliser: stable across JVMs and runs (String.hashCode is too weak).
    long h = 0xcbf29ce484222325L;
    for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** The SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mixer. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Computes the id of a canonical label string directly, by parsing its nesting. */
  private static final class SubtreeParser {
    private final String s;
    private int pos;

    private SubtreeParser(String s) {
      this.s = s;
    }

    static long id(int depth, String label) {
      SubtreeParser p = new SubtreeParser(label);
      long id = p.parse(depth);
      if (p.pos != label.length()) throw new IllegalArgumentException("trailing text in label '" + label + "'");
      return id;
    }

    private long parse(int depth) {
      int start = pos;
      while (pos < s.length() && s.charAt(pos) != '(' && s.charAt(pos) != ',' && s.charAt(pos) != ')') pos++;
      long h = mix(labelHash(s.substring(start, pos)) ^ (0x9E3779B97F4A7C15L * (depth + 1)));
      if (depth == 0) return h;
      List<Long> children = new ArrayList<>();
      if (pos < s.length() && s.charAt(pos) == '(') {
        pos++;
        while (true) {
          children.add(parse(depth - 1));
          char c = s.charAt(pos++);
          if (c == ')') break;
          if (c != ',') throw new IllegalArgumentException("malformed label '" + s + "' at " + (pos - 1));
        }
      }
      long[] sorted = children.stream().mapToLong(Long::longValue).sorted().toArray();
      for (long c : sorted) h = mix(h * 0x100000001B3L + c);
      return mix(h + sorted.length);
    }
  }
}
