package org.nasbowl.experiments.data.importer;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nasbowl.core.io.AtomicFiles;
import org.nasbowl.experiments.data.DataFormatException;

/**
 * Converts a NATS-Bench topology search space "simple" directory ({@code NATS-tss-v1_0-3ffb9-simple/}) into a
 * long-format CSV table with one row per (architecture, training schedule, dataset, seed).
 *
 * <p>The directory holds {@code meta.pickle.pbz2} (the architecture strings, {@code meta_archs[index]}) and one
 * {@code {index:06d}.pickle.pbz2} per architecture; files named with a prefix, {@code <anything>_000011.pickle.pbz2}
 * and {@code <anything>_meta.pickle.pbz2}, are accepted too. Each architecture file is
 * {@code {hp: ArchResults.state_dict()}} with hp in {"12", "200"}, and each ArchResults holds
 * {@code all_results[(dataset, seed)]} = {@code ResultsCount.state_dict()} for the seeds in
 * {@code dataset_seed[dataset]} (see D-X-Y/NATS-Bench {@code nats_bench/api_utils.py}).
 *
 * <p>Per row, as NATS-Bench's {@code get_more_info} / {@code get_metrics} read one trial after the last epoch
 * ({@code iepoch = epochs - 1}): {@code train_acc} = {@code train_acc1es[last]}; {@code valid_acc} =
 * {@code eval_acc1es['x-valid@last']} (empty for cifar10, which is trained on train+valid); {@code test_acc} =
 * {@code eval_acc1es['ori-test@last']} for cifar10-valid and cifar10, {@code 'x-test@last'} for cifar100 and
 * ImageNet16-120; {@code train_time_s} = the sum of {@code train_times} over all epochs (NATS's
 * {@code T-train@total}; empty when the file holds no train times); {@code params_mb} = {@code params} and
 * {@code flops_m} = {@code flop}. Accuracies are in percent, as in NATS-Bench. An evaluation set missing from the
 * file gives an empty cell.
 *
 * <p>Files are processed one at a time (memory holds one architecture), and the output is written atomically.
 */
public final class NatsImporter {
  /** The CSV header of the output table. */
  public static final String HEADER =
      "arch_index,arch_string,hp,dataset,seed,train_acc,valid_acc,test_acc,train_time_s,params_mb,flops_m";
  /** The NATS-Bench datasets, in output order. */
  public static final List<String> DATASETS = List.of("cifar10-valid", "cifar10", "cifar100", "ImageNet16-120");

  private static final Pattern ARCH_FILE = Pattern.compile("(?:.*_)?(\\d+)\\.pickle\\.pbz2");
  private static final Pattern META_FILE = Pattern.compile("(?:.*_)?meta\\.pickle\\.pbz2");
  private static final String META_NAME = "meta.pickle.pbz2";

  private NatsImporter() {}

  /** One output row; {@code null} for an absent value. */
  public record Row(int archIndex, String archString, String hp, String dataset, int seed, double trainAcc,
      Double validAcc, Double testAcc, Double trainTimeS, double paramsMb, double flopsM) {}

  /** The files of a "simple" directory. */
  public record Layout(Path meta, TreeMap<Integer, Path> architectures) {}

  /**
   * What an import did.
   *
   * @param architectures architecture files read
   * @param rows rows written
   */
  public record Summary(int architectures, long rows) {}

