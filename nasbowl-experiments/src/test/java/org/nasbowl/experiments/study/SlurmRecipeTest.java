package org.nasbowl.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.testsupport.TestPaths;
import org.nasbowl.experiments.cli.NasbowlCli;

/**
 * The Slurm recipe of docs/studies.md, verbatim, on a real single-node Slurm (Debian's slurm-wlm and munge; the
 * test starts munged, slurmctld and slurmd itself, as root, on ports of its own, and installs the packages with
 * apt-get when they are missing): an array of 3 workers on a PostgreSQL study, submitted from another directory;
 * one task cancelled with {@code scancel} (SIGTERM to every process of the job, the objective included) and one
 * job step killed with {@code scancel --signal=KILL JOB_TASK.0}. The study must end with exactly its budget
 * COMPLETE, no FAILED trial, the cancelled trial given back (RELEASED) and the killed one rerun (STALE), and no
 * evaluation alive after its worker. Behind the {@code slurm} profile: {@code mvn verify -Pslurm} (about 2 minutes
 * more).
 */
@Tag("slurm")
class SlurmRecipeTest {
  @TempDir Path tmp;

  private final Map<String, String> env = new HashMap<>();
  private final List<Path> pidFiles = new ArrayList<>();

  @Test
  void theDocumentedRecipeSurvivesScancelAndAKilledStep() throws Exception {
    requireSlurm();
    Path script = Files.writeString(tmp.resolve("nas.sbatch"), recipe(TestPaths.root().resolve("docs/studies.md")));
    Path nasbowl = launcher();
    String url = Databases.fresh(Databases.Kind.POSTGRES, tmp);
    Path password = Files.writeString(tmp.resolve("pg-password"), "not-needed-with-trust-auth\n");
    String objective = Objectives.synthetic(tmp, 1_000, 2_500);
    startSlurm();
    env.put("NASBOWL", nasbowl.toString());
    env.put("NASBOWL_STORAGE", url);
    env.put("PASSWORD_FILE", password.toString());
    env.put("OBJECTIVE", objective);
    env.put("STUDY", "slurm");
    env.put("BUDGET", "24");
    Path elsewhere = Files.createDirectories(tmp.resolve("submitted-from-here"));
    String job = run(elsewhere, "sbatch", "--parsable", "--array=1-3", script.toString(), "--heartbeat", "1",
        "--grace", "3").strip();
    try (StudyStore store = new StudyStore(StudyStorage.open(url, null, Duration.ofSeconds(30), s -> { }))) {
      StudyFaultsTest.await(Duration.ofMinutes(3), "three workers and 4 complete trials", () -> {
        try {
          Study s = store.find("slurm").orElse(null);
          return s != null && store.workers(s).size() >= 3 && complete(store, s) >= 4;
        } catch (RuntimeException e) {
          return false;
        }
      });
      Study s = store.require("slurm");
      run(elsewhere, "scancel", job + "_2");
      StudyFaultsTest.await(Duration.ofSeconds(60), "the cancelled worker STOPPED", () ->
          store.workers(s).stream().anyMatch(w -> w.state().equals("STOPPED")));
      StudyFaultsTest.await(Duration.ofMinutes(3), "8 complete trials", () -> complete(store, s) >= 8);
      run(elsewhere, "scancel", "--signal=KILL", job + "_3.0");
      StudyFaultsTest.await(Duration.ofMinutes(5), "the job array to end", () -> {
        String q = run(elsewhere, "squeue", "--noheader", "--array", "--jobs", job);
        return q.isBlank();
      });
      Thread.sleep(2_500);
      List<Trial> trials = store.trials(s);
      String logs = logs(elsewhere);
      assertEquals(24, trials.stream().filter(t -> Trial.COMPLETE.equals(t.state())).count(), logs);
      assertEquals(0, trials.stream().filter(t -> Trial.FAILED.equals(t.state())).count(), logs);
      List<StudyStore.Attempt> attempts = store.attempts(s);
      assertTrue(attempts.stream().anyMatch(a -> a.outcome().equals("RELEASED")), "scancel gave its trial back\n" + logs);
      assertTrue(attempts.stream().noneMatch(a -> a.outcome().equals(Trial.FAILED)), attempts + "\n" + logs);
      assertTrue(attempts.stream().anyMatch(a -> a.outcome().equals("STALE")),
          "the killed step's trial went stale and ran again\n" + attempts + "\n" + logs);
      System.out.println("slurm: " + trials.size() + " trials, attempts " + attempts.stream()
          .map(StudyStore.Attempt::outcome).collect(java.util.stream.Collectors.groupingBy(o -> o,
              java.util.TreeMap::new, java.util.stream.Collectors.counting())));
      assertEquals(List.of(), Objectives.alive(tmp), "no evaluation outlives its worker");
      WorkerProcesses.checkComplete(store, s, tmp);
    } finally {
      new ProcessBuilder("scancel", job).start().waitFor(30, TimeUnit.SECONDS); // the job may be over already
    }
  }

