package org.nasbowl.core.space.nb101;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The whole NAS-Bench-101 space, generated exactly as the official {@code nasbench/scripts/generate_graphs.py}:
 *
 * <pre>
 *   for V in 2..7:
 *     for bits in 0 .. 2^(V(V-1)/2) - 1:        # edge x->y (x &lt; y) is bit x + y(y-1)/2 (column-major)
 *       skip unless every vertex but the last has an out-edge, every vertex but the first an in-edge,
 *            and there are at most 9 edges
 *       for labeling in itertools.product(range(3), repeat=V-2):   # last interior vertex varies fastest
 *         keep (matrix, labeling) if its module hash has not been seen before
 * </pre>
 *
 * That visits {@value #LABELLED_GRAPHS} labelled graphs and keeps {@value #UNIQUE_CELLS} cells, each with the
 * matrix and vertex order the official dataset stores for its hash (the first one generated). The graphs are
 * already pruned.
 *
 * <p>An instance is a one-shot iterator over the unique cells in generation order; it holds only the set of
 * hashes seen so far (16 bytes per cell in a flat table), never the cells it has returned.
 */
public final class Nb101Enumerator implements Iterator<Nb101Enumerator.Cell> {
  /** Labelled graphs the official generator visits (including isomorphic duplicates). */
  public static final int LABELLED_GRAPHS = 1_293_208;
  /** Unique module hashes: the size of NAS-Bench-101. */
  public static final int UNIQUE_CELLS = 423_624;

  private static final int NUM_OPS = Nb101Spec.INTERIOR_OPS.size();
  private static final String[] OP_NAMES = Nb101Spec.INTERIOR_OPS.toArray(new String[0]);

  /** One unique cell: its module hash and its spec in the official dataset's vertex order. */
  public record Cell(String hash, Nb101Spec spec) {}

  private final Nb101Hash hasher = new Nb101Hash();
  private final HashSet128 seen = new HashSet128(1 << 20);

  // Generator state.
  private int vertices = 2;
  private long bits = -1; // current matrix bit pattern; -1 = none yet for this vertex count
  private final int[] outMask = new int[Nb101Spec.MAX_VERTICES];
  private final int[] labels = new int[Nb101Spec.MAX_VERTICES];
  private int labelling; // next labelling index for the current matrix
  private int labellings; // 3^(V-2)
  private boolean matrixReady;
  private boolean done;
  private long labelledGraphs;
  private Cell next;

  /** A stream of the {@value #UNIQUE_CELLS} unique cells in generation order (a fresh enumeration). */
  public static Stream<Cell> stream() {
    Nb101Enumerator e = new Nb101Enumerator();
    return StreamSupport.stream(
        // Deliberately not SIZED: count() must really enumerate rather than trust the constant.
        Spliterators.spliteratorUnknownSize(e,
            Spliterator.ORDERED | Spliterator.DISTINCT | Spliterator.NONNULL | Spliterator.IMMUTABLE),
        false);
  }

  /** Labelled graphs visited so far ({@value #LABELLED_GRAPHS} once exhausted). */
  public long labelledGraphsVisited() {
    return labelledGraphs;
  }

  /** Unique cells found so far ({@value #UNIQUE_CELLS} once exhausted). */
  public int uniqueCellsFound() {
    return seen.size();
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) next = advance();
    return next != null;
  }

  @Override
  public Cell next() {
    if (!hasNext()) throw new NoSuchElementException("NAS-Bench-101 enumeration is exhausted");
    Cell c = next;
    next = null;
    return c;
  }

  private Cell advance() {
    while (true) {
      if (!matrixReady && !nextMatrix()) {
        done = true;
        return null;
      }
      while (labelling < labellings) {
        int t = labelling++;
        for (int v = vertices - 2; v >= 1; v--) {
          labels[v] = t % NUM_OPS;
          t /= NUM_OPS;
        }
        labelledGraphs++;
        hasher.compute(vertices, outMask, labels);
        if (seen.add(hasher.resultHi(), hasher.resultLo())) {
          return new Cell(Nb101Hash.hex(hasher.resultHi(), hasher.resultLo()), currentSpec());
        }
      }
      matrixReady = false;
    }
  }

  /** Moves to the next matrix the generator keeps; false when the space is exhausted. */
  private boolean nextMatrix() {
    while (vertices <= Nb101Spec.MAX_VERTICES) {
      long limit = 1L << (vertices * (vertices - 1) / 2);
      while (++bits < limit) {
        if (Long.bitCount(bits) > Nb101Spec.MAX_EDGES) continue;
        if (buildIfFullDag(vertices, bits)) {
          labelling = 0;
          int l = 1;
          for (int i = 0; i < vertices - 2; i++) l *= NUM_OPS;
          labellings = l;
          labels[0] = -1;
          labels[vertices - 1] = -2;
          matrixReady = true;
          return true;
        }
      }
      vertices++;
      bits = -1;
    }
    return false;
  }

  /** Fills outMask from the bit pattern; true iff no vertex but the output lacks out-edges and none but the input lacks in-edges. */
  private boolean buildIfFullDag(int n, long b) {
    int inSeen = 0;
    for (int v = 0; v < n; v++) outMask[v] = 0;
    for (int y = 1; y < n; y++) {
      int base = y * (y - 1) / 2;
      for (int x = 0; x < y; x++) {
        if ((b >>> (x + base) & 1) != 0) {
          outMask[x] |= 1 << y;
          inSeen |= 1 << y;
        }
      }
    }
    for (int v = 0; v < n - 1; v++) if (outMask[v] == 0) return false;
    int needIn = ((1 << n) - 1) & ~1;
    return (inSeen & needIn) == needIn;
  }

  private Nb101Spec currentSpec() {
    int n = vertices;
    String[] ops = new String[n];
    ops[0] = Nb101Spec.INPUT;
    ops[n - 1] = Nb101Spec.OUTPUT;
    for (int v = 1; v < n - 1; v++) ops[v] = OP_NAMES[labels[v]];
    int[] out = new int[n];
    System.arraycopy(outMask, 0, out, 0, n);
    return Nb101Spec.trusted(n, out, ops);
  }

  /** Open-addressing set of 128-bit values (linear probing, grows at 3/4 load). */
  private static final class HashSet128 {
    private long[] keys; // pairs hi, lo
    private boolean[] used;
    private int size;

    HashSet128(int capacity) {
      keys = new long[2 * capacity];
      used = new boolean[capacity];
    }

    int size() {
      return size;
    }

    boolean add(long hi, long lo) {
      if (4L * (size + 1) > 3L * used.length) grow();
      return insert(hi, lo);
    }

    private boolean insert(long hi, long lo) {
      int mask = used.length - 1;
      int i = (int) (lo ^ (lo >>> 32) ^ hi) & mask;
      while (used[i]) {
        if (keys[2 * i] == hi && keys[2 * i + 1] == lo) return false;
        i = (i + 1) & mask;
      }
      used[i] = true;
      keys[2 * i] = hi;
      keys[2 * i + 1] = lo;
      size++;
      return true;
    }

    private void grow() {
      long[] oldKeys = keys;
      boolean[] oldUsed = used;
      keys = new long[oldKeys.length * 2];
      used = new boolean[oldUsed.length * 2];
      size = 0;
      for (int i = 0; i < oldUsed.length; i++) {
        if (oldUsed[i]) insert(oldKeys[2 * i], oldKeys[2 * i + 1]);
      }
    }
  }
}
