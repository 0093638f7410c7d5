package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.experiments.benchmark.ArchitectureNotInBenchmarkException;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.benchmark.BenchmarkCatalog;
import org.nasbowl.experiments.benchmark.Evaluation;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.interpret.MotifHighlights;
import org.nasbowl.experiments.interpret.MotifReport;
import org.nasbowl.experiments.results.Provenance;
import org.nasbowl.plots.graph.GraphPicture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl explain}: why one architecture is (predicted to be) good or bad, in terms of learnt motifs. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Explain one architecture of the space, evaluated or not, with motifs learnt from a finished run "
        + "(--from RUN, --study NAME) or from a search run here (--benchmark ID): its graph with every good-motif "
        + "occurrence highlighted in green and every bad one in red, its observed validation accuracy and "
        + "percentile (when known) and its predicted one (mean and standard deviation), and the list of its "
        + "motifs with their average gradients. Good and bad are the top and bottom --fraction of the motif "
        + "ranking with a positive and a negative score.",
        "Writes explain.txt, explain.png/.svg/.dot (one per cell for multi-cell spaces: explain-cell<C>.*) and "
            + "provenance.json into --out."})
public final class ExplainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin MotifSource source;

  @Option(names = "--arch", required = true, paramLabel = "NOTATION",
      description = "the architecture, in the benchmark's notation (as `nasbowl search` prints it)")
  String arch;

  @Option(names = "--fraction", defaultValue = "0.25",
      description = "share of the ranking called good (top) and bad (bottom) (default: ${DEFAULT-VALUE})")
  double fraction;

  @Mixin CommonOptions.OutDir outDir = new CommonOptions.OutDir("results/explain");

  @Override
  public Integer call() throws Exception {
    if (!(fraction > 0 && fraction <= 0.5)) throw new IllegalArgumentException("--fraction must be in (0, 0.5]: " + fraction);
    return run(source.open());
  }

  private <A> int run(Benchmark<A> b) throws Exception {
    Path out = outDir.dir;
    A a = NasBowlOptions.parseArch(b.space(), arch);
    Evaluation truth;
    try {
      truth = b.query(a, new SplittableRandom(0));
    } catch (ArchitectureNotInBenchmarkException notEvaluated) {
      truth = null; // an architecture the run did not evaluate: explained by its prediction
    }
    MotifSource.Evaluated<A> e = source.evaluated(b);
    MotifReport.Learned learned = source.learn(b, e);
    double[] prediction = learned.predictive(b.space(), a);
    double predicted = prediction[0];
    double shown = truth != null ? truth.validationAccuracy() : predicted;
    long below = 0;
    long total = 0;
    SplittableRandom rng = new SplittableRandom(0);
    for (A other : (Iterable<A>) b.architectures()::iterator) {
      total++;
      if (b.query(other, rng).validationAccuracy() < shown) below++;
    }
    List<LabelledDag> cells = b.space().encode(a);
    MotifHighlights.Highlights hl = MotifHighlights.of(cells, learned.rows(), fraction);
    StringWriter text = new StringWriter();
    PrintWriter w = new PrintWriter(text);
    w.println(source.said());
    w.printf(Locale.ROOT, "%s on %s%n", b.space().format(a), b.id());
    if (truth != null) {
      w.printf(Locale.ROOT, "validation accuracy: observed %.4f (percentile %.1f of %d architectures), predicted "
          + "%.4f +- %.4f%n", truth.validationAccuracy(), 100.0 * below / total, total, predicted, prediction[1]);
      if (truth.testAccuracy().isPresent()) w.printf(Locale.ROOT, "test accuracy: %.4f%n", truth.testAccuracy().getAsDouble());
    } else {
      w.printf(Locale.ROOT, "not evaluated: predicted validation accuracy %.4f +- %.4f (above %.1f%% of the %d "
          + "evaluated architectures)%n", predicted, prediction[1], 100.0 * below / total, total);
    }
    w.printf(Locale.ROOT, "motifs learnt from %d architectures (%s); good = top %.0f%%, bad = bottom %.0f%% of %d%n",
        e.architectures().size(), source.describe(), 100 * fraction, 100 * fraction, learned.rows().size());
    w.println("motifs of this architecture (rank, class, average gradient, motif, depth, cell, occurrences here):");
    for (MotifHighlights.Present p : hl.present()) {
      MotifReport.Row r = p.row();
      w.printf(Locale.ROOT, "  %3d  %-4s  %+.4g  %s  depth %d  cell %d  x%d%n", r.rank(), p.kind(), r.averageGradient(),
          r.motif(), r.depth(), r.cell(), p.occurrences());
    }
    w.printf(Locale.ROOT, "%d good and %d bad motifs present (green and red in the picture)%n", hl.count("good"),
        hl.count("bad"));
    w.flush();
    Files.createDirectories(out);
    AtomicFiles.writeText(out.resolve("explain.txt"), x -> x.write(text.toString()));
    for (int c = 0; c < cells.size(); c++) {
      String stem = cells.size() == 1 ? "explain" : "explain-cell" + c;
      String cellName = b.space().name().equals("darts") ? " (" + MotifsCommand.cellName(c) + ")" : "";
      GraphPicture p = hl.picture(cells, c).withTitle(String.format(
          Locale.ROOT, "%s%s: %s, predicted %.4f; green = good motif, red = bad motif", b.id(), cellName,
          truth != null ? String.format(Locale.ROOT, "observed %.4f", truth.validationAccuracy()) : "not evaluated",
          predicted));
      p.writePng(out.resolve(stem + ".png"));
      p.writeSvg(out.resolve(stem + ".svg"));
      p.writeDot(out.resolve(stem + ".dot"));
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("benchmark", b.id());
    settings.put("architecture", b.space().format(a));
    settings.put("source", source.describe());
    settings.put("fraction", fraction);
    List<Path> files = new ArrayList<>();
    BenchmarkCatalog.find(b.id()).ifPresent(en -> files.addAll(en.paths(source.data())));
    Provenance.write(out, "nasbowl " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
        settings, files);
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
