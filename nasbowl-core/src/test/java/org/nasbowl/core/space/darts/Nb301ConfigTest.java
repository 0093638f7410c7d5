package org.nasbowl.core.space.darts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nasbowl.core.space.darts.DartsExamples.cell;
import static org.nasbowl.core.space.darts.DartsOp.AVG_POOL_3X3;
import static org.nasbowl.core.space.darts.DartsOp.DIL_CONV_3X3;
import static org.nasbowl.core.space.darts.DartsOp.DIL_CONV_5X5;
import static org.nasbowl.core.space.darts.DartsOp.MAX_POOL_3X3;
import static org.nasbowl.core.space.darts.DartsOp.SEP_CONV_3X3;
import static org.nasbowl.core.space.darts.DartsOp.SEP_CONV_5X5;
import static org.nasbowl.core.space.darts.DartsOp.SKIP_CONNECT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.space.InvalidArchitectureException;
import org.nasbowl.core.testsupport.TestPaths;

class Nb301ConfigTest {
  private static final String P = Nb301Config.PREFIX;

  /** The architecture keys of format-samples/nb301_results_example_results_0.json, copied by hand. */
  static Map<String, String> exampleConfig() {
    Map<String, String> m = new TreeMap<>();
    m.put(P + "edge_normal_0", "skip_connect");
    m.put(P + "edge_normal_1", "sep_conv_3x3");
    m.put(P + "edge_normal_2", "sep_conv_3x3");
    m.put(P + "edge_normal_3", "skip_connect");
    m.put(P + "edge_normal_5", "dil_conv_3x3");
    m.put(P + "edge_normal_7", "dil_conv_5x5");
    m.put(P + "edge_normal_10", "sep_conv_3x3");
    m.put(P + "edge_normal_11", "skip_connect");
    m.put(P + "inputs_node_normal_3", "0_1");
    m.put(P + "inputs_node_normal_4", "0_2");
    m.put(P + "inputs_node_normal_5", "1_2");
    m.put(P + "edge_reduce_0", "max_pool_3x3");
    m.put(P + "edge_reduce_1", "avg_pool_3x3");
    m.put(P + "edge_reduce_2", "skip_connect");
    m.put(P + "edge_reduce_3", "dil_conv_5x5");
    m.put(P + "edge_reduce_6", "sep_conv_3x3");
    m.put(P + "edge_reduce_7", "sep_conv_5x5");
    m.put(P + "edge_reduce_11", "sep_conv_3x3");
    m.put(P + "edge_reduce_12", "dil_conv_3x3");
    m.put(P + "inputs_node_reduce_3", "0_1");
    m.put(P + "inputs_node_reduce_4", "1_2");
    m.put(P + "inputs_node_reduce_5", "2_3");
    return m;
  }

  /**
   * Derived by hand: node n owns edges start(n) + input with start = 0, 2, 5, 9; e.g. edge_normal_7 is node 4
   * (edges 5..8) reading input 2, edge_reduce_12 is node 5 (edges 9..13) reading input 3.
   */
  static final DartsGenotype EXAMPLE = new DartsGenotype(
      cell(SKIP_CONNECT, 0, SEP_CONV_3X3, 1, SEP_CONV_3X3, 0, SKIP_CONNECT, 1,
          DIL_CONV_3X3, 0, DIL_CONV_5X5, 2, SEP_CONV_3X3, 1, SKIP_CONNECT, 2),
      cell(MAX_POOL_3X3, 0, AVG_POOL_3X3, 1, SKIP_CONNECT, 0, DIL_CONV_5X5, 1,
          SEP_CONV_3X3, 1, SEP_CONV_5X5, 2, SEP_CONV_3X3, 2, DIL_CONV_3X3, 3));

  @Test
  void edgeNumberingFollowsNb301() {
    assertEquals(0, Nb301Config.edgeIndex(2, 0));
    assertEquals(1, Nb301Config.edgeIndex(2, 1));
    assertEquals(2, Nb301Config.edgeIndex(3, 0));
    assertEquals(4, Nb301Config.edgeIndex(3, 2));
    assertEquals(5, Nb301Config.edgeIndex(4, 0));
    assertEquals(8, Nb301Config.edgeIndex(4, 3));
    assertEquals(9, Nb301Config.edgeIndex(5, 0));
    assertEquals(13, Nb301Config.edgeIndex(5, 4));
    assertThrows(IllegalArgumentException.class, () -> Nb301Config.edgeIndex(3, 3));
  }

  @Test
  void convertsTheExampleConfiguration() {
    Map<String, String> config = new HashMap<>(exampleConfig());
    config.put("OptimizerSelector:sgd:momentum", "0.9");
    config.put(P + "layers", "20");
    assertEquals(EXAMPLE, Nb301Config.toGenotype(config));
    assertEquals(exampleConfig(), Nb301Config.toConfig(EXAMPLE));
  }

  @Test
  void randomGenotypesRoundTripUpToEdgeOrder() {
    DartsSpace space = new DartsSpace();
    SplittableRandom rng = new SplittableRandom(301L);
    for (int i = 0; i < 1000; i++) {
      DartsGenotype g = DartsExamples.swap(space.sample(rng), rng.nextInt(2), 2 + rng.nextInt(4));
      assertEquals(g.canonical(), Nb301Config.toGenotype(Nb301Config.toConfig(g)));
    }
  }

