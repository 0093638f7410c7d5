package org.nasbowl.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nasbowl.experiments.transfer.TransferExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nasbowl transfer}: motif transfer, a warm start on related tasks (ALGORITHM.md section 8). */
@Command(name = "transfer", mixinStandardHelpOptions = true,
    description = {"Motif transfer: learn good motifs on a source task, then search each target task with the "
        + "initial design and every candidate pool restricted to architectures containing a good motif, against "
        + "the unrestricted search with the same seeds and budget. Resumable: the same command continues a killed run.",
        "Per seed: a search on the source (NAS-BOWL's GP with the WL depth fixed at --h), a GP with depth --h fitted "
            + "to its queries, every motif in at least --min-occurrences of them scored by the average gradient "
            + "(AG) of the posterior mean; good motifs have AG >= the --percentile-th percentile of the scores "
            + "(linear interpolation; 70 = the original's 'threshold 30', i.e. the top 30%%).",
        "Writes into --out: motifs/seed-S.csv, traces/source/<source>/seed-S.jsonl, "
            + "traces/<target>/<variant>/seed-S.jsonl for the variants restricted, mixed, restricted-small, "
            + "unrestricted and unrestricted-small, restriction.csv (kept fraction of each target space and whether "
            + "it keeps the target's optimum, per seed), curves.csv (mean and standard error of the best-so-far "
            + "regret per query), paired.csv (paired differences of each variant from its baseline), summary.csv "
            + "and provenance.json."})
public final class TransferCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--source", defaultValue = "nb201-cifar10",
      description = "benchmark the motifs are learnt on (default: ${DEFAULT-VALUE})")
  String source;

  @Option(names = "--targets", split = ",", defaultValue = "nb201-cifar100,nb201-imagenet16",
      description = "benchmarks searched with and without the restriction (default: ${DEFAULT-VALUE})")
  List<String> targets;

  @Mixin CommonOptions.Seeds seeds;

  @Option(names = "--method", defaultValue = "nasbowl-m",
      description = "search method of the source and target searches (default: ${DEFAULT-VALUE})")
  String method;

  @Option(names = "--source-initial", defaultValue = "200",
      description = "random architectures first queried on the source (default: ${DEFAULT-VALUE})")
  int sourceInitial;

  @Option(names = "--source-budget", defaultValue = "440",
      description = "total source queries, initial ones included (default: ${DEFAULT-VALUE} = 200 + 48 x 5)")
  int sourceBudget;

  @Option(names = "--target-initial", defaultValue = "200",
      description = "initial (random, restricted or not) architectures on each target (default: ${DEFAULT-VALUE})")
  int targetInitial;

  @Option(names = "--target-budget", defaultValue = "390",
      description = "total queries per target search, initial ones included (default: ${DEFAULT-VALUE} = 200 + 38 x 5)")
  int targetBudget;

  @Option(names = "--small-initial", defaultValue = "10",
      description = "initial design of the restricted-small and unrestricted-small variants (default: ${DEFAULT-VALUE})")
  int smallInitial;

  @Option(names = "--mix-share", defaultValue = "0.5",
      description = "share of samples and mutants the mixed variant draws from the restriction (default: ${DEFAULT-VALUE})")
  double mixShare;

  @Option(names = "--batch", defaultValue = "5", description = "queries per batch after the initial one (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--percentile", defaultValue = "70",
      description = "good motifs: AG >= this percentile of all scored motifs (default: ${DEFAULT-VALUE})")
  double percentile;

  @Option(names = "--h", defaultValue = "1",
      description = "WL depth of the source search's GP and of the motif GP (default: ${DEFAULT-VALUE})")
  int h;

  @Option(names = "--target-h",
      description = "fix the WL depth of the target searches' GP too (the original fixes 1); default: the method's "
          + "own selection by marginal likelihood over {1, 2, 3}")
  Integer targetH;

  @Option(names = "--min-occurrences", defaultValue = "10",
      description = "score only motifs in at least this many source architectures (default: ${DEFAULT-VALUE})")
  int minOccurrences;

  @Option(names = "--motifs", paramLabel = "CSV",
      description = "use these motifs (columns motif, depth, optional cell; every row is a good motif) for every "
          + "seed instead of learning them on --source")
  Path motifs;

  @Mixin CommonOptions.Jobs jobs;

  @Mixin CommonOptions.DataDir data;

  @Mixin CommonOptions.OutDir outDir = new CommonOptions.OutDir("results/transfer");

  @Override
  public Integer call() throws Exception {
    Path out = outDir.dir;
    PrintWriter stdout = spec.commandLine().getOut();
    int j = jobs.value();
    String command = "nasbowl " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    TransferExperiment.Settings s = new TransferExperiment.Settings(source, targets, seeds.list(),
        method, sourceInitial, sourceBudget, targetInitial, targetBudget, smallInitial, mixShare, batch, percentile, h,
        targetH,
        minOccurrences, motifs, j, data.path(), out, command);
    long start = System.nanoTime();
    TransferExperiment.Outcome o = TransferExperiment.run(s, spec.commandLine().getErr());
    stdout.printf(Locale.ROOT, "transfer: results in %s (summary.csv, curves.csv, restriction.csv) after %.1f s%n",
        out.toAbsolutePath(), (System.nanoTime() - start) / 1e9);
    stdout.printf(Locale.ROOT, "%-18s %-13s %4s  %-22s %-8s %-9s %s%n", "target", "variant", "runs",
        "final regret (+- s.e.)", "kept", "optimum", "good motifs");
    for (TransferExperiment.SummaryRow r : o.summary()) {
      stdout.printf(Locale.ROOT, "%-18s %-13s %4d  %-22s %-8s %-9s %s%n", r.target(), r.variant(), r.runs(),
          String.format(Locale.ROOT, "%.5f +- %.5f", r.meanFinalRegret(), r.seFinalRegret()),
          Double.isNaN(r.keptFraction()) ? "?" : String.format(Locale.ROOT, "%.1f%%", 100 * r.keptFraction()),
          Double.isNaN(r.keepsOptimum()) ? "?" : String.format(Locale.ROOT, "%.0f%%", 100 * r.keepsOptimum()),
          Double.isNaN(r.meanGoodMotifs()) ? "-" : String.format(Locale.ROOT, "%.1f", r.meanGoodMotifs()));
    }
    stdout.flush();
    return 0;
  }
}
