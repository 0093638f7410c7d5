package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.run.RunData;
import org.nasbowl.experiments.run.RunModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl predict}: what the run's model expects of architectures, evaluated or not. */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = {"Fit the run's GP with NAS-BOWL's own settings and print, for each --arch, or for the --top K "
        + "most promising architectures the run has not evaluated (by the optimiser's acquisition, UCB), the "
        + "predicted validation accuracy (mean and predictive standard deviation) and the motifs that push the "
        + "prediction up or down (the GP mean's derivative with respect to each). --out writes the same as CSV.",
        "Example: nasbowl predict --from run1 --top 5"})
public final class PredictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin MotifSource source;

  @Option(names = "--arch", paramLabel = "NOTATION", description = "an architecture to predict (repeatable)")
  List<String> archs;

  @Option(names = "--top", paramLabel = "K", description = "the K unevaluated architectures with the highest "
      + "acquisition (default: 10 when no --arch is given)")
  Integer top;

  @Option(names = "--pool", defaultValue = "2000", paramLabel = "N",
      description = "candidates scored for --top in spaces too large to score whole (default: ${DEFAULT-VALUE})")
  int pool;

  @Option(names = "--motifs", defaultValue = "3", paramLabel = "M",
      description = "motifs listed per architecture in each direction (default: ${DEFAULT-VALUE})")
  int motifs;

  @Option(names = "--out", paramLabel = "FILE", description = "also write the predictions as CSV")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (source.run() == null) {
      throw new IllegalArgumentException("predict needs a run: --from RUN or --study NAME");
    }
    if (top != null && top < 1) throw new IllegalArgumentException("--top must be at least 1: " + top);
    return run(source.run().searchSpace());
  }

  private <A> int run(SearchSpace<A> space) throws Exception {
    RunData r = source.run();
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(r.describe());
    RunModel<A> model = new RunModel<>(space, r);
    List<A> targets = new ArrayList<>();
    List<String> why = new ArrayList<>();
    if (archs != null) {
      for (String a : archs) {
        targets.add(NasBowlOptions.parseArch(space, a));
        why.add("asked");
      }
    }
    if (top != null || archs == null) {
      int k = top == null ? 10 : top;
      for (A a : model.top(k, pool, source.seed)) {
        targets.add(a);
        why.add("top");
      }
    }
    List<RunModel.Prediction> p = model.predict(targets);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      A a = targets.get(i);
      List<RunModel.Push> pushes = model.pushes(a);
      String up = pushes.stream().filter(x -> x.derivative() > 0).limit(motifs).map(PredictCommand::show)
          .collect(Collectors.joining("; "));
      List<RunModel.Push> negative = new ArrayList<>(pushes.stream().filter(x -> x.derivative() < 0).toList());
      java.util.Collections.reverse(negative); // most negative first
      String down = negative.stream().limit(motifs).map(PredictCommand::show).collect(Collectors.joining("; "));
      boolean evaluated = model.evaluated(a);
      stdout.printf(Locale.ROOT, "%s%s%n  predicted valid_acc %.4f +- %.4f (UCB %.4f)%s%n", why.get(i).equals("top")
          ? "top " + (i + 1 - (archs == null ? 0 : archs.size())) + ": " : "", space.format(a), p.get(i).mean(),
          p.get(i).sd(), p.get(i).acquisition(), evaluated ? "; evaluated by the run" : "; not evaluated");
      stdout.println("  pushes up:   " + (up.isEmpty() ? "-" : up));
      stdout.println("  pushes down: " + (down.isEmpty() ? "-" : down));
      rows.add(List.of(why.get(i), space.format(a), fmt(p.get(i).mean()), fmt(p.get(i).sd()),
          fmt(p.get(i).acquisition()), Boolean.toString(evaluated), up, down));
    }
    stdout.flush();
    if (out != null) {
      if (out.getParent() != null) Files.createDirectories(out.getParent());
      AtomicFiles.writeText(out, w -> {
        CSVPrinter c = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
        c.printRecord("kind", "architecture", "mean", "sd", "ucb", "evaluated", "pushes_up", "pushes_down");
        for (List<String> row : rows) c.printRecord(row);
        c.flush();
      });
    }
    return 0;
  }

  private static String show(RunModel.Push p) {
    return String.format(Locale.ROOT, "%s (%+.3g)", p.motif(), p.derivative());
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
