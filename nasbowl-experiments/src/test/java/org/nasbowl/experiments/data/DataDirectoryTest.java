package org.nasbowl.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {
  @Test
  void optionBeatsEnvironmentBeatsProjectDefault() {
    Map<String, String> env = Map.of("NASBOWL_DATA", "/tmp/env-data", "NASBOWL_HOME", "/opt/nasbowl");
    assertEquals(Path.of("/tmp/opt"), DataDirectory.resolve(Path.of("/tmp/opt"), env).path());
    assertEquals(Path.of("/tmp/env-data"), DataDirectory.resolve(null, env).path());
    assertEquals("NASBOWL_DATA", DataDirectory.resolve(null, env).source());
    assertEquals(Path.of("/opt/nasbowl/data"), DataDirectory.resolve(null, Map.of("NASBOWL_HOME", "/opt/nasbowl")).path());
    assertEquals(Path.of("data").toAbsolutePath(), DataDirectory.resolve(null, Map.of()).path());
  }
}
