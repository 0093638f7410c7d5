package org.nasbowl.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.cli.NasbowlCli;
import picocli.CommandLine;

/**
 * The README and docs/architecture.md stay true of the code: every {@code ./nasbowl} command the README shows
 * parses against the real command line (subcommands, option names, value types), the ones that need no external
 * files run and exit 0, and every type name architecture.md puts in backticks is declared somewhere in the
 * repository.
 */
class DocsTest {
  private static final Path ROOT = TestPaths.root();

  /** Placeholder values for the README's metavariables, so a command can be parsed as a user would type it. */
  private static final Map<String, String> PLACEHOLDERS = Map.ofEntries(
      Map.entry("ID", "synthetic"), Map.entry("S", "0"), Map.entry("N", "10"), Map.entry("P", "2"),
      Map.entry("NAME", "demo"), Map.entry("CMD", "true"), Map.entry("DIR", "out"),
      Map.entry("TRACE", "trace.jsonl"), Map.entry("SECONDS", "60"), Map.entry("FILE", "input"),
      Map.entry("NOTATION", "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"));

  /** Values for "..." after the options that take lists in the README's shorthand. */
  private static final Map<String, String> ELLIPSIS = Map.of(
      "--benchmarks", "synthetic", "--methods", "random", "--surrogates", "gp-wl");

