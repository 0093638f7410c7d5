package org.nasbowl.experiments.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nasbowl.core.io.AtomicFiles;

/**
 * A provenance record written beside results: the command, versions, git commit, and every data file used
 * with its SHA-256, so a result can be traced to exactly what produced it.
 */
public final class Provenance {
  private Provenance() {}

  /** Writes {@code provenance.json} into {@code dir}. */
  public static void write(Path dir, String command, Map<String, Object> settings, List<Path> dataFiles)
      throws IOException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("command", command);
    p.put("written", Instant.now().toString());
    p.put("nasbowl_version", version());
    p.put("git_commit", gitCommit());
    p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
    p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    p.put("cores", Runtime.getRuntime().availableProcessors());
    p.put("settings", settings);
    Map<String, String> files = new LinkedHashMap<>();
    for (Path f : dataFiles) files.put(f.toAbsolutePath().toString(), sha256(f));
    p.put("data_files_sha256", files);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    AtomicFiles.writeText(dir.resolve("provenance.json"), w -> w.write(json.writeValueAsString(p) + "\n"));
  }

  public static String version() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  /**
   * The commit of the project checkout ({@code NASBOWL_HOME} or the working directory), or "unknown"; marked when
   * tracked files outside results/ have uncommitted changes.
   */
  public static String gitCommit() {
    String home = System.getenv("NASBOWL_HOME");
    try {
      ProcessBuilder pb = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true);
      if (home != null && !home.isBlank()) pb.directory(Path.of(home).toFile());
      Process proc = pb.start();
      String out = new String(proc.getInputStream().readAllBytes()).strip();
      if (!proc.waitFor(10, TimeUnit.SECONDS) || proc.exitValue() != 0) return "unknown";
      // Changes under results/ are outputs (a reproduction rewrites them as it goes), not the code that made them.
      ProcessBuilder dirty = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no", "--", ":/",
          ":(top,exclude)results");
      if (home != null && !home.isBlank()) dirty.directory(Path.of(home).toFile());
      Process d = dirty.start();
      String changes = new String(d.getInputStream().readAllBytes()).strip();
      d.waitFor(10, TimeUnit.SECONDS);
      return changes.isEmpty() ? out : out + " (with uncommitted changes)";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  public static String sha256(Path file) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        int r;
        while ((r = in.read(buf)) > 0) md.update(buf, 0, r);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
