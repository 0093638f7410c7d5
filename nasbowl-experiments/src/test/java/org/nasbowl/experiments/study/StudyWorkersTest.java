package org.nasbowl.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.experiments.external.ExternalObjectiveDriver;
import org.nasbowl.experiments.external.UserSpaces;
import org.nasbowl.experiments.nas.Methods;

/**
 * Workers on real databases: one in-process worker against the run-directory search; four worker processes
 * sharing a study; workers killed with SIGKILL mid-evaluation.
 */
class StudyWorkersTest {
  @TempDir Path tmp;

  static final String SETTINGS = StudyOptimizer.settings(NasBowlConfig.Acquisition.EI,
      NasBowlConfig.Batch.KRIGING_BELIEVER);

  /** A store on the URL that waits out outages of up to 30 s. */
  static StudyStore open(String url) {
    return new StudyStore(StudyStorage.open(url, null, Duration.ofSeconds(30), s -> { }));
  }

  /**
   * The second method keeps its GP between asks from 6 results on and selects its hyperparameters only every 20%
   * of growth (as the default does from 500 results): the worker and the search still propose the same.
   */
  @ParameterizedTest
  @ValueSource(strings = {"nasbowl-m", "nasbowl-m[refit=0.2;refit-from=6]"})
  void oneWorkerProposesExactlyWhatTheRunDirectorySearchProposes(String method) throws Exception {
    int budget = method.contains("refit") ? 30 : 24;
    long seed = 5;
    String command = Objectives.synthetic(tmp, 0, 0);
    Path runDir = tmp.resolve("run");
    new ExternalObjectiveDriver<>(UserSpaces.byName("nb201"), Methods.factory(method, false, true,
        NasBowlConfig.Acquisition.EI, NasBowlConfig.Batch.KRIGING_BELIEVER),
        new ExternalObjectiveDriver.Settings(method, seed, command, 1, budget, null, runDir, tmp), s -> { }).run();
    List<String> searched = new ArrayList<>();
    try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(Files.newBufferedReader(runDir.resolve(ExternalObjectiveDriver.RESULTS)))) {
      for (CSVRecord r : parser) searched.add(r.get("architecture"));
    }
    try (StudyStore store = open(Databases.fresh(Databases.Kind.SQLITE, tmp))) {
      Study s = store.create(new StudyStore.NewStudy("same", "nb201", method, seed, budget, 1, SETTINGS), false)
          .getKey();
      StudyWorker.Summary sum = new StudyWorker(store, s, new StudyWorker.Settings(command, null, 0,
          Duration.ofSeconds(30), 3, tmp, null, true), line -> { }).run();
      assertTrue(sum.studyComplete());
      List<String> studied = store.trials(s).stream().map(Trial::notation).toList();
      assertEquals(budget, searched.size());
      assertEquals(searched, studied);
    }
  }

  /** Four worker JVMs on a study, with the synthetic objective sleeping 50-300 ms per evaluation. */
  private List<WorkerProcesses.Worker> startFour(String url, String study) throws Exception {
    String command = Objectives.synthetic(tmp, 50, 300);
    List<WorkerProcesses.Worker> workers = new ArrayList<>();
    for (int i = 0; i < 4; i++) workers.add(WorkerProcesses.start(tmp, url, study, command));
    return workers;
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void fourWorkerProcessesShareOneStudy(Databases.Kind kind) throws Exception {
    String url = Databases.fresh(kind, tmp);
    try (StudyStore store = open(url)) {
      Study s = store.create(new StudyStore.NewStudy("shared", "nb201", "nasbowl-m", 1, 60, 4, SETTINGS), false)
          .getKey();
      List<WorkerProcesses.Worker> workers = startFour(url, "shared");
      WorkerProcesses.awaitAll(workers, Duration.ofMinutes(3));
      WorkerProcesses.checkComplete(store, s, tmp);
      assertEquals(60, Objectives.lines(tmp).size(), "no architecture was evaluated twice");
      Set<String> ran = new HashSet<>();
      for (Trial t : store.trials(s)) ran.add(t.worker());
      assertTrue(ran.size() >= 2, "the work was shared: " + ran);
      for (WorkerProcesses.Worker w : workers) assertTrue(w.output().contains("the study is complete"), w.output());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Databases.Kind.class)
  void trialsOfKilledWorkersGoStaleAndRunAgain(Databases.Kind kind) throws Exception {
    String url = Databases.fresh(kind, tmp);
    String command = Objectives.synthetic(tmp, 50, 300);
    try (StudyStore store = open(url)) {
      Study s = store.create(new StudyStore.NewStudy("faults", "nb201", "nasbowl-m", 2, 60, 4, SETTINGS), false)
          .getKey();
      List<WorkerProcesses.Worker> workers = startFour(url, "faults");
      Set<Long> orphaned = new HashSet<>();
      for (WorkerProcesses.Worker victim : workers.subList(0, 2)) {
        String id = "-" + victim.process().pid() + "-";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (store.trials(s).stream().noneMatch(t -> Trial.RUNNING.equals(t.state()) && t.worker().contains(id))) {
          assertTrue(victim.process().isAlive(), victim.output());
          assertTrue(System.nanoTime() < deadline, "the worker never started a trial");
          Thread.sleep(5);
        }
        victim.process().destroyForcibly(); // SIGKILL
        victim.process().waitFor();
        for (Trial t : store.trials(s)) {
          if (Trial.RUNNING.equals(t.state()) && t.worker().contains(id)) orphaned.add(t.id());
        }
      }
      assertFalse(orphaned.isEmpty(), "a killed worker left a running trial");
      List<WorkerProcesses.Worker> rest = new ArrayList<>(workers.subList(2, 4));
      for (int i = 0; i < 2; i++) rest.add(WorkerProcesses.start(tmp, url, "faults", command));
      WorkerProcesses.awaitAll(rest, Duration.ofMinutes(3));
      WorkerProcesses.checkComplete(store, s, tmp);
      for (Trial t : store.trials(s)) {
        if (!orphaned.contains(t.id())) continue;
        assertTrue(t.attempt() >= 2, "trial " + t.number() + " was started again");
        assertTrue(store.attempts(s).stream().anyMatch(a -> a.trialNumber() == t.number() && a.outcome().equals("STALE")));
      }
      String logs = rest.get(0).output() + rest.get(1).output() + rest.get(2).output() + rest.get(3).output();
      assertTrue(logs.contains("is stale"), logs);
    }
  }
}
