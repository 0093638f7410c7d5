package org.nasbowl.core.bo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.nasbowl.core.space.SearchSpace;

/**
 * Saves and restores an optimiser's state exactly: an optimiser is a deterministic function of its factory,
 * seed and the sequence of asks and tells, so the state is that sequence. {@link #recording} wraps an
 * optimiser and appends every event (architectures in the space's notation) to the log, optionally handing
 * each event to a listener that persists it; {@link #replay} rebuilds the optimiser from a saved log and checks
 * that every replayed ask proposes exactly what was logged.
 */
public final class OptimizerLog {
  private OptimizerLog() {}

  /**
   * An ask (the proposals), a tell (one architecture and its observation), or a warm start (an observation the
   * optimiser did not propose, such as another run's result, told so that it is modelled and never proposed).
   */
  public sealed interface Event permits Ask, Tell, Warm {}

  /** An ask: the batch size requested and the proposed architectures' notations. */
  public record Ask(int batchSize, List<String> proposals) implements Event {
    public Ask {
      proposals = List.copyOf(proposals);
    }
  }

  /** A tell: one architecture's notation and its observation. */
  public record Tell(String architecture, Observation observation) implements Event {}

  /** A warm start: an architecture the optimiser did not propose, and its observation. */
  public record Warm(String architecture, Observation observation) implements Event {}

  /**
   * Tells an optimiser an observation it did not ask for. Only an optimiser whose whole state is its history
   * can take one (it is recorded as if proposed and told); others are refused.
   *
   * @throws IllegalArgumentException if the optimiser cannot take a warm start, or the architecture is known
   */
  public static <A> void warm(Optimizer<A> optimizer, A architecture, Observation observation) {
    if (!(optimizer instanceof HistoryBacked<A> h)) {
      throw new IllegalArgumentException("this method cannot be warm-started: its state is more than the "
          + "observations it was told");
    }
    if (h.history().seen(architecture)) {
      throw new IllegalArgumentException("warm start: " + h.history().space().format(architecture) + " is already known");
    }
    h.history().markPending(architecture);
    optimizer.tell(architecture, observation);
  }

  /** An optimiser that records its events. */
  public static final class Recording<A> implements Optimizer<A> {
    private final Optimizer<A> inner;
    private final SearchSpace<A> space;
    private final List<Event> events;
    private final Consumer<Event> listener;

    private Recording(Optimizer<A> inner, SearchSpace<A> space, List<Event> events, Consumer<Event> listener) {
      this.inner = inner;
      this.space = space;
      this.events = events;
      this.listener = listener;
    }

    @Override
    public List<A> ask(int batchSize) {
      List<A> out = inner.ask(batchSize);
      emit(new Ask(batchSize, out.stream().map(space::format).toList()));
      return out;
    }

    @Override
    public void tell(A architecture, Observation observation) {
      inner.tell(architecture, observation);
      emit(new Tell(space.format(architecture), observation));
    }

    /** The inner optimiser's recommendation (not an event: it changes nothing). */
    @Override
    public java.util.Optional<A> recommend() {
      return inner.recommend();
    }

    /** A warm start ({@link OptimizerLog#warm}), recorded. */
    public void warm(A architecture, Observation observation) {
      OptimizerLog.warm(inner, architecture, observation);
      emit(new Warm(space.format(architecture), observation));
    }

    private void emit(Event e) {
      events.add(e);
      if (listener != null) listener.accept(e);
    }

    /** The events so far (read-only view). */
    public List<Event> events() {
      return Collections.unmodifiableList(events);
    }

    public Optimizer<A> inner() {
      return inner;
    }
  }

  /** A fresh optimiser that records every event (and passes it to {@code listener}, which may be null). */
  public static <A> Recording<A> recording(OptimizerFactory factory, SearchSpace<A> space, long seed,
      Consumer<Event> listener) {
    return new Recording<>(factory.create(space, seed), space, new ArrayList<>(), listener);
  }

  /**
   * Rebuilds an optimiser from a log: replays every event into a fresh optimiser and returns it, still
   * recording (new events go to {@code listener}).
   *
   * @throws IllegalStateException if a replayed ask proposes something other than what was logged (the log
   *     belongs to another method, seed or version)
   */
  public static <A> Recording<A> replay(OptimizerFactory factory, SearchSpace<A> space, long seed, List<Event> log,
      Consumer<Event> listener) {
    Optimizer<A> opt = factory.create(space, seed);
    List<Event> events = new ArrayList<>();
    int k = 0;
    for (Event e : log) {
      k++;
      if (e instanceof Ask ask) {
        List<String> again = opt.ask(ask.batchSize()).stream().map(space::format).toList();
        if (!again.equals(ask.proposals())) {
          throw new IllegalStateException("event " + k + ": replayed ask proposed " + again + " but the log has "
              + ask.proposals() + "; the log was written by a different method, seed or version");
        }
      } else if (e instanceof Tell tell) {
        opt.tell(space.parse(tell.architecture()), tell.observation());
      } else if (e instanceof Warm warm) {
        warm(opt, space.parse(warm.architecture()), warm.observation());
      }
      events.add(e);
    }
    return new Recording<>(opt, space, events, listener);
  }
}