  /** The sbatch script of docs/studies.md: the bash block that starts with the #SBATCH job name. */
  static String recipe(Path doc) throws IOException {
    Matcher m = Pattern.compile("```bash\\n(#!/bin/bash\\n#SBATCH --job-name=nasbowl\\n.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(doc));
    assertTrue(m.find(), "no Slurm recipe in " + doc);
    return m.group(1);
  }

  /** A stand-in for ./nasbowl that runs the command line from the test class path (no Maven build in a job). */
  private Path launcher() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path f = tmp.resolve("nasbowl");
    Files.writeString(f, "#!/bin/sh\nexec '" + java + "' -Xmx512m -XX:TieredStopAtLevel=1 -cp '"
        + System.getProperty("java.class.path") + "' " + NasbowlCli.class.getName() + " \"$@\"\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    return f;
  }

  private static int complete(StudyStore store, Study s) {
    return (int) store.trials(s).stream().filter(t -> Trial.COMPLETE.equals(t.state())).count();
  }

  private String logs(Path dir) throws IOException {
    StringBuilder b = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) b.append("== ").append(p.getFileName()).append('\n').append(Files.readString(p));
    }
    return b.toString();
  }

  // -------------------------------------------------------------------------------------------- Slurm itself

  private static void requireSlurm() throws Exception {
    if (Files.isExecutable(Path.of("/usr/sbin/slurmctld")) && Files.isExecutable(Path.of("/usr/sbin/munged"))) return;
    Process p = new ProcessBuilder("sh", "-c", "DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0,
        "Slurm is not installed and apt-get could not install it (run as root: apt-get install slurm-wlm munge):\n" + out);
  }

  private void startSlurm() throws Exception {
    Path d = tmp.resolve("slurm");
    for (String sub : new String[] {"munge", "state", "spool", "log"}) Files.createDirectories(d.resolve(sub));
    Path key = d.resolve("munge/munge.key");
    byte[] bytes = new byte[1024];
    new java.security.SecureRandom().nextBytes(bytes);
    Files.write(key, bytes);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Path socket = d.resolve("munge/sock");
    daemon(d, List.of("/usr/sbin/munged", "--force", "--socket=" + socket, "--key-file=" + key,
        "--pid-file=" + d.resolve("munge/pid"), "--log-file=" + d.resolve("munge/log"), "--seed-file=" + d.resolve("munge/seed")),
        d.resolve("munge/pid"));
    String host = run(tmp, "hostname", "-s").strip();
    int ctld = Databases.closedPort();
    int slurmd = Databases.closedPort();
    Path conf = Files.writeString(d.resolve("slurm.conf"), String.join("\n",
        "ClusterName=nasbowltest", "SlurmctldHost=" + host, "SlurmctldPort=" + ctld, "SlurmdPort=" + slurmd,
        "SlurmUser=root", "SlurmdUser=root", "AuthType=auth/munge", "AuthInfo=socket=" + socket, "CredType=cred/munge",
        "StateSaveLocation=" + d.resolve("state"), "SlurmdSpoolDir=" + d.resolve("spool"),
        "SlurmctldPidFile=" + d.resolve("slurmctld.pid"), "SlurmdPidFile=" + d.resolve("slurmd.pid"),
        "SlurmctldLogFile=" + d.resolve("log/slurmctld.log"), "SlurmdLogFile=" + d.resolve("log/slurmd.log"),
        // every process of a job step is tracked through the process tree, as a cgroup would hold it
        "ProctrackType=proctrack/linuxproc", "TaskPlugin=task/none", "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_Core", "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none", "MpiDefault=none", "ReturnToService=2", "KillWait=30",
        "NodeName=" + host + " CPUs=" + Runtime.getRuntime().availableProcessors() + " State=UNKNOWN",
        "PartitionName=debug Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4", ""));
    env.put("SLURM_CONF", conf.toString());
    daemon(d, List.of("/usr/sbin/slurmctld", "-f", conf.toString()), d.resolve("slurmctld.pid"));
    daemon(d, List.of("/usr/sbin/slurmd", "-f", conf.toString()), d.resolve("slurmd.pid"));
    StudyFaultsTest.await(Duration.ofSeconds(60), "the node to be idle", () ->
        run(tmp, "sinfo", "--noheader", "-o", "%t").strip().startsWith("idle"));
  }

  private void daemon(Path dir, List<String> cmd, Path pidFile) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, cmd + ": " + out);
    pidFiles.add(pidFile);
  }

  private String run(Path dir, String... cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd));
      assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @org.junit.jupiter.api.AfterEach
  void stopDaemons() throws IOException {
    for (int i = pidFiles.size() - 1; i >= 0; i--) {
      Path f = pidFiles.get(i);
      if (!Files.exists(f)) continue;
      ProcessHandle.of(Long.parseLong(Files.readString(f).strip())).ifPresent(ProcessHandle::destroy);
    }
  }
}