  @Test
  void readmeIsAFrontDoor() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
    assertTrue(lines.size() <= 250, "README.md has " + lines.size() + " lines; keep it at most 250");
    for (int i = 0; i < lines.size(); i++) {
      assertFalse(lines.get(i).toLowerCase().contains("milestone"), "README.md line " + (i + 1) + ": " + lines.get(i));
    }
    for (String link : relativeLinks(ROOT.resolve("README.md"))) {
      assertTrue(Files.exists(ROOT.resolve(link)), "README.md links to a missing file: " + link);
    }
  }

  /** A bare clone is complete: no page, script or result README points outside the project. */
  @Test
  void nothingRefersToFilesBesideTheProject() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve(".ci/run"),
        ROOT.resolve("data/README.md"), ROOT.resolve("nasbowl")));
    for (String dir : List.of("docs", "results")) {
      try (Stream<Path> s = Files.walk(ROOT.resolve(dir))) {
        s.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
      }
    }
    for (Path page : pages) {
      List<String> lines = Files.readAllLines(page);
      for (int i = 0; i < lines.size(); i++) {
        assertFalse(lines.get(i).contains("shared/"), page + " line " + (i + 1) + ": " + lines.get(i));
      }
      if (page.toString().endsWith(".md")) {
        for (String link : relativeLinks(page)) {
          assertTrue(Files.exists(page.getParent().resolve(link).normalize()), page + " links to a missing file: " + link);
        }
      }
    }
    assertTrue(Files.readString(ROOT.resolve("LICENSE")).contains("GNU GENERAL PUBLIC LICENSE"), "LICENSE");
  }

  /** The committed figures the README shows can be read without the CSV: their SVGs name what they show. */
  @Test
  void theCommittedFiguresNameWhatTheyShow() throws IOException {
    String svg = Files.readString(ROOT.resolve("results/figures/ablation_regret.svg"));
    Matcher m = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(Files.readString(ROOT.resolve("results/ablation/table.md")));
    Set<String> variants = new TreeSet<>();
    while (m.find()) variants.add(m.group(1));
    assertTrue(variants.size() >= 30, "the ablation table's variants: " + variants);
    for (String v : variants) assertTrue(svg.contains(v), "ablation_regret.svg does not name " + v);
    assertTrue(svg.contains("validation regret (percentage points"), "its axis is labelled");
    String interpret = Files.readString(ROOT.resolve("results/figures/interpret_validation.svg"));
    assertTrue(interpret.contains("Seeds with good &gt; all &gt; bad: nb201-cifar10 "), "ordered-seed counts");
    assertTrue(interpret.contains("diamonds mark each group&apos;s median") || interpret.contains("diamonds mark each group's median"),
        "the medians are marked and explained");
  }

  @Test
  void everyReadmeCommandParses() throws IOException {
    List<String> commands = readmeCommands(Files.readString(ROOT.resolve("README.md")));
    assertTrue(commands.size() >= 15, "expected the README's command tour, found " + commands);
    for (String c : commands) {
      List<String> args = arguments(c);
      try {
        NasbowlCli.commandLine().parseArgs(args.toArray(String[]::new));
      } catch (CommandLine.ParameterException e) {
        fail("README command does not parse: " + c + " (as " + args + "): " + e.getMessage());
      }
    }
  }

  @Test
  void readmeCommandsWithoutExternalFilesRun() {
    for (String c : List.of("./nasbowl --help", "./nasbowl benchmarks", "./nasbowl search --benchmark synthetic")) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cl = NasbowlCli.commandLine();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));
      int code = cl.execute(arguments(c).toArray(String[]::new));
      assertEquals(0, code, c + " exited " + code + ": " + err);
      assertFalse(out.toString().isBlank(), c + " printed nothing");
    }
  }

  @Test
  void architecturePageNamesRealTypes() throws IOException {
    String page = Files.readString(ROOT.resolve("docs/architecture.md"));
    Set<String> declared = declaredTypes();
    Set<String> named = new TreeSet<>();
    Matcher m = Pattern.compile("`([A-Z][A-Za-z0-9]*)(?:[.#][A-Za-z0-9_.()]*)?`").matcher(page);
    while (m.find()) named.add(m.group(1));
    named.removeIf(n -> n.equals(n.toUpperCase()));  // constants and acronyms (e.g. `GPL`), not types
    assertTrue(named.size() >= 20, "architecture.md should name the main types; found " + named);
    List<String> missing = named.stream().filter(n -> !declared.contains(n)).toList();
    assertTrue(missing.isEmpty(), "docs/architecture.md names types that do not exist: " + missing);
    for (String link : relativeLinks(ROOT.resolve("docs/architecture.md"))) {
      assertTrue(Files.exists(ROOT.resolve("docs").resolve(link).normalize()), "architecture.md links to a missing file: " + link);
    }
  }

  /** The command extractor itself: shorthand in the README becomes concrete arguments. */
  @Test
  void extractorExpandsTheReadmeShorthand() {
    List<String> cs = readmeCommands("""
        | `./nasbowl reproduce --scale paper\\|smoke --results results` | x |
        ```bash
        ./nasbowl study export --study c10 --out c10/ && ./nasbowl motifs --from c10/t.jsonl   # comment
        ```
        `./nasbowl <command> --help`
        """);
    assertEquals(List.of("./nasbowl study export --study c10 --out c10/", "./nasbowl motifs --from c10/t.jsonl",
        "./nasbowl reproduce --scale paper\\|smoke --results results"), cs);
    assertEquals(List.of("reproduce", "--scale", "paper", "--results", "results"), arguments(cs.get(2)));
    assertEquals(List.of("explain", "--arch", PLACEHOLDERS.get("NOTATION"), "--from", "trace.jsonl"),
        arguments("./nasbowl explain --arch 'NOTATION' [--from TRACE]"));
    assertEquals(List.of("experiment", "nas", "--benchmarks", "synthetic", "--methods", "random"),
        arguments("./nasbowl experiment nas --benchmarks ... --methods ..."));
  }

  static List<String> readmeCommands(String text) {
    Set<String> out = new LinkedHashSet<>();
    StringBuilder prose = new StringBuilder();
    boolean inCode = false;
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      if (!inCode) {
        prose.append(line).append('\n');
        continue;
      }
      if (!l.startsWith("./nasbowl")) continue;
      for (String part : l.replaceAll("\\s+#.*$", "").split("&&")) out.add(part.strip());
    }
    // inline commands may wrap onto the next line of a paragraph
    Matcher m = Pattern.compile("`(\\./nasbowl [^`]*)`").matcher(prose);
    while (m.find()) {
      String c = m.group(1).strip().replaceAll("\\s+", " ");
      if (!c.contains("<")) out.add(c);
    }
    return new ArrayList<>(out);
  }

  static List<String> arguments(String command) {
    List<String> tokens = new ArrayList<>();
    Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(command.replace("[", " ").replace("]", " "));
    while (m.find()) tokens.add(m.group(1) != null ? m.group(1) : m.group(2));
    if (!tokens.isEmpty() && tokens.get(0).equals("./nasbowl")) tokens.remove(0);
    List<String> args = new ArrayList<>();
    for (String t : tokens) {
      String v = t.replace("\\|", "|");
      if (v.equals("...")) v = ELLIPSIS.getOrDefault(args.isEmpty() ? "" : args.get(args.size() - 1), "synthetic");
      else if (PLACEHOLDERS.containsKey(v)) v = PLACEHOLDERS.get(v);
      else if (v.contains("|") && !v.startsWith("|")) v = v.substring(0, v.indexOf('|'));
      args.add(v);
    }
    return args;
  }

  private static List<String> relativeLinks(Path file) throws IOException {
    List<String> links = new ArrayList<>();
    Matcher m = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)").matcher(Files.readString(file));
    while (m.find()) {
      String l = m.group(1);
      if (!l.contains("://")) links.add(l);
    }
    return links;
  }

  private static Set<String> declaredTypes() {
    Pattern decl = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z][A-Za-z0-9]*)");
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("src"))
          .filter(p -> !p.toString().contains("/target/"))
          .forEach(p -> {
            try {
              Matcher m = decl.matcher(Files.readString(p));
              while (m.find()) names.add(m.group(1));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }
}
