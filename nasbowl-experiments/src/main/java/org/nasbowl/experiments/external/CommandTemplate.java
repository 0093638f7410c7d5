package org.nasbowl.experiments.external;

/**
 * The user's objective command: a {@code /bin/sh -c} command line in which {@value #ARCH} is replaced by the
 * architecture's notation, already shell-quoted (so it must not be quoted again), {@value #EVAL_ID} by the
 * evaluation id and {@value #SEED} by the training seed (0 for an architecture's first evaluation, r for its r-th
 * replicate: a noisy objective's repeat with another seed). The command also sees the environment variables
 * {@code NASBOWL_ARCH}, {@code NASBOWL_EVAL_ID} and {@code NASBOWL_SEED}, so a template need not mention any
 * placeholder.
 */
public final class CommandTemplate {
  public static final String ARCH = "{arch}";
  public static final String EVAL_ID = "{eval_id}";
  public static final String SEED = "{seed}";

  private final String template;

  /**
   * @throws IllegalArgumentException if the template is blank or quotes a placeholder itself (
   *     {@code '{arch}'} would put the notation outside quotes, where {@code |} starts a pipeline)
   */
  public CommandTemplate(String template) {
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException("the objective command is empty");
    }
    for (String q : new String[] {"'" + ARCH + "'", "\"" + ARCH + "\""}) {
      if (template.contains(q)) {
        throw new IllegalArgumentException("objective command " + quoteForMessage(template) + ": write " + ARCH
            + " without quotes; it is replaced by the architecture already shell-quoted, and " + q
            + " would leave characters such as '|' unquoted");
      }
    }
    this.template = template;
  }

  public String template() {
    return template;
  }

  /** The command line for an architecture's first evaluation (seed 0). */
  public String render(String notation, int evalId) {
    return render(notation, evalId, 0);
  }

  /** The command line for one evaluation: placeholders replaced in a single pass. */
  public String render(String notation, int evalId, int seed) {
    StringBuilder sb = new StringBuilder(template.length() + notation.length() + 8);
    int i = 0;
    while (i < template.length()) {
      if (template.startsWith(ARCH, i)) {
        sb.append(shellQuote(notation));
        i += ARCH.length();
      } else if (template.startsWith(EVAL_ID, i)) {
        sb.append(evalId);
        i += EVAL_ID.length();
      } else if (template.startsWith(SEED, i)) {
        sb.append(seed);
        i += SEED.length();
      } else {
        sb.append(template.charAt(i++));
      }
    }
    return sb.toString();
  }

  /** POSIX shell single-quoting: the result is one word whose value is exactly {@code s}. */
  public static String shellQuote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }

  static String quoteForMessage(String s) {
    return "'" + s + "'";
  }

  @Override
  public String toString() {
    return template;
  }
}
