package org.nasbowl.experiments.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.nasbowl.experiments.data.DataDirectory;

/** Every benchmark id the project knows, the files it needs and how to obtain them. */
public final class BenchmarkCatalog {
  private BenchmarkCatalog() {}

  private static final String NB201_FROM_NATS = "From the official NATS-Bench topology files "
      + "(NATS-tss-v1_0-3ffb9-simple) run `./nasbowl data import-nats --dir NATS-tss-v1_0-3ffb9-simple --out "
      + "<data>/nats_tss_seeds.csv` and then `./nasbowl data nb201-tables --from <data>/nats_tss_seeds.csv "
      + "--out-dir <data>`.";
  private static final String NB201_HOWTO =
      "the NAS-Bench-201 table nb201_200ep.csv (all 15,625 cells, project format; see data/README.md). "
          + NB201_FROM_NATS;
  private static final String NB101_OFFICIAL_HOWTO =
      "download nasbench_only108.tfrecord (499 MB) from the NAS-Bench-101 project page, then run "
          + "`./nasbowl data import-nb101 --tfrecord nasbench_only108.tfrecord --out <data>/"
          + Nb101Benchmark.OFFICIAL_FILE + "`.";

  /** A benchmark id with its data requirements and loader. */
  public record Entry(String id, List<String> files, String summary, String howToObtain,
      Function<Path, Benchmark<?>> loader) {
    /** Files missing from the data directory, neither plain nor gzipped (empty when the benchmark can be opened). */
    public List<String> missing(Path dataDir) {
      List<String> out = new ArrayList<>();
      for (String f : files) if (!Files.isRegularFile(DataDirectory.table(dataDir, f))) out.add(f);
      return out;
    }

    /** The files this benchmark reads from the data directory (plain or gzipped, as found). */
    public List<Path> paths(Path dataDir) {
      return files.stream().map(f -> DataDirectory.table(dataDir, f)).toList();
    }

    public Benchmark<?> open(Path dataDir) {
      return loader.apply(dataDir);
    }
  }

  public static List<Entry> entries() {
    List<Entry> list = new ArrayList<>();
    for (Nb201Task task : Nb201Task.values()) {
      list.add(new Entry("nb201-" + task.idSuffix, List.of(Nb201Benchmark.TABLE_200),
          "NAS-Bench-201 " + task.officialName + ", 200 epochs, mean over seeds", NB201_HOWTO,
          dir -> Nb201Benchmark.load(dir, task, 200)));
    }
    for (Nb201Task task : Nb201Task.values()) {
      list.add(new Entry("nb201-" + task.idSuffix + "-seeds", List.of(Nb201Benchmark.TABLE_200,
          Nb201SeedsBenchmark.SEEDS_FILE),
          "NAS-Bench-201 " + task.officialName + ", 200 epochs: each query returns one training seed's validation "
              + "accuracy, drawn from the run's seed (real training noise); regret on the means over seeds",
          "the per-seed table " + Nb201SeedsBenchmark.SEEDS_FILE + " and the tables built from it. " + NB201_FROM_NATS,
          dir -> Nb201SeedsBenchmark.load(dir, task)));
    }
    for (Nb201Task task : Nb201Task.values()) {
      list.add(new Entry("nb201-" + task.idSuffix + "-12ep",
          List.of(Nb201Benchmark.TABLE_200, Nb201Benchmark.TABLE_12),
          "NAS-Bench-201 " + task.officialName + ", low fidelity: 12-epoch validation, 200-epoch test",
          "the tables nb201_200ep.csv and nb201_12ep.csv (see data/README.md). " + NB201_FROM_NATS,
          dir -> Nb201Benchmark.load(dir, task, 12)));
    }
    list.add(new Entry("nb101-run0", List.of(Nb101Benchmark.RUN0_FILE),
        "NAS-Bench-101 complete space, single-run (run 0) test accuracy as objective and metric",
        "the table " + Nb101Benchmark.RUN0_FILE + ".gz (shipped in the project's data/; see data/README.md), or the 3-run table from the official "
            + "tfrecord: " + NB101_OFFICIAL_HOWTO,
        Nb101Benchmark::run0));
    list.add(new Entry("nb101-20k", List.of(Nb101Benchmark.SUBSET_FILE),
        "NAS-Bench-101 20,001-cell sample, one-run validation accuracy (no test accuracy)",
        "the table nb101_subset20k_1run.csv (see data/README.md).", Nb101Benchmark::subset20k));
    list.add(new Entry("nb101", List.of(Nb101Benchmark.OFFICIAL_FILE),
        "NAS-Bench-101 official 108-epoch results, 3 runs: mean validation objective, mean test metric",
        NB101_OFFICIAL_HOWTO, dir -> Nb101Benchmark.official(dir, false)));
    list.add(new Entry("nb101-seeds", List.of(Nb101Benchmark.OFFICIAL_FILE),
        "NAS-Bench-101 official 108-epoch results: each query returns one of the 3 runs' validation accuracy, drawn "
            + "from the run's seed (real training noise); regret on the 3-run means",
        NB101_OFFICIAL_HOWTO, dir -> Nb101Benchmark.official(dir, true)));
    String darts214 = "the table " + DartsBenchmark.DARTS214_FILE + " (214 DARTS genotypes trained for 600 epochs; "
        + "Yang, Esperanca, Carlucci, ICLR 2020; see data/README.md for columns and provenance).";
    list.add(new Entry("darts214", List.of(DartsBenchmark.DARTS214_FILE),
        "DARTS space, 214 genotypes trained on CIFAR-10 (600 epochs): final test accuracy (no validation split)",
        darts214, DartsBenchmark::darts214));
    list.add(new Entry("darts214-" + DartsBenchmark.LOW_FIDELITY_EPOCHS + "ep", List.of(DartsBenchmark.DARTS214_FILE),
        "DARTS 214 genotypes, low fidelity: " + DartsBenchmark.LOW_FIDELITY_EPOCHS
            + "-epoch test accuracy as objective, final test accuracy as metric", darts214,
        DartsBenchmark::darts214LowFidelity));
    list.add(new Entry("nb301-1218", List.of(DartsBenchmark.NB301_FILE),
        "DARTS space, 1,218 genotypes labelled by the NB301 surrogate (predicted validation accuracy)",
        "the table " + DartsBenchmark.NB301_FILE + " (NAS-Bench-301 v1.0 surrogate labels via NASLib; see "
            + "data/README.md).", DartsBenchmark::nb301));
    list.add(new Entry(SyntheticBenchmark.ID, List.of(),
        "synthetic NAS-Bench-201-space benchmark with planted motifs (embedded)", "nothing: it is embedded.",
        dir -> new SyntheticBenchmark(0)));
    return List.copyOf(list);
  }

  public static Optional<Entry> find(String id) {
    return entries().stream().filter(e -> e.id().equals(id)).findFirst();
  }

  /** The entry of {@code id}, or an error listing the known ids. */
  public static Entry require(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("unknown benchmark '" + id
        + "'; known: " + entries().stream().map(Entry::id).toList()));
  }

  /** Opens a benchmark, with an error naming the missing files and how to obtain them. */
  public static Benchmark<?> open(String id, Path dataDir) {
    Entry e = require(id);
    List<String> missing = e.missing(dataDir);
    if (!missing.isEmpty()) {
      throw new IllegalStateException("benchmark " + id + " needs " + missing + " in " + dataDir
          + " (set --data-dir or NASBOWL_DATA). To obtain: " + e.howToObtain());
    }
    return e.open(dataDir);
  }
}
