package org.nasbowl.core.space.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nasbowl.core.space.darts.DartsExamples.cell;
import static org.nasbowl.core.space.darts.DartsOp.AVG_POOL_3X3;
import static org.nasbowl.core.space.darts.DartsOp.DIL_CONV_3X3;
import static org.nasbowl.core.space.darts.DartsOp.MAX_POOL_3X3;
import static org.nasbowl.core.space.darts.DartsOp.SEP_CONV_3X3;
import static org.nasbowl.core.space.darts.DartsOp.SKIP_CONNECT;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.space.InvalidArchitectureException;

class DartsNotationTest {
  private final DartsSpace space = new DartsSpace();

  private static final DartsGenotype DARTS_V2 = new DartsGenotype(
      cell(SEP_CONV_3X3, 0, SEP_CONV_3X3, 1, SEP_CONV_3X3, 0, SEP_CONV_3X3, 1,
          SEP_CONV_3X3, 1, SKIP_CONNECT, 0, SKIP_CONNECT, 0, DIL_CONV_3X3, 2),
      cell(MAX_POOL_3X3, 0, MAX_POOL_3X3, 1, SKIP_CONNECT, 2, MAX_POOL_3X3, 1,
          MAX_POOL_3X3, 0, SKIP_CONNECT, 2, SKIP_CONNECT, 2, MAX_POOL_3X3, 1));

  private static final DartsGenotype DARTS_V1 = new DartsGenotype(
      cell(SEP_CONV_3X3, 1, SEP_CONV_3X3, 0, SKIP_CONNECT, 0, SEP_CONV_3X3, 1,
          SKIP_CONNECT, 0, SEP_CONV_3X3, 1, SEP_CONV_3X3, 0, SKIP_CONNECT, 2),
      cell(MAX_POOL_3X3, 0, MAX_POOL_3X3, 1, SKIP_CONNECT, 2, MAX_POOL_3X3, 0,
          MAX_POOL_3X3, 0, SKIP_CONNECT, 2, SKIP_CONNECT, 2, AVG_POOL_3X3, 0));

  @Test
  void parsesPublishedGenotypes() {
    assertEquals(DARTS_V2, space.parse(DartsExamples.DARTS_V2));
    assertEquals(DARTS_V1, space.parse(DartsExamples.DARTS_V1));
  }

  @Test
  void formatIsPythonsReprAndRoundTrips() {
    for (String text : new String[] {DartsExamples.DARTS_V1, DartsExamples.DARTS_V2, DartsExamples.PC_DARTS}) {
      assertEquals(text, space.format(space.parse(text)));
    }
    assertEquals(DartsExamples.DARTS_V2, DARTS_V2.toString());
  }

  @Test
  void acceptsMultiLineDoubleQuotesTrailingCommasAndRange() {
    assertEquals(space.parse(DartsExamples.PC_DARTS), space.parse(DartsExamples.PC_DARTS_MULTILINE));
    assertEquals(DartsExamples.PC_DARTS, space.format(space.parse(DartsExamples.PC_DARTS_MULTILINE)));
  }

  @Test
  void acceptsKeywordsInAnyOrderPositionalFieldsAndListPairs() {
    String body = DartsExamples.DARTS_V2;
    String normal = body.substring(body.indexOf("normal=") + 7, body.indexOf(", normal_concat"));
    String reduce = body.substring(body.indexOf("reduce=") + 7, body.indexOf(", reduce_concat"));
    String reordered = "Genotype(reduce_concat=range(2,6), reduce=" + reduce + ",normal=" + normal
        + ",normal_concat=(2,3,4,5))";
    assertEquals(DARTS_V2, space.parse(reordered));
    String positional = "Genotype(" + normal + ", [2, 3, 4, 5], " + reduce + ", range(2, 6))";
    assertEquals(DARTS_V2, space.parse(positional));
    String mixed = "Genotype(" + normal + ", [2, 3, 4, 5], reduce=" + reduce + ", reduce_concat=[2, 3, 4, 5])";
    assertEquals(DARTS_V2, space.parse(mixed));
    String lists = "  Genotype ( normal = " + normal.replace('(', '[').replace(')', ']')
        + " , normal_concat = [ 2 , 3 , 4 , 5 , ] , reduce = " + reduce + " , reduce_concat = [2,3,4,5] )\n";
    assertEquals(DARTS_V2, space.parse(lists));
  }

  @Test
  void randomGenotypesRoundTrip() {
    SplittableRandom rng = new SplittableRandom(20210301L);
    for (int i = 0; i < 2000; i++) {
      DartsGenotype g = space.sample(rng);
      DartsGenotype shuffled = rng.nextBoolean() ? DartsExamples.swap(g, rng.nextInt(2), 2 + rng.nextInt(4)) : g;
      assertEquals(shuffled, space.parse(space.format(shuffled)));
    }
  }

  private String message(String text) {
    return assertThrows(InvalidArchitectureException.class, () -> space.parse(text)).getMessage();
  }

  @Test
  void unknownOpNamesCellNodeEdgeAndPosition() {
    String text = DartsExamples.DARTS_V2.replace("('dil_conv_3x3', 2)", "('conv_7x7', 2)");
    int at = text.indexOf("'conv_7x7'") + 1;
    assertEquals("normal cell, node 5, edge 1 (pair 7) at character " + at + ": unknown op 'conv_7x7' (expected one"
        + " of max_pool_3x3, avg_pool_3x3, skip_connect, sep_conv_3x3, sep_conv_5x5, dil_conv_3x3, dil_conv_5x5)",
        message(text));
    String none = DartsExamples.DARTS_V2.replace("reduce=[('max_pool_3x3', 0)", "reduce=[('none', 0)");
    assertEquals("reduce cell, node 2, edge 0 (pair 0) at character " + (none.indexOf("'none'") + 1)
        + ": unknown op 'none' (expected one of max_pool_3x3, avg_pool_3x3, skip_connect, sep_conv_3x3, "
        + "sep_conv_5x5, dil_conv_3x3, dil_conv_5x5)", message(none));
  }

