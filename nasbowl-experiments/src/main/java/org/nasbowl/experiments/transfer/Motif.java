package org.nasbowl.experiments.transfer;

import org.nasbowl.core.kernel.ArchitectureFeatures;
import org.nasbowl.core.kernel.WlFeatureExtractor;

/**
 * A WL motif identified by its readable canonical label (ALGORITHM.md section 2), its depth and the cell it was
 * learnt on (0 for single-cell spaces; 0 = normal, 1 = reduction for DARTS). Because labels are canonical
 * strings, a motif learnt on one task means the same subtree on any other task over the same space.
 *
 * @param cell the cell index the motif is matched in
 * @param depth the WL depth of the label
 * @param label the canonical label, e.g. {@code nor_conv_3x3(nor_conv_3x3)}
 */
public record Motif(int cell, int depth, String label) {
  public Motif {
    if (cell < 0) throw new IllegalArgumentException("cell index must be >= 0: " + cell);
    if (depth < 0) throw new IllegalArgumentException("WL depth must be >= 0: " + depth);
    if (label == null || label.isBlank()) throw new IllegalArgumentException("empty motif label");
    // Fails early, naming the label, if it is not a well-formed subtree label.
    try {
      WlFeatureExtractor.idOf(depth, label);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + label + "' is not a WL subtree label of depth " + depth
          + " (expected e.g. nor_conv_3x3(avg_pool_3x3,output))", e);
    }
  }

  /** The stable feature id of the motif. */
  public long id() {
    return WlFeatureExtractor.idOf(depth, label);
  }

  /** Whether the architecture's features (extracted to at least this depth) contain the motif. */
  public boolean presentIn(ArchitectureFeatures x) {
    return cell < x.cellCount() && depth <= x.maxDepth() && x.cell(cell).value(depth, id()) > 0;
  }

  @Override
  public String toString() {
    return label + " (depth " + depth + (cell > 0 ? ", cell " + cell : "") + ")";
  }
}
