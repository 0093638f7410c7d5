package org.nasbowl.core.gp;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.nasbowl.core.kernel.ArchitectureFeatures;

/**
 * Columns of V = L^-1 K_* of a search's last pool, for {@link FittedGp#posterior(List, ColumnCache)}: each the
 * forward substitution of one candidate's kernel column through the first rows of a Cholesky factor. A model
 * extended from the one they were computed with shares those rows ({@link FittedGp#extend} never changes a row),
 * so only the entries of the rows added since are missing. Keyed by the identity of the candidates' features (a
 * search keeps one features object per architecture). Not thread-safe; one per search.
 */
public final class ColumnCache {
  private final Map<ArchitectureFeatures, double[]> columns = new IdentityHashMap<>();
  /** The factor's rows the columns went through: rows[0 .. n). */
  private double[][] rows;
  private int n;

  /** How many leading rows of {@code l} the cached columns are valid for: all of theirs if l starts with them, else 0. */
  int validRows(double[][] l, int size) {
    if (rows == null || n == 0 || n > size || l[n - 1] != rows[n - 1] || l[0] != rows[0]) return 0;
    return n;
  }

  double[] column(ArchitectureFeatures x) {
    return columns.get(x);
  }

  /** Keeps the columns of this pool (n x m row-major {@code v}) and forgets the others. */
  void keep(List<ArchitectureFeatures> pool, double[] v, double[][] l, int size) {
    columns.clear();
    int m = pool.size();
    for (int j = 0; j < m; j++) {
      double[] c = new double[size];
      for (int i = 0; i < size; i++) c[i] = v[i * m + j];
      columns.put(pool.get(j), c);
    }
    rows = l;
    n = size;
  }

  /** Number of columns held. */
  public int size() {
    return columns.size();
  }
}
