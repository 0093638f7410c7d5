package org.nasbowl.core.kernel;

import java.util.Arrays;
import java.util.List;

/**
 * An inverted index over the WL features of a fixed set of architectures (the GP's training set): for every
 * cell, depth and feature id, which architectures have it and how often. Kernel rows against new
 * architectures then cost the total length of the posting lists they touch instead of a merge per pair.
 * Uses an open-addressing long -> int table to avoid boxing on the hot path.
 */
final class FeatureIndex {
  private final int n;
  private final int cells;
  private final int maxDepth;
  /** table[c][d]: feature id -> posting list number. */
  private final LongIntTable[][] table;
  /** postings[c][d][p]: architecture indices and values of posting list p. */
  private final int[][][][] postingIdx;
  private final double[][][][] postingVal;

  FeatureIndex(List<ArchitectureFeatures> xs, int maxDepth) {
    this.n = xs.size();
    this.cells = xs.isEmpty() ? 1 : xs.get(0).cellCount();
    this.maxDepth = maxDepth;
    this.table = new LongIntTable[cells][maxDepth + 1];
    this.postingIdx = new int[cells][maxDepth + 1][][];
    this.postingVal = new double[cells][maxDepth + 1][][];
    for (int c = 0; c < cells; c++) {
      for (int d = 0; d <= maxDepth; d++) {
        LongIntTable t = new LongIntTable(16);
        int[] counts = new int[16];
        for (ArchitectureFeatures x : xs) {
          for (long id : x.cell(c).idsAt(d)) {
            int p = t.getOrAdd(id);
            if (p >= counts.length) counts = Arrays.copyOf(counts, counts.length * 2);
            counts[p]++;
          }
        }
        int lists = t.size();
        int[][] idx = new int[lists][];
        double[][] val = new double[lists][];
        for (int p = 0; p < lists; p++) {
          idx[p] = new int[counts[p]];
          val[p] = new double[counts[p]];
        }
        int[] fill = new int[lists];
        for (int i = 0; i < n; i++) {
          CellFeatures cf = xs.get(i).cell(c);
          long[] ids = cf.idsAt(d);
          double[] vs = cf.valuesAt(d);
          for (int k = 0; k < ids.length; k++) {
            int p = t.get(ids[k]);
            idx[p][fill[p]] = i;
            val[p][fill[p]++] = vs[k];
          }
        }
        table[c][d] = t;
        postingIdx[c][d] = idx;
        postingVal[c][d] = val;
      }
    }
  }

  int size() {
    return n;
  }

  int cells() {
    return cells;
  }

  /** Number of posting lists (distinct features) of cell c at one depth. */
  int lists(int c, int d) {
    return postingIdx[c][d].length;
  }

  int[] postingIndices(int c, int d, int p) {
    return postingIdx[c][d][p];
  }

  double[] postingValues(int c, int d, int p) {
    return postingVal[c][d][p];
  }

  /** Number of distinct features of cell c at depths 0..h. */
  int distinctFeatures(int c, int h) {
    int s = 0;
    for (int d = 0; d <= h; d++) s += table[c][d].size();
    return s;
  }

  /**
   * Adds, for every indexed architecture i, the unnormalised depth-0..h base kernel between cell c of x and
   * cell c of architecture i to out[i].
   */
  void accumulate(CellFeatures x, int c, int h, BaseKernel base, double[] out) {
    for (int d = 0; d <= h; d++) {
      long[] ids = x.idsAt(d);
      double[] vs = x.valuesAt(d);
      for (int k = 0; k < ids.length; k++) {
        int p = table[c][d].get(ids[k]);
        if (p < 0) continue;
        int[] idx = postingIdx[c][d][p];
        double[] val = postingVal[c][d][p];
        double v = vs[k];
        if (base == BaseKernel.DOT_PRODUCT) {
          for (int t = 0; t < idx.length; t++) out[idx[t]] += v * val[t];
        } else {
          for (int t = 0; t < idx.length; t++) out[idx[t]] += Math.min(v, val[t]);
        }
      }
    }
  }

  /**
   * Unnormalised per-depth Gram matrices of the indexed set: gram[c][d] (n x n, row-major), summed over pairs
   * sharing a feature, i.e. in time proportional to the sum of squared posting-list lengths.
   */
  double[][][] depthGrams(BaseKernel base) {
    double[][][] out = new double[cells][maxDepth + 1][n * n];
    for (int c = 0; c < cells; c++) {
      for (int d = 0; d <= maxDepth; d++) {
        double[] g = out[c][d];
        for (int p = 0; p < postingIdx[c][d].length; p++) {
          int[] idx = postingIdx[c][d][p];
          double[] val = postingVal[c][d][p];
          for (int a = 0; a < idx.length; a++) {
            int row = idx[a] * n;
            double va = val[a];
            if (base == BaseKernel.DOT_PRODUCT) {
              for (int b = 0; b < idx.length; b++) g[row + idx[b]] += va * val[b];
            } else {
              for (int b = 0; b < idx.length; b++) g[row + idx[b]] += Math.min(va, val[b]);
            }
          }
        }
      }
    }
    return out;
  }

  /** Open addressing long -> int map with linear probing; values are 0..size-1 in insertion order. */
  static final class LongIntTable {
    private long[] keys;
    private int[] vals;
    private boolean[] used;
    private int size;

    LongIntTable(int capacity) {
      int cap = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1);
      keys = new long[cap];
      vals = new int[cap];
      used = new boolean[cap];
    }

    int size() {
      return size;
    }

    int get(long key) {
      int mask = keys.length - 1;
      int i = (int) WlFeatureExtractor.mix(key) & mask;
      while (used[i]) {
        if (keys[i] == key) return vals[i];
        i = (i + 1) & mask;
      }
      return -1;
    }

    int getOrAdd(long key) {
      int found = get(key);
      if (found >= 0) return found;
      if ((size + 1) * 2 > keys.length) grow();
      int mask = keys.length - 1;
      int i = (int) WlFeatureExtractor.mix(key) & mask;
      while (used[i]) i = (i + 1) & mask;
      used[i] = true;
      keys[i] = key;
      vals[i] = size;
      return size++;
    }

    private void grow() {
      long[] ok = keys;
      int[] ov = vals;
      boolean[] ou = used;
      keys = new long[ok.length * 2];
      vals = new int[ok.length * 2];
      used = new boolean[ok.length * 2];
      int mask = keys.length - 1;
      for (int j = 0; j < ok.length; j++) {
        if (!ou[j]) continue;
        int i = (int) WlFeatureExtractor.mix(ok[j]) & mask;
        while (used[i]) i = (i + 1) & mask;
        used[i] = true;
        keys[i] = ok[j];
        vals[i] = ov[j];
      }
    }
  }
}
