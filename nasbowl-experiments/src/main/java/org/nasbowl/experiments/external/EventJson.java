package org.nasbowl.experiments.external;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.bo.OptimizerLog;

/**
 * JSON for {@link OptimizerLog.Event} and {@link Observation}, one event per line in {@code events.jsonl}:
 * <pre>
 * {"type":"ask","batch_size":3,"proposals":["arch1","arch2","arch3"]}
 * {"type":"tell","architecture":"arch2","observation":{"value":0.9123,"test_value":0.9001,"cost":3600.0}}
 * {"type":"tell","architecture":"arch1","observation":{"failure":"exit code 1; stderr ends: ..."}}
 * {"type":"warm","architecture":"arch9","observation":{"value":0.88}}
 * </pre>
 * A warm event is an observation from elsewhere ({@code search --warm-start}) told before the first ask.
 * An observation has {@code value} (the objective, validation accuracy) or {@code failure} (the reason), never
 * both; {@code test_value} and {@code cost} are present only when known. Doubles are written so that they read
 * back bit for bit. Unknown fields are ignored (the driver adds {@code eval_id} and {@code seconds} to tells).
 * Malformed input is an {@link IllegalArgumentException} naming the field.
 */
public final class EventJson {
  private EventJson() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A mapper that reads and writes events and observations and rejects trailing text after a value. */
  public static ObjectMapper mapper() {
    return new ObjectMapper().registerModule(module())
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  private static final ObjectMapper MAPPER = mapper();

  /** Jackson (de)serialisers for {@link OptimizerLog.Event} (and its two records) and {@link Observation}. */
  public static SimpleModule module() {
    SimpleModule m = new SimpleModule("nasbowl-events");
    m.addSerializer(OptimizerLog.Event.class, new TreeSerializer<>(OptimizerLog.Event.class, EventJson::toNode));
    m.addSerializer(Observation.class, new TreeSerializer<>(Observation.class, EventJson::toNode));
    m.addDeserializer(OptimizerLog.Event.class, new TreeDeserializer<>(OptimizerLog.Event.class,
        EventJson::eventFromNode));
    m.addDeserializer(OptimizerLog.Ask.class, new TreeDeserializer<>(OptimizerLog.Ask.class,
        n -> (OptimizerLog.Ask) expectType(eventFromNode(n), OptimizerLog.Ask.class)));
    m.addDeserializer(OptimizerLog.Tell.class, new TreeDeserializer<>(OptimizerLog.Tell.class,
        n -> (OptimizerLog.Tell) expectType(eventFromNode(n), OptimizerLog.Tell.class)));
    m.addDeserializer(Observation.class, new TreeDeserializer<>(Observation.class, EventJson::observationFromNode));
    return m;
  }

  /** One line of {@code events.jsonl} (without the newline). */
  public static String toLine(OptimizerLog.Event event) {
    return toLine(toNode(event));
  }

  static String toLine(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses one line; {@link IllegalArgumentException} if it is not a well-formed event. */
  public static OptimizerLog.Event parseLine(String line) {
    return eventFromNode(readTree(line));
  }

  static JsonNode readTree(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
  }

  public static ObjectNode toNode(OptimizerLog.Event event) {
    ObjectNode n = NODES.objectNode();
    if (event instanceof OptimizerLog.Ask ask) {
      n.put("type", "ask");
      n.put("batch_size", ask.batchSize());
      ArrayNode a = n.putArray("proposals");
      ask.proposals().forEach(a::add);
    } else if (event instanceof OptimizerLog.Tell tell) {
      n.put("type", "tell");
      n.put("architecture", tell.architecture());
      n.set("observation", toNode(tell.observation()));
    } else if (event instanceof OptimizerLog.Warm warm) {
      n.put("type", "warm");
      n.put("architecture", warm.architecture());
      n.set("observation", toNode(warm.observation()));
    } else {
      throw new IllegalArgumentException("unknown event " + event);
    }
    return n;
  }

  public static ObjectNode toNode(Observation o) {
    ObjectNode n = NODES.objectNode();
    putIfPresent(n, "value", o.value());
    putIfPresent(n, "test_value", o.testValue());
    putIfPresent(n, "cost", o.cost());
    if (o.failure() != null) n.put("failure", o.failure());
    return n;
  }

  private static void putIfPresent(ObjectNode n, String field, OptionalDouble v) {
    if (v.isEmpty()) return;
    double d = v.getAsDouble();
    // JSON has no NaN or infinities; the string forms read back through Double.parseDouble.
    if (Double.isFinite(d)) n.put(field, d);
    else n.put(field, Double.toString(d));
  }

  public static OptimizerLog.Event eventFromNode(JsonNode n) {
    if (n == null || !n.isObject()) throw new IllegalArgumentException("an event must be a JSON object");
    String type = text(n, "type");
    switch (type) {
      case "ask": {
        JsonNode bs = n.get("batch_size");
        if (bs == null || !bs.canConvertToInt() || !bs.isIntegralNumber() || bs.intValue() < 0) {
          throw new IllegalArgumentException("field 'batch_size': expected a non-negative integer, found " + bs);
        }
        JsonNode ps = n.get("proposals");
        if (ps == null || !ps.isArray()) {
          throw new IllegalArgumentException("field 'proposals': expected an array of architectures, found " + ps);
        }
        List<String> proposals = new ArrayList<>(ps.size());
        for (int i = 0; i < ps.size(); i++) {
          JsonNode p = ps.get(i);
          if (!p.isTextual()) {
            throw new IllegalArgumentException("field 'proposals': entry " + (i + 1) + " is not a string: " + p);
          }
          proposals.add(p.textValue());
        }
        if (proposals.size() > bs.intValue()) {
          throw new IllegalArgumentException("field 'proposals': " + proposals.size()
              + " proposals for a batch of " + bs.intValue());
        }
        return new OptimizerLog.Ask(bs.intValue(), proposals);
      }
      case "tell":
      case "warm": {
        String arch = text(n, "architecture");
        JsonNode obs = n.get("observation");
        if (obs == null) throw new IllegalArgumentException("field 'observation' is missing");
        Observation o = observationFromNode(obs);
        return type.equals("tell") ? new OptimizerLog.Tell(arch, o) : new OptimizerLog.Warm(arch, o);
      }
      default:
        throw new IllegalArgumentException("field 'type': expected \"ask\", \"tell\" or \"warm\", found \""
            + type + "\"");
    }
  }

  public static Observation observationFromNode(JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("field 'observation': expected a JSON object, found " + n);
    }
    OptionalDouble value = number(n, "value");
    OptionalDouble test = number(n, "test_value");
    OptionalDouble cost = number(n, "cost");
    JsonNode f = n.get("failure");
    String failure = null;
    if (f != null && !f.isNull()) {
      if (!f.isTextual()) throw new IllegalArgumentException("field 'failure': expected a string, found " + f);
      failure = f.textValue();
    }
    if (value.isPresent() == (failure != null)) {
      throw new IllegalArgumentException("field 'observation': needs exactly one of 'value' and 'failure'");
    }
    if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
      throw new IllegalArgumentException("field 'value': must be finite, found " + value.getAsDouble());
    }
    return new Observation(value, test, cost, failure);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null) throw new IllegalArgumentException("field '" + field + "' is missing");
    if (!v.isTextual()) throw new IllegalArgumentException("field '" + field + "': expected a string, found " + v);
    return v.textValue();
  }

  private static OptionalDouble number(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) return OptionalDouble.empty();
    if (v.isNumber()) return OptionalDouble.of(v.doubleValue());
    if (v.isTextual()) {
      switch (v.textValue()) {
        case "NaN": return OptionalDouble.of(Double.NaN);
        case "Infinity": return OptionalDouble.of(Double.POSITIVE_INFINITY);
        case "-Infinity": return OptionalDouble.of(Double.NEGATIVE_INFINITY);
        default: break;
      }
    }
    throw new IllegalArgumentException("field '" + field + "': expected a number, found " + v);
  }

  private static Object expectType(Object o, Class<?> type) {
    if (!type.isInstance(o)) {
      throw new IllegalArgumentException("expected a " + type.getSimpleName().toLowerCase() + " event");
    }
    return o;
  }

  /** A conversion that may reject its input with an {@link IllegalArgumentException}. */
  private interface FromTree<T> {
    T convert(JsonNode node);
  }

  private interface ToTree<T> {
    JsonNode convert(T value);
  }

  private static final class TreeSerializer<T> extends StdSerializer<T> {
    private final transient ToTree<T> to;

    TreeSerializer(Class<T> type, ToTree<T> to) {
      super(type);
      this.to = to;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeTree(to.convert(value));
    }
  }

  private static final class TreeDeserializer<T> extends StdDeserializer<T> {
    private final transient FromTree<T> from;

    TreeDeserializer(Class<T> type, FromTree<T> from) {
      super(type);
      this.from = from;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = p.readValueAsTree();
      try {
        return from.convert(node);
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage(), e);
      }
    }
  }
}
