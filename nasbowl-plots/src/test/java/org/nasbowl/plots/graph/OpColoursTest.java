package org.nasbowl.plots.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.space.darts.DartsOp;
import org.nasbowl.core.space.nb101.Nb101Spec;

class OpColoursTest {
  @Test
  void knownOpsHaveFixedColours() {
    assertEquals(new Color(0x0072B2), OpColours.fill("nor_conv_3x3"));
    assertEquals(new Color(0x56B4E9), OpColours.fill("nor_conv_1x1"));
    assertEquals(new Color(0xE69F00), OpColours.fill("avg_pool_3x3"));
    assertEquals("#0072B2", OpColours.hex(OpColours.fill("conv3x3-bn-relu")));
    assertEquals(OpColours.fill("maxpool3x3"), OpColours.fill("max_pool_3x3"));
  }

  @Test
  void everyOpOfTheThreeSpacesIsKnownAndOpsOfOneSpaceAreDistinct() {
    List<List<String>> spaces = new ArrayList<>();
    spaces.add(List.of("nor_conv_3x3", "nor_conv_1x1", "avg_pool_3x3", "skip_connect", "none"));
    spaces.add(Nb101Spec.INTERIOR_OPS);
    List<String> darts = new ArrayList<>();
    for (DartsOp op : DartsOp.all()) darts.add(op.notation());
    spaces.add(darts);
    for (List<String> ops : spaces) {
      Set<Color> colours = new HashSet<>();
      for (String op : ops) {
        assertTrue(OpColours.isKnown(op), op);
        assertFalse(OpColours.isNeutral(op), op);
        assertTrue(colours.add(OpColours.fill(op)), "colour of " + op + " repeats within its space");
      }
    }
  }

  @Test
  void structuralNodesAreGrey() {
    for (String op : List.of("input", "output", "add", "c_{k-2}", "c_{k-1}", "c_{k-3}")) {
      assertTrue(OpColours.isNeutral(op), op);
      Color c = OpColours.fill(op);
      assertEquals(c.getRed(), c.getGreen(), op);
      assertEquals(c.getGreen(), c.getBlue(), op);
    }
  }

  @Test
  void unknownOpsGetADeterministicColour() {
    Color a = OpColours.fill("my_fancy_op");
    assertEquals(a, OpColours.fill("my_fancy_op"));
    assertNotEquals(a, OpColours.fill("my_fancy_op2"));
    assertFalse(OpColours.isKnown("my_fancy_op"));
    // A fixed value, not one that depends on the JVM or the run.
    assertEquals(OpColours.hex(a), OpColours.hex(OpColours.fill(new String("my_fancy_op"))));
  }

  @Test
  void textContrastsWithTheFill() {
    assertEquals(Color.WHITE, OpColours.text("nor_conv_3x3"));
    assertEquals(Color.BLACK, OpColours.text("max_pool_3x3"));
    assertEquals(Color.BLACK, OpColours.text("output"));
  }

  @Test
  void legendOrderPutsStructuralNodesLast() {
    List<String> ops = new ArrayList<>(List.of("output", "zz_unknown", "input", "avg_pool_3x3", "nor_conv_3x3"));
    ops.sort(OpColours.LEGEND_ORDER);
    assertEquals(List.of("nor_conv_3x3", "avg_pool_3x3", "zz_unknown", "input", "output"), ops);
  }
}
