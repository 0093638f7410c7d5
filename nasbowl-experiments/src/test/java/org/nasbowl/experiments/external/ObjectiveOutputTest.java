package org.nasbowl.experiments.external;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nasbowl.core.bo.Observation;

class ObjectiveOutputTest {
  @TempDir Path tmp;

  private static String failure(String line) {
    Observation o = ObjectiveOutput.parse(line);
    assertFalse(o.ok(), line);
    return o.failure();
  }

  @Test
  void acceptsNumbersAndJsonInTheUnitInterval() {
    assertEquals(Observation.of(0.9123), ObjectiveOutput.parse("0.9123"));
    assertEquals(Observation.of(1.0), ObjectiveOutput.parse("1"));
    assertEquals(Observation.of(0.0), ObjectiveOutput.parse("0"));
    assertEquals(Observation.of(0.05), ObjectiveOutput.parse("5e-2"));
    assertEquals(Observation.of(0.5), ObjectiveOutput.parse(".5"));
    assertEquals(Observation.of(0.91, 0.9), ObjectiveOutput.parse("{\"valid_acc\": 0.91, \"test_acc\": 0.9}"));
    assertEquals(new Observation(OptionalDouble.of(0.5), OptionalDouble.empty(), OptionalDouble.of(3600),
        null), ObjectiveOutput.parse("{\"valid_acc\": 0.5, \"cost\": 3600, \"test_acc\": null, \"epoch\": 9}"));
  }

  @Test
  void rejectsEverythingElseWithAReason() {
    assertTrue(failure(null).startsWith("no output on stdout"));
    String pct = failure("93.2");
    assertTrue(pct.contains("accuracy 93.2 is outside [0, 1]") && pct.contains("print 0.932"), pct);
    assertTrue(failure("-0.1").contains("-0.1 is outside [0, 1]"));
    assertTrue(failure("1.0001").contains("outside [0, 1]"));
    assertTrue(failure("NaN").contains("neither a number nor a JSON object"));
    assertTrue(failure("0.9 0.8").contains("neither a number nor a JSON object"));
    assertTrue(failure("0x1p-1").contains("neither"));
    assertTrue(failure("acc=0.9").contains("'acc=0.9'"));
    assertTrue(failure("{\"valid_acc\": 95}").contains("valid_acc 95 is outside [0, 1]"));
    assertTrue(failure("{\"valid_acc\": 0.9, \"test_acc\": 90}").contains("test_acc 90 is outside [0, 1]"));
    assertTrue(failure("{\"valid_acc\": 0.9, \"cost\": -1}").contains("cost -1 must be"));
    assertTrue(failure("{\"valid_acc\": \"0.9\"}").contains("valid_acc must be a JSON number"));
    assertTrue(failure("{\"test_acc\": 0.9}").contains("has no valid_acc"));
    assertTrue(failure("{\"valid_acc\": 0.9").contains("not valid JSON"));
    assertTrue(failure("{'valid_acc': 0.9}").contains("single quotes"));
    assertTrue(failure("x".repeat(1000)).contains("x".repeat(300) + "..."));
    assertTrue(failure("a\u0001b").contains("a\\x01b"));
  }

  @Test
  void interpretsExitCodesTimeoutsAndTheLastNonEmptyLine() throws Exception {
    Path out = tmp.resolve("o");
    Path err = tmp.resolve("e");
    Files.writeString(out, "epoch 1\n0.5\n0.75\n\n   \n");
    Files.writeString(err, "");
    assertEquals(Observation.of(0.75), ObjectiveOutput.interpret(0, null, out, err));
    Files.writeString(err, "l1\nl2\nl3\nl4\nl5\nl6\nl7\n\n");
    assertEquals("exit code 1; stderr ends: l3 \\n l4 \\n l5 \\n l6 \\n l7",
        ObjectiveOutput.interpret(1, null, out, err).failure());
    assertEquals("exit code 137 (killed by signal 9); stderr ends: l3 \\n l4 \\n l5 \\n l6 \\n l7",
        ObjectiveOutput.interpret(137, null, out, err).failure());
    assertTrue(ObjectiveOutput.interpret(null, Duration.ofSeconds(60), out, err).failure()
        .startsWith("timed out after 60 s; the command and its child processes were killed; stderr ends: l3"));
    Files.delete(err);
    assertEquals("exit code 2", ObjectiveOutput.interpret(2, null, out, err).failure());
    // A long log: only the tail is read; the result is still its last line.
    Files.writeString(out, "log line\n".repeat(50_000) + "0.625\n");
    assertEquals(Observation.of(0.625), ObjectiveOutput.interpret(0, null, out, err));
  }

  @Test
  void commandTemplatesQuoteTheArchitecture() throws Exception {
    CommandTemplate t = new CommandTemplate("printf '%s\\n' {arch} {eval_id}; printf %s \"$X\"");
    String nasty = "|a'b~0|+|$(touch pwned)~0|\"c\\d`e`|; ls {eval_id}";
    String rendered = t.render(nasty, 12);
    Process p = new ProcessBuilder("/bin/sh", "-c", rendered).directory(tmp.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor());
    assertEquals(nasty + "\n12\n", out);
    assertFalse(Files.exists(tmp.resolve("pwned")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CommandTemplate("python train.py --arch '{arch}'"));
    assertTrue(e.getMessage().contains("without quotes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CommandTemplate("python t.py --arch \"{arch}\""));
    assertThrows(IllegalArgumentException.class, () -> new CommandTemplate("  "));
  }
}
