package org.nasbowl.core.kernel;

import java.util.List;

/**
 * WL features of one architecture: one {@link CellFeatures} per cell graph (one for NAS-Bench-101/201; normal
 * and reduction for DARTS). The kernel between architectures is the mean of the per-cell kernels.
 */
public record ArchitectureFeatures(List<CellFeatures> cells) {
  public ArchitectureFeatures {
    cells = List.copyOf(cells);
    if (cells.isEmpty()) throw new IllegalArgumentException("an architecture has at least one cell");
    int depth = cells.get(0).maxDepth();
    for (CellFeatures c : cells) {
      if (c.maxDepth() != depth) throw new IllegalArgumentException("cells extracted to different depths");
    }
  }

  public int maxDepth() {
    return cells.get(0).maxDepth();
  }

  public int cellCount() {
    return cells.size();
  }

  public CellFeatures cell(int k) {
    return cells.get(k);
  }
}
