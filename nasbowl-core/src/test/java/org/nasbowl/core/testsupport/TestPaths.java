package org.nasbowl.core.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Where tests find real benchmark data and the original implementation's golden values. Data: the
 * {@code NASBOWL_DATA} environment variable (relative paths resolved against the repository root), else
 * {@code data/} in the repository. Golden values: {@code NASBOWL_GOLDEN}, else {@code ../shared/golden}
 * beside the repository. Tests that need a missing file are skipped with the reason printed.
 */
public final class TestPaths {
  private TestPaths() {}

  /** The repository root (surefire passes it as the system property {@code nasbowl.root}). */
  public static Path root() {
    String prop = System.getProperty("nasbowl.root");
    if (prop != null && !prop.isBlank()) return Paths.get(prop).toAbsolutePath().normalize();
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve(".mvn"))) p = p.getParent();
    return p != null ? p : Paths.get("").toAbsolutePath();
  }

  public static Path dataDir() {
    return fromEnv("NASBOWL_DATA", root().resolve("data"));
  }

  public static Path goldenDir() {
    return fromEnv("NASBOWL_GOLDEN", root().resolve("../shared/golden").normalize());
  }

  private static Path fromEnv(String name, Path fallback) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) return fallback;
    Path p = Paths.get(v);
    return (p.isAbsolute() ? p : root().resolve(p)).normalize();
  }

  /** The data file, or skip the calling test with a printed reason when it is absent. */
  public static Path requireData(String fileName) {
    return require(dataDir().resolve(fileName), "benchmark data file (set NASBOWL_DATA)");
  }

  /** The golden file, or skip the calling test with a printed reason when it is absent. */
  public static Path requireGolden(String fileName) {
    return require(goldenDir().resolve(fileName), "golden reference file (set NASBOWL_GOLDEN)");
  }

  private static Path require(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      String reason = "skipped: " + what + " not found at " + file;
      System.err.println(reason);
      Assumptions.abort(reason);
    }
    return file;
  }
}
