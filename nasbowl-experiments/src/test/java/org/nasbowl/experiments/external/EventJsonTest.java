package org.nasbowl.experiments.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.nasbowl.core.bo.Observation;
import org.nasbowl.core.bo.OptimizerLog;

class EventJsonTest {
  private static final String ARCH = "|nor_conv_3x3~0|+|skip_connect~0|avg_pool_3x3~1|+|none~0|nor_conv_1x1~1|"
      + "skip_connect~2|";

  private static final List<OptimizerLog.Event> EVENTS = List.of(
      new OptimizerLog.Ask(3, List.of(ARCH, "a\"b\\c", "ünï")),
      new OptimizerLog.Ask(2, List.of()),
      new OptimizerLog.Tell(ARCH, Observation.of(0.1 + 0.2)),
      new OptimizerLog.Tell(ARCH, Observation.of(Math.nextUp(0.9), 1e-300)),
      new OptimizerLog.Tell(ARCH, new Observation(OptionalDouble.of(0.5), OptionalDouble.empty(),
          OptionalDouble.of(3600.25), null)),
      new OptimizerLog.Tell(ARCH, new Observation(OptionalDouble.of(0.5), OptionalDouble.of(Double.NaN),
          OptionalDouble.of(Double.POSITIVE_INFINITY), null)),
      new OptimizerLog.Tell(ARCH, Observation.failed("exit code 1; stderr ends: \"quoted\" \\n line\ttab\n")));

  @Test
  void eventsRoundTripExactlyThroughLinesAndTheJacksonModule() throws Exception {
    ObjectMapper mapper = EventJson.mapper();
    for (OptimizerLog.Event e : EVENTS) {
      String line = EventJson.toLine(e);
      assertTrue(!line.contains("\n"), line);
      assertEquals(e, EventJson.parseLine(line));
      String viaMapper = mapper.writeValueAsString(e);
      assertEquals(line, viaMapper);
      assertEquals(e, mapper.readValue(viaMapper, OptimizerLog.Event.class));
      assertEquals(e, mapper.readValue(viaMapper, e.getClass()));
    }
    Observation o = Observation.of(0.25, 0.125);
    assertEquals(o, mapper.readValue(mapper.writeValueAsString(o), Observation.class));
  }

  @Test
  void theFormatIsDocumented() {
    assertEquals("{\"type\":\"ask\",\"batch_size\":1,\"proposals\":[\"x\"]}",
        EventJson.toLine(new OptimizerLog.Ask(1, List.of("x"))));
    assertEquals("{\"type\":\"tell\",\"architecture\":\"x\",\"observation\":{\"value\":0.9,\"test_value\":0.8}}",
        EventJson.toLine(new OptimizerLog.Tell("x", Observation.of(0.9, 0.8))));
    assertEquals("{\"type\":\"tell\",\"architecture\":\"x\",\"observation\":{\"failure\":\"boom\"}}",
        EventJson.toLine(new OptimizerLog.Tell("x", Observation.failed("boom"))));
    // Fields beyond the event (the driver's eval_id and seconds) are ignored.
    assertEquals(new OptimizerLog.Tell("x", Observation.of(0.5)), EventJson.parseLine(
        "{\"type\":\"tell\",\"architecture\":\"x\",\"observation\":{\"value\":0.5},\"eval_id\":3,\"seconds\":1.5}"));
  }

  @Test
  void malformedEventsNameTheField() throws Exception {
    String[][] cases = {
        {"{\"type\":\"bogus\"}", "field 'type'"},
        {"{\"batch_size\":1,\"proposals\":[]}", "field 'type' is missing"},
        {"{\"type\":\"ask\",\"batch_size\":-1,\"proposals\":[]}", "field 'batch_size'"},
        {"{\"type\":\"ask\",\"batch_size\":1,\"proposals\":[1]}", "field 'proposals': entry 1"},
        {"{\"type\":\"ask\",\"batch_size\":1,\"proposals\":[\"a\",\"b\"]}", "2 proposals for a batch of 1"},
        {"{\"type\":\"tell\",\"architecture\":\"x\"}", "field 'observation' is missing"},
        {"{\"type\":\"tell\",\"architecture\":\"x\",\"observation\":{}}", "exactly one of 'value' and 'failure'"},
        {"{\"type\":\"tell\",\"architecture\":\"x\",\"observation\":{\"value\":0.5,\"failure\":\"f\"}}",
            "exactly one"},
        {"{\"type\":\"tell\",\"architecture\":\"x\",\"observation\":{\"value\":\"high\"}}", "field 'value'"},
        {"{\"type\":\"tell\",\"architecture\":7,\"observation\":{\"value\":0.5}}", "field 'architecture'"},
        {"{\"type\":\"ask\",\"batch_size\":1,\"proposals\":[]} {}", "not valid JSON"},
        {"[1]", "must be a JSON object"},
    };
    for (String[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventJson.parseLine(c[0]),
          c[0]);
      assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
    }
    JsonMappingException e = assertThrows(JsonMappingException.class,
        () -> EventJson.mapper().readValue("{\"type\":\"bogus\"}", OptimizerLog.Event.class));
    assertTrue(e.getMessage().contains("field 'type'"), e.getMessage());
  }
}
