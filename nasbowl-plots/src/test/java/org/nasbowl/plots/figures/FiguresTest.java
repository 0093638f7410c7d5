package org.nasbowl.plots.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {
  @Test
  void everyFigureIsListedAndDrawable() {
    assertEquals(List.of("regression_spearman", "nas_regret", "nas_oracle_regret", "nas_valid_regret", "nas_cost",
        "interpret_validation", "motif_gallery", "transfer_regret", "ablation_regret", "noisy_recommended_regret",
        "failures_regret"), Figures.NAMES);
    for (String n : Figures.NAMES) assertTrue(Figures.spec(n).isPresent(), n);
    FigureInputs in = new FigureInputs(Path.of("r"), null);
    for (String n : Figures.NAMES) {
      Figures.spec(n).ifPresent(s -> {
        assertEquals(n, s.name());
        assertTrue(s.inputs(in).stream().allMatch(p -> p.startsWith(Path.of("r"))), n);
      });
    }
    assertEquals(List.of(Path.of("r/nas/curves.csv")), Figures.spec("nas_oracle_regret").orElseThrow().inputs(in));
    assertEquals(List.of(Path.of("r/noisy/nas-0.2/curves.csv"), Path.of("r/noisy/nas-1.0/curves.csv")),
        Figures.spec("noisy_recommended_regret").orElseThrow().inputs(in));
    assertThrows(IllegalArgumentException.class, () -> Figures.spec("nope"));
  }
}
