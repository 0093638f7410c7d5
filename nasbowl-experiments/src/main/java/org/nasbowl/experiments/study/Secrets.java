package org.nasbowl.experiments.study;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The passwords this process knows (from a storage URL, a password file or {@code PGPASSWORD}), so that every
 * line it prints or writes can be scrubbed of them. Values are registered where they are parsed
 * ({@link StorageUrl}, {@link StudyStorage}); {@link #scrub} replaces every occurrence of a registered value by
 * {@code ***}. This backs up the structural masking of URLs ({@link StorageUrl#display()}): a driver message,
 * an echoed argument or an exception that quotes the password verbatim still prints no password.
 */
public final class Secrets {
  private Secrets() {}

  /** Values shorter than this are not scrubbed from free text (they would mangle it); URLs still mask them. */
  static final int MIN_SCRUB_LENGTH = 3;

  private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();

  /** Registers a secret (null and empty values are ignored). */
  public static void register(String value) {
    if (value != null && !value.isEmpty()) VALUES.add(value);
  }

  /** The text with every registered secret of at least {@link #MIN_SCRUB_LENGTH} characters replaced by ***. */
  public static String scrub(String text) {
    if (text == null || VALUES.isEmpty()) return text;
    String out = text;
    // Longest first, so that a secret containing another is replaced whole.
    List<String> values = VALUES.stream().filter(v -> v.length() >= MIN_SCRUB_LENGTH)
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String v : values) out = out.replace(v, "***");
    return out;
  }

  /**
   * Registers what the command line and the environment reveal before anything is parsed: the value of every
   * {@code --storage} argument (its passwords), {@code NASBOWL_STORAGE} and {@code PGPASSWORD}.
   */
  public static void registerFrom(String[] args) {
    register(System.getenv("PGPASSWORD"));
    String env = System.getenv(StudyStorage.ENV);
    if (env != null) StorageUrl.registerSecrets(env);
    if (args == null) return;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a == null) continue;
      if (a.equals("--storage") && i + 1 < args.length && args[i + 1] != null) StorageUrl.registerSecrets(args[i + 1]);
      else if (a.startsWith("--storage=")) StorageUrl.registerSecrets(a.substring("--storage=".length()));
    }
  }
}
