package org.nasbowl.experiments.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No password reaches any output or written file, whichever way it is given: as the URL's password parameter
 * (with ';', '@', an escaped '&' and a %-escape in it), in the URL's user-info part, in a password file, or in
 * PGPASSWORD. Every command that touches the storage runs with it, on a real PostgreSQL server: create, status,
 * list, a worker with a log directory, export, a refused command, an unreachable server and a malformed option.
 */
class StorageSecretsTest {
  @TempDir Path tmp;

  /** The password: every character that broke the old masking, and a tail that must never show. */
  static final String SECRET = "p;q@r&s%t_TAILSECRET";

  @Test
  void urlsAreTakenApartNotPatternMatched() {
    StorageUrl param = StorageUrl.parse("jdbc:postgresql://h:5432/db?user=u&password=p;q@r%26s%25t_X&ssl=true");
    assertEquals("p;q@r&s%t_X", param.password());
    assertEquals("jdbc:postgresql://h:5432/db?user=u&ssl=true", param.driverUrl());
    assertEquals("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true", param.display());
    StorageUrl info = StorageUrl.parse("jdbc:postgresql://alice:p;q%40r&s%25t@h:5432/db?ssl=true");
    assertEquals("alice", info.user());
    assertEquals("p;q@r&s%t", info.password());
    assertEquals("jdbc:postgresql://h:5432/db?ssl=true", info.driverUrl());
    assertEquals("jdbc:postgresql://alice:***@h:5432/db?ssl=true", info.display());
    // A raw '&' splits the parameter (as the driver does): the tail without '=' is never shown either.
    StorageUrl raw = StorageUrl.parse("jdbc:postgresql://h/db?user=u&password=ab&CDTAIL");
    assertEquals("jdbc:postgresql://h/db?user=u&password=***&***", raw.display());
    assertEquals("jdbc:sqlite:studies.db", StorageUrl.parse("jdbc:sqlite:studies.db").display());
  }

  /**
   * Each form has a password of its own (the secret with the form's number in it), so that a password masked
   * only because an earlier form registered it cannot hide a leak. The three forms that need no environment run
   * in this JVM; PGPASSWORD runs every command as a process of its own.
   */
  @Test
  void noPasswordInAnyOutputOrFile() throws Exception {
    var pg = Databases.postgres();
    int port = pg.getPort();
    String base = "jdbc:postgresql://localhost:" + port + "/postgres";
    record Form(String name, String secret, String url, List<String> extra, Map<String, String> env) {}
    List<Form> forms = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      String secret = SECRET.replace("TAIL", "TAIL" + i);
      String url = base + "?user=postgres";
      List<String> extra = List.of();
      Map<String, String> env = Map.of();
      String name;
      if (i == 1) {
        name = "parameter";
        url += "&password=" + secret.replace("%", "%25").replace("&", "%26");
      } else if (i == 2) {
        name = "user-info";
        url = "jdbc:postgresql://postgres:" + secret.replace("%", "%25").replace("@", "%40") + "@localhost:" + port
            + "/postgres";
      } else if (i == 3) {
        name = "file";
        extra = List.of("--storage-password-file", Files.writeString(tmp.resolve("pw"), secret + "\n").toString());
      } else {
        name = "PGPASSWORD";
        env = Map.of("PGPASSWORD", secret);
      }
      forms.add(new Form(name, secret, url, extra, env));
    }
    int n = 0;
    for (Form f : forms) {
      n++;
      String study = "secret-" + n + "-" + ProcessHandle.current().pid();
      String down = f.url().replace(":" + port + "/", ":" + Databases.closedPort() + "/");
      Path export = tmp.resolve("export-" + n);
      Path logs = tmp.resolve("logs-" + n);
      List<List<String>> commands = List.of(
          List.of("study", "create", "--name", study, "--space", "nb201", "--budget", "2", "--method", "random",
              "--storage", f.url()),
          List.of("study", "status", "--study", study, "--storage", f.url()),
          List.of("study", "list", "--storage", f.url()),
          List.of("worker", "--study", study, "--storage", f.url(), "--objective-cmd",
              "echo \"url=$NASBOWL_STORAGE\"; echo 0.5", "--heartbeat", "1", "--log-dir", logs.toString()),
          List.of("study", "export", "--study", study, "--out", export.toString(), "--storage", f.url()),
          List.of("study", "status", "--study", "no-such-study", "--storage", f.url()),
          List.of("study", "status", "--study", study, "--storage", down, "--storage-timeout", "1"),
          List.of("worker", "--study", study, "--storage", f.url(), "--objective-cmd", "true", "--retry-for", "x"),
          List.of("worker", "--study", study, "--storage", down, "--objective-cmd", "true", "--retry-for", "1"));
      StringBuilder all = new StringBuilder();
      for (List<String> c : commands) {
        List<String> args = new ArrayList<>(c);
        args.addAll(f.extra());
        all.append("$ ").append(String.join(" ", c.subList(0, 2))).append('\n');
        if (f.env().isEmpty()) {
          String[] r = runInProcess(args.toArray(String[]::new));
          all.append(r[0]).append(r[1]);
        } else {
          // A process of its own: PGPASSWORD is in its real environment.
          WorkerProcesses.Worker w = WorkerProcesses.cli(tmp, f.env(), args.toArray(String[]::new));
          assertTrue(w.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS), String.join(" ", c));
          all.append(w.output());
        }
      }
      String out = all.toString();
      assertTrue(out.contains("created study '" + study + "'"), f.name() + ":\n" + out);
      assertTrue(out.contains("the study is complete"), f.name() + ": the worker ran with these credentials\n" + out);
      assertTrue(out.contains("no study 'no-such-study'"), out);
      assertTrue(out.contains("Invalid value for option '--retry-for'"), out);
      assertTrue(out.contains("***") || f.name().equals("file") || f.name().equals("PGPASSWORD"), out);
      assertClean(f.name() + " output", f.secret(), out);
      try (Stream<Path> files = Files.walk(tmp)) {
        for (Path p : files.filter(Files::isRegularFile).toList()) {
          if (p.getFileName().toString().equals("pw")) continue;
          assertClean(f.name() + ": " + p, f.secret(), Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    }
  }

  private static String[] runInProcess(String... args) {
    picocli.CommandLine cl = org.nasbowl.experiments.cli.NasbowlCli.commandLine();
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    cl.setOut(new java.io.PrintWriter(out));
    cl.setErr(new java.io.PrintWriter(err));
    cl.execute(args);
    return new String[] {out.toString(), err.toString()};
  }

  private static void assertClean(String where, String secret, String text) {
    String tail = secret.substring(secret.indexOf("TAIL"));
    for (String part : new String[] {secret, tail, secret.replace("%", "%25").replace("&", "%26"),
        secret.replace("%", "%25").replace("@", "%40"), "s%t_TAIL", "p;q@r"}) {
      assertFalse(text.contains(part), where + " shows the password (" + part + "):\n" + text);
    }
  }

  @Test
  void secretsAreScrubbedFromFreeText() throws IOException {
    Secrets.register("hunter2-long");
    assertEquals("login failed: *** was wrong", Secrets.scrub("login failed: hunter2-long was wrong"));
    Secrets.register("ab");
    assertEquals("ab stays: too short to scrub from prose", Secrets.scrub("ab stays: too short to scrub from prose"));
  }
}
