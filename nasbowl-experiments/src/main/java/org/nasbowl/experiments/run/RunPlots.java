package org.nasbowl.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nasbowl.core.graph.LabelledDag;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.benchmark.Benchmark;
import org.nasbowl.experiments.interpret.MotifReport;
import org.nasbowl.plots.figures.FigureFiles;
import org.nasbowl.plots.figures.RunFigures;
import org.nasbowl.plots.graph.GraphPicture;
import org.nasbowl.plots.graph.MotifGallery;

/**
 * {@code nasbowl plots --run}: the figures of one run, PNG and SVG, into a folder: {@code run_progress} (every
 * evaluation and the best so far against evaluations and wall time, failures marked), {@code run_timeline} (who
 * evaluated what when), {@code best_architecture} (the best architecture's cell graph; one file per cell for
 * multi-cell spaces) and {@code motif_gallery} (the good and bad motifs learnt from the run).
 */
public final class RunPlots {
  private RunPlots() {}

  /** Writes the figures; returns one line per file written or figure left out. */
  public static List<String> write(RunData run, Benchmark<?> benchmark, Path out, int top) throws IOException {
    Files.createDirectories(out);
    List<String> said = new ArrayList<>();
    List<RunFigures.Point> points = new ArrayList<>();
    for (RunEvaluation e : run.evaluations()) {
      points.add(new RunFigures.Point(e.id(), e.valid(), e.ok(), e.start(), e.end(), e.lane()));
    }
    String name = run.kind().label + " " + run.source();
    said.add(wrote("run_progress", FigureFiles.write(RunFigures.progress(
        "Validation accuracy of " + run.method() + " on " + run.space() + " (" + name + ")", points), out,
        "run_progress")));
    if (points.stream().anyMatch(p -> !Double.isNaN(p.start()) && !Double.isNaN(p.end()))) {
      said.add(wrote("run_timeline", FigureFiles.write(RunFigures.timeline("Timeline of " + name, points), out,
          "run_timeline")));
    } else {
      said.add("skipped run_timeline: the run has no start and end times");
    }
    if (run.best().isPresent()) said.addAll(best(benchmark.space(), run.best().get(), out));
    if (run.modelled().size() >= 2) {
      said.add(gallery(run, benchmark, out, top));
    } else {
      said.add("skipped motif_gallery: fewer than 2 successful evaluations");
    }
    return said;
  }

  private static <A> List<String> best(SearchSpace<A> space, RunEvaluation best, Path out) throws IOException {
    List<String> said = new ArrayList<>();
    List<LabelledDag> cells = space.encode(space.parse(best.architecture()));
    for (int c = 0; c < cells.size(); c++) {
      String stem = cells.size() == 1 ? "best_architecture" : "best_architecture-cell" + c;
      GraphPicture p = GraphPicture.architecture(cells.get(c)).withTitle(String.format(Locale.ROOT,
          "best: evaluation %d, validation accuracy %.4f%s", best.id(), best.valid(),
          cells.size() == 1 ? "" : c == 0 ? " (normal cell)" : " (reduction cell)"));
      p.writePng(out.resolve(stem + ".png"));
      p.writeSvg(out.resolve(stem + ".svg"));
      said.add("wrote " + stem + ": " + out.resolve(stem + ".png") + ", " + out.resolve(stem + ".svg"));
    }
    return said;
  }

  private static <A> String gallery(RunData run, Benchmark<A> b, Path out, int top) throws IOException {
    List<A> archs = new ArrayList<>();
    List<Double> acc = new ArrayList<>();
    for (RunEvaluation e : run.modelled()) {
      archs.add(b.space().parse(e.architecture()));
      acc.add(e.valid());
    }
    int min = MotifReport.defaultMinOccurrences(archs.size());
    MotifReport.Learned learned = MotifReport.learn(b.space(), archs, acc.stream().mapToDouble(Double::doubleValue)
        .toArray(), MotifReport.Settings.defaults(b.deterministic()).withMinOccurrences(min));
    var split = MotifReport.goodAndBad(learned.rows(), top);
    List<Path> files = MotifGallery.write(out.resolve("motif_gallery"), String.format(Locale.ROOT,
        "Motifs learnt from %d evaluations of %s (in at least %d of them)", archs.size(), run.source(), min),
        entries(split.getKey()), entries(split.getValue()));
    return wrote("motif_gallery", files);
  }

  private static List<MotifGallery.Entry> entries(List<MotifReport.Row> rows) {
    return rows.stream().map(r -> new MotifGallery.Entry(r.motif(), r.averageGradient(), r.occurrences(), r.rank()))
        .toList();
  }

  private static String wrote(String name, List<Path> files) {
    return "wrote " + name + ": " + files.get(0) + ", " + files.get(1);
  }
}
