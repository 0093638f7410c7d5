package org.nasbowl.experiments.benchmark.nb301;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.nasbowl.core.space.InvalidArchitectureException;
import org.nasbowl.core.space.darts.DartsGenotype;
import org.nasbowl.core.space.darts.Nb301Config;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * Reads one results file of the NAS-Bench-301 training data ({@code results_<i>.json}): the architecture from
 * {@code optimized_hyperparamater_config} (NB301's spelling), the validation accuracy from
 * {@code info[0].val_accuracy} (as NB301's own data loader does), and the optional top-level
 * {@code test_accuracy} and {@code runtime}. Values are returned as stored (accuracies in percent).
 */
public final class Nb301ResultReader {
  static final String CONFIG = "optimized_hyperparamater_config";
  static final String VAL = "info[0].val_accuracy";
  static final String TEST = "test_accuracy";
  static final String RUNTIME = "runtime";

  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * @throws IOException if the file cannot be read
   * @throws DataFormatException naming the file and field when the content is not a valid NB301 result
   */
  public Nb301Result read(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = mapper.readTree(in);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      long line = loc == null ? 0 : Math.max(0, loc.getLineNr());
      throw new DataFormatException(file, "line", line, null, "malformed JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new DataFormatException(file, "line", 0, null, "expected a JSON object");
    }
    DartsGenotype genotype = genotype(file, root.get(CONFIG));
    double val = validationAccuracy(file, root.get("info"));
    OptionalDouble test = optionalNumber(file, root, TEST);
    OptionalDouble runtime = optionalNumber(file, root, RUNTIME);
    return new Nb301Result(genotype, val, test, runtime);
  }

  private static DartsGenotype genotype(Path file, JsonNode config) {
    if (config == null || !config.isObject()) {
      throw new DataFormatException(file, "line", 0, CONFIG, config == null ? "missing" : "expected an object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    config.fields().forEachRemaining(f -> {
      JsonNode v = f.getValue();
      if (!v.isNull()) values.put(f.getKey(), v.isValueNode() ? v.asText() : v.toString());
    });
    try {
      return Nb301Config.toGenotype(values);
    } catch (InvalidArchitectureException e) {
      throw new DataFormatException(file, "line", 0, CONFIG, e.getMessage(), e);
    }
  }

  private static double validationAccuracy(Path file, JsonNode info) {
    if (info == null) throw new DataFormatException(file, "line", 0, VAL, "missing ('info' is absent)");
    if (!info.isArray() || info.isEmpty() || !info.get(0).isObject()) {
      throw new DataFormatException(file, "line", 0, VAL, "'info' is not a non-empty array of objects");
    }
    JsonNode v = info.get(0).get("val_accuracy");
    if (v == null) throw new DataFormatException(file, "line", 0, VAL, "missing");
    return number(file, VAL, v);
  }

  private static OptionalDouble optionalNumber(Path file, JsonNode root, String field) {
    JsonNode v = root.get(field);
    if (v == null || v.isNull()) return OptionalDouble.empty();
    return OptionalDouble.of(number(file, field, v));
  }

  private static double number(Path file, String field, JsonNode v) {
    if (!v.isNumber()) {
      throw new DataFormatException(file, "line", 0, field, "expected a number, got " + v);
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d)) throw new DataFormatException(file, "line", 0, field, "not a finite number: " + v);
    return d;
  }
}
