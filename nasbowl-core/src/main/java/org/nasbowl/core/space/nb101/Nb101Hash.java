package org.nasbowl.core.space.nb101;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The official NAS-Bench-101 module hash ({@code nasbench/lib/graph_util.py hash_module}), bit for bit:
 *
 * <pre>
 *   hashes = [md5(str((out_degree, in_degree, label))) for each vertex]
 *   repeat V times: hashes[v] = md5(''.join(sorted(in-neighbour hashes)) + '|'
 *                                   + ''.join(sorted(out-neighbour hashes)) + '|' + hashes[v])
 *   fingerprint = md5(str(sorted(hashes)))          # Python list repr: ['h0', 'h1', ...]
 * </pre>
 *
 * with labels input -1, output -2, conv3x3 0, conv1x1 1, maxpool 2, computed on the pruned cell. Hashes are kept
 * as two longs (the MD5 digest, big-endian): their unsigned order is the order of the hex strings Python sorts.
 *
 * <p>An instance reuses its {@link MessageDigest} and buffers: it is fast (the whole space of 1.3M labelled
 * graphs hashes in seconds) and <b>not thread-safe</b>; use one instance per thread.
 */
public final class Nb101Hash {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_N = 31;
  private static final int TABLE_DEGREE = Nb101Spec.MAX_VERTICES; // degrees 0..6 tabulated

  private final MessageDigest md5;
  private byte[] buf = new byte[512];
  private final byte[] digest = new byte[16];
  private long[] hi = new long[8];
  private long[] lo = new long[8];
  private long[] nextHi = new long[8];
  private long[] nextLo = new long[8];
  private int[] tmp = new int[8];
  private final int[] inMask = new int[MAX_N];
  /**
   * Initial vertex hashes md5(str((out, in, label))) for degrees 0..6 and labels -2..2, at index
   * ((out * 7 + in) * 5 + label + 2) * 2 (hi) and + 1 (lo). A constant table, filled once at class load.
   */
  private static final long[] INITIAL = initialTable();
  /** Digest of the last computed fingerprint. */
  private long resultHi;
  private long resultLo;