  @Test
  void inputIndexOutOfRangeNamesCellNodeAndEdge() {
    String text = DartsExamples.DARTS_V2.replace("reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2)",
        "reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 3)");
    assertEquals("reduce cell, node 3, edge 0 (pair 2): input index 3 out of range 0..2 (0 = c_{k-2}, 1 = c_{k-1},"
        + " 2..2 = earlier intermediate nodes)", message(text));
    String negative = DartsExamples.DARTS_V2.replace("('dil_conv_3x3', 2)", "('dil_conv_3x3', -1)");
    assertEquals("normal cell, node 5, edge 1 (pair 7): input index -1 out of range 0..4 (0 = c_{k-2}, 1 = c_{k-1},"
        + " 2..4 = earlier intermediate nodes)", message(negative));
  }

  @Test
  void duplicateInputsOfOneNodeAreRejected() {
    String text = DartsExamples.DARTS_V2.replace("normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1)",
        "normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 0)");
    assertEquals("normal cell, node 2: both edges take input 0; the two inputs of a node must be distinct nodes",
        message(text));
  }

  @Test
  void wrongNumberOfPairsIsRejected() {
    String seven = DartsExamples.DARTS_V2.replace(", ('dil_conv_3x3', 2)]", "]");
    assertEquals("normal cell: expected 8 (op, input) pairs (2 per intermediate node), got 7", message(seven));
    String nine = DartsExamples.DARTS_V2.replace("('max_pool_3x3', 1)], reduce_concat",
        "('max_pool_3x3', 1), ('max_pool_3x3', 4)], reduce_concat");
    assertEquals("reduce cell: expected 8 (op, input) pairs (2 per intermediate node), got 9", message(nine));
  }

  @Test
  void concatMustBeAllIntermediateNodes() {
    String text = DartsExamples.DARTS_V2.replace("normal_concat=[2, 3, 4, 5]", "normal_concat=[2, 3, 4]");
    int at = text.indexOf("[2, 3, 4]") + 1;
    assertEquals("normal_concat at character " + at + ": must be [2, 3, 4, 5] (every intermediate node), got [2, 3, 4]",
        message(text));
    String range = DartsExamples.DARTS_V2.replace("reduce_concat=[2, 3, 4, 5]", "reduce_concat=range(3, 6)");
    assertEquals("reduce_concat at character " + (range.indexOf("range(3") + 1)
        + ": must be [2, 3, 4, 5] (every intermediate node), got [3, 4, 5]", message(range));
  }

  @Test
  void malformedTextGivesCharacterPosition() {
    assertEquals("malformed genotype at character 1: expected 'Genotype(' at the start, found 'Genome(norma...'",
        message("Genome(normal=[])"));
    assertEquals("malformed genotype at character 1: expected a name, found end of text", message("   ".trim()));
    assertEquals("malformed genotype at character 9: expected '(' after Genotype, found '[normal=[]'",
        message("Genotype[normal=[]"));
    String noComma = DartsExamples.DARTS_V2.replaceFirst("'sep_conv_3x3', 0", "'sep_conv_3x3' 0");
    int at = noComma.indexOf("' 0") + 3;
    assertEquals("malformed genotype at character " + at + ": expected ',' between op and input index, found '0), ('sep_co...'",
        message(noComma));
    String notInt = DartsExamples.DARTS_V2.replaceFirst("'sep_conv_3x3', 0", "'sep_conv_3x3', x");
    assertEquals("malformed genotype at character " + (notInt.indexOf(", x") + 3) + ": expected an integer, found 'x), ('sep_co...'",
        message(notInt));
    String unterminated = "Genotype(normal=[('sep_conv_3x3, 0)])";
    assertEquals("malformed genotype at character 19: unterminated quoted op name, found ''sep_conv_3x...'",
        message(unterminated));
    String truncated = DartsExamples.DARTS_V2.substring(0, DartsExamples.DARTS_V2.length() - 1);
    assertEquals("malformed genotype at character " + (truncated.length() + 1) + ": unexpected end of text, found end of text",
        message(truncated));
    String trailing = DartsExamples.DARTS_V2 + " x";
    assertEquals("malformed genotype at character " + (trailing.length()) + ": unexpected text after the closing ')', found 'x'",
        message(trailing));
  }

  @Test
  void fieldErrorsNameTheField() {
    assertEquals("malformed genotype at character 10: unknown field 'normals' (expected normal, normal_concat, reduce,"
        + " reduce_concat), found 'normals=[])'", message("Genotype(normals=[])"));
    String twice = DartsExamples.DARTS_V2.replace("reduce_concat=[2, 3, 4, 5]", "normal_concat=[2, 3, 4, 5]");
    assertEquals("malformed genotype at character " + (twice.lastIndexOf("normal_concat") + 1)
        + ": field 'normal_concat' given twice, found 'normal_conca...'", message(twice));
    String missing = DartsExamples.DARTS_V2.replace(", reduce_concat=[2, 3, 4, 5]", "");
    assertEquals("genotype: missing field 'reduce_concat'", message(missing));
    String positionalAfterKeyword = "Genotype(normal=[], [2, 3, 4, 5])";
    assertEquals("malformed genotype at character 21: positional field after keyword fields, found '[2, 3, 4, 5]...'",
        message(positionalAfterKeyword));
    assertEquals("genotype text is null", message(null));
  }
}
