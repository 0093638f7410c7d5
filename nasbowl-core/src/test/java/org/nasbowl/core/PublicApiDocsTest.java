package org.nasbowl.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.testsupport.TestPaths;

/** Every public type of nasbowl-core's API carries a Javadoc comment whose first sentence summarises it. */
class PublicApiDocsTest {
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "^\\s*public\\s+(?:(?:static|final|abstract|sealed|non-sealed)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)");

  @Test
  void everyPublicTypeHasASummary() throws IOException {
    Path src = TestPaths.root().resolve("nasbowl-core/src/main/java");
    List<String> missing = new ArrayList<>();
    int types = 0;
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = PUBLIC_TYPE.matcher(lines.get(i));
          if (!m.find()) continue;
          types++;
          int j = i - 1;
          while (j >= 0 && lines.get(j).strip().startsWith("@")) j--;
          String summary = j >= 0 && lines.get(j).strip().endsWith("*/") ? summaryAbove(lines, j) : "";
          if (summary.isBlank()) missing.add(src.relativize(f) + ":" + (i + 1) + " " + m.group(1));
        }
      }
    }
    assertTrue(types > 50, "expected nasbowl-core's public types, found " + types);
    assertTrue(missing.isEmpty(), "public types without a Javadoc summary: " + missing);
  }

  /** The text of the Javadoc comment ending at line {@code end}, without the comment markers. */
  private static String summaryAbove(List<String> lines, int end) {
    StringBuilder text = new StringBuilder();
    int k = end;
    while (k >= 0 && !lines.get(k).contains("/**")) k--;
    if (k < 0) return "";
    for (int i = k; i <= end; i++) {
      text.append(lines.get(i).replace("/**", "").replace("*/", "").replaceFirst("^\\s*\\*", "").strip()).append(' ');
    }
    return text.toString().replaceAll("@\\w+.*", "").strip();
  }
}