  /** Finds the meta file and the architecture files of {@code dir}. */
  public static Layout scan(Path dir) throws IOException {
    Path meta = null;
    TreeMap<Integer, Path> archs = new TreeMap<>();
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) entries.add(p);
    }
    entries.sort(Comparator.naturalOrder());
    for (Path p : entries) {
      String name = p.getFileName().toString();
      if (!Files.isRegularFile(p)) continue;
      if (META_FILE.matcher(name).matches()) {
        if (meta != null) {
          throw new DataFormatException(p, "record", 0, null, "a second meta file in the directory (the first is "
              + meta.getFileName() + ")");
        }
        meta = p;
        continue;
      }
      Matcher m = ARCH_FILE.matcher(name);
      if (!m.matches()) continue;
      int index;
      try {
        index = Integer.parseInt(m.group(1));
      } catch (NumberFormatException e) {
        throw new DataFormatException(p, "record", 0, null, "the architecture index in the file name is too large");
      }
      Path previous = archs.put(index, p);
      if (previous != null) {
        throw new DataFormatException(p, "record", 0, null, "architecture " + index + " also has the file "
            + previous.getFileName());
      }
    }
    if (meta == null) {
      throw new DataFormatException(dir.resolve(META_NAME), "record", 0, null,
          "missing NATS-Bench meta file (" + META_NAME + " or *_" + META_NAME + ") in directory " + dir);
    }
    if (archs.isEmpty()) {
      throw new DataFormatException(dir, "record", 0, null,
          "no architecture files ({index:06d}.pickle.pbz2) in the directory");
    }
    return new Layout(meta, archs);
  }

  /** Imports the "simple" directory {@code dir} into the CSV file {@code out} (replaced atomically). */
  public static Summary importDirectory(Path dir, Path out, ImportProgress progress) throws IOException {
    Layout layout = scan(dir);
    List<String> archStrings = readMeta(layout.meta());
    long totalBytes = Files.size(layout.meta());
    for (Path p : layout.architectures().values()) totalBytes += Files.size(p);
    long[] rows = {0};
    long finalTotalBytes = totalBytes;
    AtomicFiles.writeText(out, w -> {
      w.write(HEADER);
      w.write('\n');
      long bytes = Files.size(layout.meta());
      int done = 0;
      for (Map.Entry<Integer, Path> e : layout.architectures().entrySet()) {
        int index = e.getKey();
        Path file = e.getValue();
        if (index >= archStrings.size()) {
          throw new DataFormatException(file, "record", 0, null, "architecture index " + index
              + " is outside the meta file's " + archStrings.size() + " architectures");
        }
        for (Row r : readArchitecture(file, index, archStrings.get(index))) {
          write(w, r);
          rows[0]++;
        }
        bytes += Files.size(file);
        progress.update(++done, bytes, finalTotalBytes);
      }
    });
    return new Summary(layout.architectures().size(), rows[0]);
  }

  /** The architecture strings of a meta file ({@code meta_archs}, indexed by architecture). */
  public static List<String> readMeta(Path meta) throws IOException {
    Object root = NatsPickle.load(meta);
    Map<?, ?> m = map(root, meta, "<root>");
    List<?> archs = list(m.get("meta_archs"), meta, "meta_archs");
    List<String> out = new ArrayList<>(archs.size());
    for (int i = 0; i < archs.size(); i++) out.add(string(archs.get(i), meta, "meta_archs[" + i + "]"));
    return out;
  }

  /** The rows of one architecture file, in the table's order. */
  public static List<Row> readArchitecture(Path file, int index, String archString) throws IOException {
    Object root = NatsPickle.load(file);
    Map<?, ?> byHp = map(root, file, "<root>");
    if (byHp.isEmpty()) throw new DataFormatException(file, "record", 0, "<root>", "no training schedules");
    TreeMap<Long, String> hps = new TreeMap<>();
    Map<String, Object> hpValues = new HashMap<>();
    for (Map.Entry<?, ?> e : byHp.entrySet()) {
      String hp = String.valueOf(e.getKey());
      long order;
      try {
        order = Long.parseLong(hp);
      } catch (NumberFormatException ex) {
        throw new DataFormatException(file, "record", 0, "<root>", "the hyper-parameter key '" + hp
            + "' is not a number of epochs");
      }
      hps.put(order, hp);
      hpValues.put(hp, e.getValue());
    }
    List<Row> rows = new ArrayList<>();
    for (String hp : hps.values()) {
      String at = "['" + hp + "']";
      Map<?, ?> arch = map(hpValues.get(hp), file, at);
      int fileIndex = (int) integer(arch.get("arch_index"), file, at + "['arch_index']");
      if (fileIndex != index) {
        throw new DataFormatException(file, "record", 0, at + "['arch_index']",
            "holds architecture " + fileIndex + " but the file name says " + index);
      }
      String fileArch = string(arch.get("arch_str"), file, at + "['arch_str']");
      if (!fileArch.equals(archString)) {
        throw new DataFormatException(file, "record", 0, at + "['arch_str']", "'" + fileArch
            + "' differs from the meta file's architecture " + index + ", '" + archString + "'");
      }
      Map<?, ?> allResults = map(arch.get("all_results"), file, at + "['all_results']");
      Map<String, Object> results = new HashMap<>();
      for (Map.Entry<?, ?> e : allResults.entrySet()) {
        if (!(e.getKey() instanceof Object[] k) || k.length != 2 || !(k[0] instanceof String)
            || !(k[1] instanceof Number)) {
          throw new DataFormatException(file, "record", 0, at + "['all_results']",
              "a key is not a (dataset, seed) pair");
        }
        results.put(k[0] + "\u0000" + ((Number) k[1]).longValue(), e.getValue());
      }
      Map<?, ?> datasetSeed = map(arch.get("dataset_seed"), file, at + "['dataset_seed']");
      for (Object ds : datasetSeed.keySet()) {
        if (!DATASETS.contains(String.valueOf(ds))) {
          throw new DataFormatException(file, "record", 0, at + "['dataset_seed']",
              "unknown dataset '" + ds + "' (expected one of " + DATASETS + ")");
        }
      }
      for (String dataset : DATASETS) {
        if (!datasetSeed.containsKey(dataset)) continue;
        String dsAt = at + "['dataset_seed']['" + dataset + "']";
        List<?> seedList = list(datasetSeed.get(dataset), file, dsAt);
        List<Long> seeds = new ArrayList<>();
        for (Object s : seedList) seeds.add(integer(s, file, dsAt));
        seeds.sort(null);
        for (long seed : seeds) {
          String rAt = at + "['all_results'][('" + dataset + "', " + seed + ")]";
          Object result = results.get(dataset + "\u0000" + seed);
          if (result == null) {
            throw new DataFormatException(file, "record", 0, rAt, "missing, although dataset_seed lists the seed");
          }
          rows.add(row(file, rAt, index, archString, hp, dataset, (int) seed, map(result, file, rAt)));
        }
      }
    }
    return rows;
  }

  private static Row row(Path file, String at, int index, String archString, String hp, String dataset, int seed,
      Map<?, ?> r) {
    long epochs = integer(r.get("epochs"), file, at + "['epochs']");
    if (epochs <= 0) throw new DataFormatException(file, "record", 0, at + "['epochs']", "must be positive");
    long last = epochs - 1;
    Map<?, ?> train = map(r.get("train_acc1es"), file, at + "['train_acc1es']");
    Object trainAcc = byEpoch(train, last);
    if (trainAcc == null) {
      throw new DataFormatException(file, "record", 0, at + "['train_acc1es']",
          "no training accuracy for the last epoch (" + last + ")");
    }
    Object evalObj = r.get("eval_acc1es");
    Map<?, ?> eval = evalObj == null ? Map.of() : map(evalObj, file, at + "['eval_acc1es']");
    String validSet = dataset.equals("cifar10") ? null : "x-valid";
    String testSet = dataset.equals("cifar10-valid") || dataset.equals("cifar10") ? "ori-test" : "x-test";
    Double valid = validSet == null ? null : optionalNumber(eval.get(validSet + "@" + last), file,
        at + "['eval_acc1es']['" + validSet + "@" + last + "']");
    Double test = optionalNumber(eval.get(testSet + "@" + last), file,
        at + "['eval_acc1es']['" + testSet + "@" + last + "']");
    Double trainTime = null;
    Object times = r.get("train_times");
    if (times != null) {
      Map<?, ?> t = map(times, file, at + "['train_times']");
      if (!t.isEmpty()) {
        double sum = 0;
        for (Map.Entry<?, ?> e : t.entrySet()) {
          sum += number(e.getValue(), file, at + "['train_times'][" + e.getKey() + "]");
        }
        trainTime = sum;
      }
    }
    double params = number(r.get("params"), file, at + "['params']");
    double flop = number(r.get("flop"), file, at + "['flop']");
    return new Row(index, archString, hp, dataset, seed, number(trainAcc, file, at + "['train_acc1es'][" + last + "]"),
        valid, test, trainTime, params, flop);
  }

  private static void write(Writer w, Row r) throws IOException {
    w.write(r.archIndex() + "," + CsvText.cell(r.archString()) + "," + r.hp() + "," + r.dataset() + "," + r.seed()
        + "," + CsvText.num(r.trainAcc()) + "," + CsvText.num(r.validAcc()) + "," + CsvText.num(r.testAcc()) + ","
        + CsvText.num(r.trainTimeS()) + "," + CsvText.num(r.paramsMb()) + "," + CsvText.num(r.flopsM()) + "\n");
  }

  private static Object byEpoch(Map<?, ?> m, long epoch) {
    Object v = epoch <= Integer.MAX_VALUE ? m.get((int) epoch) : null;
    return v != null ? v : m.get(epoch);
  }

  private static Map<?, ?> map(Object o, Path file, String field) {
    if (o instanceof Map<?, ?> m) return m;
    throw new DataFormatException(file, "record", 0, field, "expected a dict, found " + typeName(o));
  }

  private static List<?> list(Object o, Path file, String field) {
    if (o instanceof List<?> l) return l;
    if (o instanceof Object[] a) return List.of(a);
    throw new DataFormatException(file, "record", 0, field, "expected a list, found " + typeName(o));
  }

  private static String string(Object o, Path file, String field) {
    if (o instanceof String s) return s;
    throw new DataFormatException(file, "record", 0, field, "expected a string, found " + typeName(o));
  }

  private static long integer(Object o, Path file, String field) {
    if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
      return ((Number) o).longValue();
    }
    if (o instanceof java.math.BigInteger b && b.bitLength() < 63) return b.longValue();
    throw new DataFormatException(file, "record", 0, field, "expected an integer, found " + typeName(o));
  }

  private static double number(Object o, Path file, String field) {
    if (o instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isFinite(d)) return d;
      throw new DataFormatException(file, "record", 0, field, "expected a finite number, found " + d);
    }
    throw new DataFormatException(file, "record", 0, field, "expected a number, found " + typeName(o));
  }

  private static Double optionalNumber(Object o, Path file, String field) {
    return o == null ? null : number(o, file, field);
  }

  private static String typeName(Object o) {
    if (o == null) return "None";
    if (o instanceof Object[]) return "a tuple";
    return "a " + o.getClass().getSimpleName();
  }
}
