package org.nasbowl.experiments.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;

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

  @Test
  void aTableIsReadPlainWhenPresentElseFromItsGzipCopy(@TempDir Path dir) throws Exception {
    assertEquals(dir.resolve("t.csv"), DataDirectory.table(dir, "t.csv"), "absent: the plain name, for errors");
    Files.writeString(dir.resolve("t.csv.gz"), "");
    assertEquals(dir.resolve("t.csv.gz"), DataDirectory.table(dir, "t.csv"));
    Files.writeString(dir.resolve("t.csv"), "");
    assertEquals(dir.resolve("t.csv"), DataDirectory.table(dir, "t.csv"), "a table the user wrote beside it wins");
    var nb201 = BenchmarkCatalog.require("nb201-cifar10");
    assertEquals(java.util.List.of("nb201_200ep.csv"), nb201.missing(dir));
    Files.writeString(dir.resolve("nb201_200ep.csv.gz"), "");
    assertEquals(java.util.List.of(), nb201.missing(dir));
    assertEquals(java.util.List.of(dir.resolve("nb201_200ep.csv.gz")), nb201.paths(dir));
  }
}