  public Nb101Hash() {
    md5 = newMd5();
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by every Java platform", e);
    }
  }

  private static long[] initialTable() {
    MessageDigest md = newMd5();
    long[] table = new long[TABLE_DEGREE * TABLE_DEGREE * 5 * 2];
    for (int out = 0; out < TABLE_DEGREE; out++) {
      for (int in = 0; in < TABLE_DEGREE; in++) {
        for (int label = -2; label <= 2; label++) {
          int idx = ((out * TABLE_DEGREE + in) * 5 + label + 2) * 2;
          byte[] d = md.digest(tupleString(out, in, label).getBytes(StandardCharsets.US_ASCII));
          table[idx] = toLong(d, 0);
          table[idx + 1] = toLong(d, 8);
        }
      }
    }
    return table;
  }

  /** The module hash of a spec (it is pruned first), as 32 lowercase hex digits. Convenience: new instance. */
  public static String of(Nb101Spec spec) {
    return new Nb101Hash().hash(spec);
  }

  /** The module hash of a spec: prunes it, then hashes the pruned cell. */
  public String hash(Nb101Spec spec) {
    Nb101Spec p = spec.prune();
    compute(p.numVertices(), p.outMasks(), p.hashLabels());
    return hex(resultHi, resultLo);
  }

  /**
   * {@code hash_module(matrix, labeling)} on an already pruned (or any) matrix given as successor bit masks.
   * Nothing is pruned here; use {@link #hash(Nb101Spec)} for specs.
   *
   * @param n number of vertices (at most 31)
   * @param outMask bit j of outMask[i] = edge i -> j
   * @param labels per-vertex integer labels (-1 input, -2 output, 0..2 interior ops)
   */
  public String hashModule(int n, int[] outMask, int[] labels) {
    compute(n, outMask, labels);
    return hex(resultHi, resultLo);
  }

  /** Computes the fingerprint into {@link #resultHi()} / {@link #resultLo()} without building a string. */
  void compute(int n, int[] outMask, int[] labels) {
    if (n < 1 || n > MAX_N) throw new IllegalArgumentException("vertex count " + n + " outside 1.." + MAX_N);
    ensureCapacity(n);
    for (int v = 0; v < n; v++) inMask[v] = 0;
    for (int v = 0; v < n; v++) {
      int succ = outMask[v];
      while (succ != 0) {
        int w = Integer.numberOfTrailingZeros(succ);
        succ &= succ - 1;
        inMask[w] |= 1 << v;
      }
    }
    for (int v = 0; v < n; v++) {
      int out = Integer.bitCount(outMask[v]);
      int in = Integer.bitCount(inMask[v]);
      int label = labels[v];
      if (out < TABLE_DEGREE && in < TABLE_DEGREE && label >= -2 && label <= 2) {
        int idx = ((out * TABLE_DEGREE + in) * 5 + label + 2) * 2;
        hi[v] = INITIAL[idx];
        lo[v] = INITIAL[idx + 1];
      } else {
        digestOf(tupleString(out, in, label));
        hi[v] = resultHi;
        lo[v] = resultLo;
      }
    }
    for (int round = 0; round < n; round++) {
      for (int v = 0; v < n; v++) {
        int pos = writeSorted(inMask[v], 0);
        buf[pos++] = '|';
        pos = writeSorted(outMask[v], pos);
        buf[pos++] = '|';
        pos = writeHex(hi[v], lo[v], pos);
        digest(pos);
        nextHi[v] = resultHi;
        nextLo[v] = resultLo;
      }
      long[] t = hi;
      hi = nextHi;
      nextHi = t;
      t = lo;
      lo = nextLo;
      nextLo = t;
    }
    // str(sorted(hashes)) in Python: ['aaa...', 'bbb...']
    for (int v = 0; v < n; v++) tmp[v] = v;
    sortByHash(n);
    int pos = 0;
    buf[pos++] = '[';
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        buf[pos++] = ',';
        buf[pos++] = ' ';
      }
      buf[pos++] = '\'';
      pos = writeHex(hi[tmp[k]], lo[tmp[k]], pos);
      buf[pos++] = '\'';
    }
    buf[pos++] = ']';
    digest(pos);
  }

  long resultHi() {
    return resultHi;
  }

  long resultLo() {
    return resultLo;
  }

  private void ensureCapacity(int n) {
    if (hi.length >= n) return;
    hi = new long[n];
    lo = new long[n];
    nextHi = new long[n];
    nextLo = new long[n];
    tmp = new int[n];
    buf = new byte[(2 * n + 1) * 36 + 8];
  }

  /** Writes the hex hashes of the vertices in {@code mask}, sorted, from {@code pos}; returns the new end. */
  private int writeSorted(int mask, int pos) {
    int k = 0;
    while (mask != 0) {
      int w = Integer.numberOfTrailingZeros(mask);
      mask &= mask - 1;
      tmp[k++] = w;
    }
    sortByHash(k);
    for (int i = 0; i < k; i++) pos = writeHex(hi[tmp[i]], lo[tmp[i]], pos);
    return pos;
  }

  /** Insertion sort of tmp[0..k) by (hi, lo) unsigned. */
  private void sortByHash(int k) {
    for (int i = 1; i < k; i++) {
      int x = tmp[i];
      int j = i - 1;
      while (j >= 0 && less(x, tmp[j])) {
        tmp[j + 1] = tmp[j];
        j--;
      }
      tmp[j + 1] = x;
    }
  }

  private boolean less(int a, int b) {
    int c = Long.compareUnsigned(hi[a], hi[b]);
    return c < 0 || (c == 0 && Long.compareUnsigned(lo[a], lo[b]) < 0);
  }

  private int writeHex(long h, long l, int pos) {
    for (int s = 60; s >= 0; s -= 4) buf[pos++] = HEX[(int) (h >>> s) & 0xF];
    for (int s = 60; s >= 0; s -= 4) buf[pos++] = HEX[(int) (l >>> s) & 0xF];
    return pos;
  }

  private void digest(int len) {
    md5.update(buf, 0, len);
    try {
      md5.digest(digest, 0, 16);
    } catch (DigestException e) {
      throw new IllegalStateException(e);
    }
    resultHi = toLong(digest, 0);
    resultLo = toLong(digest, 8);
  }

  private void digestOf(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    if (buf.length < b.length) buf = new byte[b.length];
    System.arraycopy(b, 0, buf, 0, b.length);
    digest(b.length);
  }

  private static long toLong(byte[] b, int off) {
    long x = 0;
    for (int i = 0; i < 8; i++) x = (x << 8) | (b[off + i] & 0xFFL);
    return x;
  }

  /** Python's str((out, in, label)). */
  private static String tupleString(int out, int in, int label) {
    return "(" + out + ", " + in + ", " + label + ")";
  }

  /** 32 lowercase hex digits of a 128-bit digest. */
  static String hex(long h, long l) {
    byte[] b = new byte[32];
    for (int i = 0, s = 60; s >= 0; s -= 4, i++) {
      b[i] = HEX[(int) (h >>> s) & 0xF];
      b[i + 16] = HEX[(int) (l >>> s) & 0xF];
    }
    return new String(b, StandardCharsets.US_ASCII);
  }
}
