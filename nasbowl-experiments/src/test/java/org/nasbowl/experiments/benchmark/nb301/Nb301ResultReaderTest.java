package org.nasbowl.experiments.benchmark.nb301;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.space.darts.DartsGenotype;
import org.nasbowl.core.space.darts.DartsSpace;
import org.nasbowl.core.space.darts.Nb301Config;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.data.DataFormatException;

class Nb301ResultReaderTest {
  private static final double EXACT = 0.0;
  private final DartsSpace space = new DartsSpace();
  private final Nb301ResultReader reader = new Nb301ResultReader();

  /**
   * The genotype of nb301_results_example_results_0.json, derived by hand from its edge_* keys: node n owns
   * NB301 edges start(n) + input with start = 0, 2, 5, 9 (normal 0,1 | 2,3 | 5,7 | 10,11; reduce 0,1 | 2,3 |
   * 6,7 | 11,12), listed in increasing input order.
   */
  private static final String EXAMPLE_GENOTYPE = "Genotype(normal=[('skip_connect', 0), ('sep_conv_3x3', 1), "
      + "('sep_conv_3x3', 0), ('skip_connect', 1), ('dil_conv_3x3', 0), ('dil_conv_5x5', 2), ('sep_conv_3x3', 1), "
      + "('skip_connect', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), ('avg_pool_3x3', 1), "
      + "('skip_connect', 0), ('dil_conv_5x5', 1), ('sep_conv_3x3', 1), ('sep_conv_5x5', 2), ('sep_conv_3x3', 2), "
      + "('dil_conv_3x3', 3)], reduce_concat=[2, 3, 4, 5])";

  @Test
  void readsTheExampleResultsFile() throws IOException {
    Path file = TestPaths.formatSample("nb301_results_example_results_0.json");
    Nb301Result r = reader.read(file);
    assertEquals(EXAMPLE_GENOTYPE, space.format(r.genotype()));
    assertEquals(97.68, r.validationAccuracy(), EXACT);
    assertEquals(97.54, r.testAccuracy().orElseThrow(), EXACT);
    assertEquals(365136.0, r.runtime().orElseThrow(), EXACT);
  }

  private static String json(String configJson, String rest) {
    return "{\"optimized_hyperparamater_config\": " + configJson + (rest.isEmpty() ? "" : ", " + rest) + "}";
  }

  private static String configJson(DartsGenotype g) throws IOException {
    Map<String, String> config = new TreeMap<>(Nb301Config.toConfig(g));
    config.put("OptimizerSelector:sgd:momentum", "0.9");
    return new ObjectMapper().writeValueAsString(config);
  }

  private static Path write(Path dir, String text) throws IOException {
    Path f = dir.resolve("results_1.json");
    Files.writeString(f, text);
    return f;
  }

  private String message(Path file) {
    return assertThrows(DataFormatException.class, () -> reader.read(file)).getMessage();
  }

  @Test
  void optionalFieldsMayBeAbsent(@TempDir Path dir) throws IOException {
    DartsGenotype g = space.parse(EXAMPLE_GENOTYPE);
    Path f = write(dir, json(configJson(g), "\"info\": [{\"val_accuracy\": 91.5, \"epochs\": 98}]"));
    Nb301Result r = reader.read(f);
    assertEquals(g, r.genotype());
    assertEquals(91.5, r.validationAccuracy(), EXACT);
    assertTrue(r.testAccuracy().isEmpty());
    assertTrue(r.runtime().isEmpty());
  }

  @Test
  void malformedJsonNamesFileAndLine(@TempDir Path dir) throws IOException {
    Path f = write(dir, "{\n\"info\": [\n{\"val_accuracy\": 9 1}]}");
    String m = message(f);
    assertTrue(m.startsWith(f + ", line 3: malformed JSON: "), m);
  }

  @Test
  void missingOrInvalidFieldsAreNamed(@TempDir Path dir) throws IOException {
    String config = configJson(space.parse(EXAMPLE_GENOTYPE));
    Path f = write(dir, "[1, 2]");
    assertEquals(f + ": expected a JSON object", message(f));
    f = write(dir, "");
    assertEquals(f + ": expected a JSON object", message(f));
    f = write(dir, "{\"info\": [{\"val_accuracy\": 90.0}]}");
    assertEquals(f + ", field 'optimized_hyperparamater_config': missing", message(f));
    f = write(dir, json(config, ""));
    assertEquals(f + ", field 'info[0].val_accuracy': missing ('info' is absent)", message(f));
    f = write(dir, json(config, "\"info\": []"));
    assertEquals(f + ", field 'info[0].val_accuracy': 'info' is not a non-empty array of objects", message(f));
    f = write(dir, json(config, "\"info\": [{\"train_accuracy\": 90.0}]"));
    assertEquals(f + ", field 'info[0].val_accuracy': missing", message(f));
    f = write(dir, json(config, "\"info\": [{\"val_accuracy\": \"high\"}]"));
    assertEquals(f + ", field 'info[0].val_accuracy': expected a number, got \"high\"", message(f));
    f = write(dir, json(config, "\"info\": [{\"val_accuracy\": 90.0}], \"test_accuracy\": \"n/a\""));
    assertEquals(f + ", field 'test_accuracy': expected a number, got \"n/a\"", message(f));
    f = write(dir, json(config, "\"info\": [{\"val_accuracy\": 90.0}], \"runtime\": [1]"));
    assertEquals(f + ", field 'runtime': expected a number, got [1]", message(f));
  }

  @Test
  void invalidArchitectureNamesTheConfigField(@TempDir Path dir) throws IOException {
    String config = configJson(space.parse(EXAMPLE_GENOTYPE))
        .replace("\"dil_conv_5x5\"", "\"conv_7x7\"");
    Path f = write(dir, json(config, "\"info\": [{\"val_accuracy\": 90.0}]"));
    assertEquals(f + ", field 'optimized_hyperparamater_config': NB301 config, normal cell, node 4, "
        + "NetworkSelectorDatasetInfo:darts:edge_normal_7: unknown op 'conv_7x7' (expected one of max_pool_3x3, "
        + "avg_pool_3x3, skip_connect, sep_conv_3x3, sep_conv_5x5, dil_conv_3x3, dil_conv_5x5)", message(f));
  }

  @Test
  void missingFileIsAnIoError(@TempDir Path dir) {
    assertThrows(NoSuchFileException.class, () -> reader.read(dir.resolve("absent.json")));
  }
}
