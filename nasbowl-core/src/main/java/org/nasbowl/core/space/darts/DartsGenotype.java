package org.nasbowl.core.space.darts;

import java.util.List;
import java.util.Objects;

/**
 * A DARTS / NAS-Bench-301 architecture: a normal cell and a reduction cell (see {@link DartsCell}), both
 * concatenating intermediate nodes 2..5. {@link #toString()} gives the DARTS genotype notation.
 *
 * @param normal the normal cell
 * @param reduce the reduction cell
 */
public record DartsGenotype(DartsCell normal, DartsCell reduce) {
  public DartsGenotype {
    Objects.requireNonNull(normal, "normal cell");
    Objects.requireNonNull(reduce, "reduction cell");
  }

  /** The two cells, normal first. */
  public List<DartsCell> cells() {
    return List.of(normal, reduce);
  }

  /** Cell 0 (normal) or 1 (reduction). */
  public DartsCell cell(int index) {
    return switch (index) {
      case 0 -> normal;
      case 1 -> reduce;
      default -> throw new IllegalArgumentException("cell index is 0 (normal) or 1 (reduce), got " + index);
    };
  }

  /** This genotype with cell 0 (normal) or 1 (reduction) replaced. */
  public DartsGenotype withCell(int index, DartsCell cell) {
    return switch (index) {
      case 0 -> new DartsGenotype(cell, reduce);
      case 1 -> new DartsGenotype(normal, cell);
      default -> throw new IllegalArgumentException("cell index is 0 (normal) or 1 (reduce), got " + index);
    };
  }

  /** Both cells with the two edges of every node in canonical order. */
  public DartsGenotype canonical() {
    return new DartsGenotype(normal.canonical(), reduce.canonical());
  }

  /** The DARTS notation, {@code Genotype(normal=[...], normal_concat=[2, 3, 4, 5], reduce=[...], ...)}. */
  @Override
  public String toString() {
    return DartsNotation.format(this);
  }
}