  /** Our edge numbering must reproduce every activation condition of the official NB301 configuration space. */
  @Test
  void edgeNumberingAgreesWithTheConfigSpaceConditions() throws IOException {
    Path file = TestPaths.formatSample("nb301_configspace.json");
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    int checked = 0;
    Set<String> edgesWithCondition = new HashSet<>();
    for (JsonNode cond : root.get("conditions")) {
      String child = cond.get("child").asText();
      String parent = cond.get("parent").asText();
      if (!child.startsWith(P + "edge_")) continue;
      String[] c = child.substring((P + "edge_").length()).split("_");
      String[] p = parent.substring((P + "inputs_node_").length()).split("_");
      assertEquals(c[0], p[0], child);
      int edge = Integer.parseInt(c[1]);
      int node = Integer.parseInt(p[1]);
      Set<String> expected = new TreeSet<>();
      for (int a = 0; a < node; a++) {
        for (int b = a + 1; b < node; b++) {
          if (Nb301Config.edgeIndex(node, a) == edge || Nb301Config.edgeIndex(node, b) == edge) {
            expected.add(a + "_" + b);
          }
        }
      }
      Set<String> actual = new TreeSet<>();
      for (JsonNode v : cond.get("values")) actual.add(v.asText());
      assertEquals(expected, actual, child);
      edgesWithCondition.add(child);
      checked++;
    }
    // edges 2..13 of both cells are conditional; 0 and 1 (node 2) are always active
    assertEquals(24, checked);
    assertTrue(!edgesWithCondition.contains(P + "edge_normal_0"));
    assertTrue(edgesWithCondition.contains(P + "edge_reduce_13"));
  }

  private static String message(Map<String, String> config) {
    return assertThrows(InvalidArchitectureException.class, () -> Nb301Config.toGenotype(config)).getMessage();
  }

  @Test
  void unknownOpNamesCellNodeAndKey() {
    Map<String, String> m = exampleConfig();
    m.put(P + "edge_reduce_7", "conv_7x1_1x7");
    assertEquals("NB301 config, reduce cell, node 4, " + P + "edge_reduce_7: unknown op 'conv_7x1_1x7' (expected one of"
        + " max_pool_3x3, avg_pool_3x3, skip_connect, sep_conv_3x3, sep_conv_5x5, dil_conv_3x3, dil_conv_5x5)",
        message(m));
  }

  @Test
  void wrongNumberOfEdgesNamesTheNode() {
    Map<String, String> missing = exampleConfig();
    missing.remove(P + "edge_normal_7");
    assertEquals("NB301 config, normal cell, node 4: expected 2 edges among edge_normal_5..edge_normal_8, found 1"
        + " (edge_normal_5)", message(missing));
    Map<String, String> extra = exampleConfig();
    extra.put(P + "edge_reduce_10", "sep_conv_3x3");
    assertEquals("NB301 config, reduce cell, node 5: expected 2 edges among edge_reduce_9..edge_reduce_13, found 3"
        + " (edge_reduce_10, edge_reduce_11, edge_reduce_12)", message(extra));
    Map<String, String> none = exampleConfig();
    none.remove(P + "edge_normal_0");
    none.remove(P + "edge_normal_1");
    assertEquals("NB301 config, normal cell, node 2: expected 2 edges among edge_normal_0..edge_normal_1, found 0",
        message(none));
  }

  @Test
  void inputsNodeMustAgreeWithTheEdges() {
    Map<String, String> m = exampleConfig();
    m.put(P + "inputs_node_normal_5", "0_2");
    assertEquals("NB301 config, normal cell, node 5: inputs_node_normal_5 is '0_2' but the edges set are"
        + " edge_normal_10 and edge_normal_11 (inputs 1_2)", message(m));
    Map<String, String> without = exampleConfig();
    without.remove(P + "inputs_node_normal_5");
    assertEquals(EXAMPLE, Nb301Config.toGenotype(without));
  }

  @Test
  void malformedKeysAndValuesAreNamed() {
    Map<String, String> range = exampleConfig();
    range.put(P + "edge_normal_14", "sep_conv_3x3");
    assertEquals("NB301 config key '" + P + "edge_normal_14': index '14' out of range 0..13", message(range));
    Map<String, String> node = exampleConfig();
    node.put(P + "inputs_node_reduce_2", "0_1");
    assertEquals("NB301 config key '" + P + "inputs_node_reduce_2': index '2' out of range 3..5", message(node));
    Map<String, String> cellName = exampleConfig();
    cellName.put(P + "edge_middle_3", "sep_conv_3x3");
    assertEquals("NB301 config key '" + P + "edge_middle_3': expected cell 'normal' or 'reduce' followed by _<index>",
        message(cellName));
    Map<String, String> notNumber = exampleConfig();
    notNumber.put(P + "edge_normal_x", "sep_conv_3x3");
    assertEquals("NB301 config key '" + P + "edge_normal_x': index 'x' out of range 0..13", message(notNumber));
    Map<String, String> nullValue = new HashMap<>(exampleConfig());
    nullValue.put(P + "edge_normal_0", null);
    assertEquals("NB301 config key '" + P + "edge_normal_0' has no value", message(nullValue));
  }
}
