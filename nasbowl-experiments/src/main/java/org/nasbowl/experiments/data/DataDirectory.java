package org.nasbowl.experiments.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Where benchmark tables are read from: {@code --data-dir} if given, else the {@code NASBOWL_DATA} environment
 * variable, else {@code data/} in the project ({@code NASBOWL_HOME}, set by the launcher) or the current
 * directory. A table named {@code name} is read from {@code name} or, when that is absent, from its gzip
 * copy {@code name.gz} (how the project ships its tables); a plain file a user wrote beside it wins.
 */
public record DataDirectory(Path path, String source) {

  public static DataDirectory resolve(Path option, Map<String, String> env) {
    if (option != null) return new DataDirectory(option.toAbsolutePath().normalize(), "--data-dir");
    String fromEnv = env.get("NASBOWL_DATA");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new DataDirectory(Paths.get(fromEnv).toAbsolutePath().normalize(), "NASBOWL_DATA");
    }
    String home = env.get("NASBOWL_HOME");
    Path base = home != null && !home.isBlank() ? Paths.get(home) : Paths.get("");
    return new DataDirectory(base.resolve("data").toAbsolutePath().normalize(), "default data/");
  }

  /** The file of table {@code name} in {@code dir}: {@code name}, else {@code name.gz}, else {@code name} (absent). */
  public static Path table(Path dir, String name) {
    Path plain = dir.resolve(name);
    if (Files.isRegularFile(plain) || name.endsWith(".gz")) return plain;
    Path packed = dir.resolve(name + ".gz");
    return Files.isRegularFile(packed) ? packed : plain;
  }

  public static DataDirectory resolve(Path option) {
    return resolve(option, System.getenv());
  }
}
