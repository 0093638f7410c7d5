package org.nasbowl.experiments.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.nasbowl.core.bo.HistoryBacked;
import org.nasbowl.core.bo.NasBowlConfig;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.bo.Optimizer;
import org.nasbowl.core.space.SearchSpace;
import org.nasbowl.experiments.external.UserSpaces;
import org.nasbowl.experiments.nas.Methods;

/**
 * A study's optimiser, rebuilt from the database at every ask: the finished trials are its observations in tell
 * order, the running and stale ones its pending architectures, and the number of trials its ask count
 * ({@link org.nasbowl.core.bo.History#restore}). With one worker this is the state a run-directory search with
 * {@code --parallel 1} reaches after the same asks and tells, so both propose the same architectures. One
 * instance is kept per worker so that its caches survive between asks: the WL features of every architecture seen
 * and NAS-BOWL's fitted GP, which a new result extends at O(n^2) instead of a fit from scratch (the model is a
 * function of the results alone, so a new worker builds the same one).
 */
public final class StudyOptimizer<A> implements StudyStore.Proposer {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Methods whose whole state is their history (local search keeps a centre of its own). */
  public static final List<String> METHODS = Methods.IDS.stream().filter(m -> !m.equals("local")).toList();

  private final SearchSpace<A> space;
  private final HistoryBacked<A> optimizer;

  private StudyOptimizer(SearchSpace<A> space, HistoryBacked<A> optimizer) {
    this.space = space;
    this.optimizer = optimizer;
  }

  /** The optimiser of a study. */
  public static StudyOptimizer<?> of(Study s) {
    return of(UserSpaces.byName(s.space()), s);
  }

  private static <A> StudyOptimizer<A> of(SearchSpace<A> space, Study s) {
    checkMethod(s.method());
    JsonNode settings = readSettings(s.settings());
    NasBowlConfig.Acquisition acq = NasBowlConfig.Acquisition.valueOf(settings.path("acquisition").asText("EI"));
    NasBowlConfig.Batch batch = NasBowlConfig.Batch.valueOf(settings.path("selection").asText("KRIGING_BELIEVER"));
    // The objective is the user's training script: not assumed noise-free, as in 'nasbowl search --objective-cmd'.
    Optimizer<A> o = Methods.factory(s.method(), false, true, acq, batch).create(space, s.seed());
    return new StudyOptimizer<>(space, (HistoryBacked<A>) o);
  }

  /** @throws IllegalArgumentException for a method that cannot run in a study */
  public static void checkMethod(String method) {
    Methods.describe(method);
    // A variant (nasbowl-m[replicates=1]) drives a study when its method does.
    String base = method.contains("[") ? method.substring(0, method.indexOf('[')) : method;
    if (!METHODS.contains(base)) {
      throw new IllegalArgumentException("method '" + method + "' cannot drive a study (its state is more than its "
          + "observations); use one of " + METHODS);
    }
  }

  /** The settings JSON of a study: NAS-BOWL's acquisition and batch selection. */
  public static String settings(NasBowlConfig.Acquisition acquisition, NasBowlConfig.Batch selection) {
    ObjectNode n = JSON.createObjectNode();
    n.put("acquisition", acquisition.name());
    n.put("selection", selection.name());
    return n.toString();
  }

  private static JsonNode readSettings(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the study's settings are not JSON: " + text);
    }
  }

  public SearchSpace<A> space() {
    return space;
  }

  /** The canonical key of an architecture given in the space's notation (checks the notation). */
  public String key(String notation) {
    return space.key(space.parse(notation));
  }

  private void restore(List<Trial> told, List<Trial> pending, long asks) {
    List<A> archs = new ArrayList<>(told.size());
    List<Observation> obs = new ArrayList<>(told.size());
    for (Trial t : told) {
      archs.add(space.parse(t.notation()));
      obs.add(observation(t));
    }
    List<A> waiting = new ArrayList<>(pending.size());
    for (Trial t : pending) waiting.add(space.parse(t.notation()));
    optimizer.history().restore(archs, obs, waiting, asks);
  }

  /**
   * The study's recommendation from its trials: the optimiser's model's choice among the evaluated architectures
   * (NAS-BOWL: the highest lower confidence bound, replicates pooled), or empty when it has none (then the best trial is
   * the recommendation).
   */
  public Optional<String> recommend(List<Trial> trials) {
    List<Trial> told = new ArrayList<>(trials.stream().filter(Trial::done).toList());
    told.sort(java.util.Comparator.comparingInt(Trial::tellSeq));
    List<Trial> pending = trials.stream().filter(t -> !t.done()).toList();
    restore(told, pending, trials.size());
    return optimizer.recommend().map(space::format);
  }

  /** What a finished trial told the optimiser. */
  public static Observation observation(Trial t) {
    if (Trial.FAILED.equals(t.state())) return Observation.failed(t.reason());
    return new Observation(OptionalDouble.of(t.valid()), t.test() == null ? OptionalDouble.empty()
        : OptionalDouble.of(t.test()), t.cost() == null ? OptionalDouble.empty() : OptionalDouble.of(t.cost()), null);
  }

  @Override
  public List<StudyStore.Proposal> propose(Study study, List<Trial> told, List<Trial> pending, long asks) {
    restore(told, pending, asks);
    List<A> got = optimizer.ask(1);
    if (got.isEmpty()) return List.of();
    List<StudyStore.Proposal> out = new ArrayList<>();
    // A replicate's number is how many results its architecture has (none of it can be pending besides this one).
    for (A a : got) out.add(new StudyStore.Proposal(space.key(a), space.format(a), optimizer.history().evaluations(space.key(a))));
    for (A a : optimizer.alternatives()) out.add(new StudyStore.Proposal(space.key(a), space.format(a), 0));
    return out;
  }
}
