package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.plots.graph.GraphPicture;
import org.nasbowl.plots.graph.MotifGallery;
import org.nasbowl.experiments.interpret.MotifReport;
import org.nasbowl.experiments.results.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl motifs}: which building blocks make architectures good, learnt from a search. */
@Command(name = "motifs", mixinStandardHelpOptions = true,
    description = {"Rank WL motifs by the paper's average gradient of the GP posterior mean, learnt from a search's "
        + "queries (run here, or --from a finished run's trace). Writes motifs.csv (rank, motif, depth, cell, "
        + "average_gradient, occurrences, mean_accuracy), pictures of the top and bottom --top motifs (motifs.png and "
        + ".svg, a gallery; pictures/good-K and bad-K as PNG, SVG and Graphviz DOT) and provenance.json into --out."})
public final class MotifsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin MotifSource source;

  @Option(names = "--top", defaultValue = "5",
      description = "motifs printed and drawn from each end (default: ${DEFAULT-VALUE})")
  int top;

  @Mixin CommonOptions.OutDir outDir = new CommonOptions.OutDir("results/motifs");

  @Override
  public Integer call() throws Exception {
    return run(source.open());
  }

  private <A> int run(Benchmark<A> b) throws Exception {
    Path out = outDir.dir;
    PrintWriter stdout = spec.commandLine().getOut();
    MotifSource.Evaluated<A> e = source.evaluated(b);
    stdout.println(source.said());
    MotifReport.Learned learned = source.learn(b, e);
    List<MotifReport.Row> rows = learned.rows();
    Files.createDirectories(out);
    MotifReport.writeCsv(out.resolve("motifs.csv"), rows);
    // Good motifs have a positive score and bad ones a negative score; none is in both columns.
    var split = MotifReport.goodAndBad(rows, top);
    List<MotifReport.Row> good = split.getKey();
    List<MotifReport.Row> bad = split.getValue();
    boolean darts = b.space().name().equals("darts");
    MotifGallery.write(out.resolve("motifs.png"), b.id() + ": motifs by average gradient (" + source.describe() + ")",
        entries(good, darts), entries(bad, darts));
    Path pics = out.resolve("pictures");
    Files.createDirectories(pics);
    for (MotifReport.Row r : good) drawOne(pics.resolve("good-" + r.rank()), r, darts);
    for (MotifReport.Row r : bad) drawOne(pics.resolve("bad-" + (rows.size() + 1 - r.rank())), r, darts);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("benchmark", b.id());
    settings.put("source", source.describe());
    settings.put("min_occurrences", source.minOccurrences(e.architectures().size()));
    List<Path> files = new ArrayList<>();
    BenchmarkCatalog.find(b.id()).ifPresent(en -> files.addAll(en.paths(source.data())));
    Provenance.write(out, "nasbowl " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
        settings, files);
    stdout.printf(Locale.ROOT, "%d motifs from %d architectures of %s; written to %s (pictures: motifs.png/.svg, "
        + "pictures/)%n", rows.size(), e.architectures().size(), b.id(), out.resolve("motifs.csv"));
    String hidden = source.hiddenNote(learned, e.architectures().size());
    if (hidden != null) stdout.println(hidden);
    stdout.println("good (highest average gradient, positive):" + (good.isEmpty() ? " none" : ""));
    for (MotifReport.Row r : good) print(stdout, r);
    stdout.println("bad (lowest average gradient, negative):" + (bad.isEmpty() ? " none" : ""));
    for (MotifReport.Row r : bad) print(stdout, r);
    stdout.flush();
    return 0;
  }

  /** Gallery entries; in the DARTS space each names its cell (normal or reduction). */
  static List<MotifGallery.Entry> entries(List<MotifReport.Row> rows, boolean darts) {
    List<MotifGallery.Entry> out = new ArrayList<>();
    for (MotifReport.Row r : rows) {
      out.add(new MotifGallery.Entry(r.motif(), r.averageGradient(), r.occurrences(), r.rank(),
          darts ? cellName(r.cell()) : null));
    }
    return out;
  }

  /** The DARTS cell of a motif: its graph is the first (normal) or second (reduction) of the genotype. */
  static String cellName(int cell) {
    return cell == 0 ? "normal cell" : "reduction cell";
  }

  private static void drawOne(Path stem, MotifReport.Row r, boolean darts) throws java.io.IOException {
    GraphPicture p = GraphPicture.motif(r.motif()).withTitle(String.format(Locale.ROOT, "#%d  AG %+.4g  in %d architectures%s",
        r.rank(), r.averageGradient(), r.occurrences(), darts ? "  (" + cellName(r.cell()) + ")" : ""));
    p.writePng(stem.resolveSibling(stem.getFileName() + ".png"));
    p.writeSvg(stem.resolveSibling(stem.getFileName() + ".svg"));
    p.writeDot(stem.resolveSibling(stem.getFileName() + ".dot"));
  }

  private static void print(PrintWriter out, MotifReport.Row r) {
    out.printf(Locale.ROOT, "  %3d  %-45s depth %d  cell %d  AG %+.4g  in %d architectures, mean accuracy %.4f%n",
        r.rank(), r.motif(), r.depth(), r.cell(), r.averageGradient(), r.occurrences(), r.meanAccuracy());
  }
}
