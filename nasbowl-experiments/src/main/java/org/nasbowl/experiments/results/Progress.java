package org.nasbowl.experiments.results;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long job: a redrawn bar with ETA on a terminal, plain lines at most every {@code interval}
 * seconds otherwise (logs, CI). Thread-safe.
 */
public final class Progress {
  private final PrintWriter out;
  private final String label;
  private final long total;
  private final boolean terminal;
  private final long intervalNanos;
  private final long start = System.nanoTime();
  private long done;
  private long lastPrint;

  public Progress(PrintWriter out, String label, long total, boolean terminal, double intervalSeconds) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.terminal = terminal;
    this.intervalNanos = (long) (intervalSeconds * 1e9);
  }

  /** Whether standard output is an interactive terminal. */
  public static boolean isTerminal() {
    return System.console() != null;
  }

  public synchronized void advance(long by, String detail) {
    done += by;
    long now = System.nanoTime();
    boolean last = done >= total;
    if (!last && now - lastPrint < (terminal ? 200_000_000L : intervalNanos)) return;
    lastPrint = now;
    double elapsed = (now - start) / 1e9;
    double eta = done == 0 ? Double.NaN : elapsed * (total - done) / done;
    if (terminal) {
      int width = 30;
      int filled = (int) Math.round(width * (double) done / Math.max(1, total));
      out.printf(Locale.ROOT, "\r%s [%s%s] %d/%d  %s elapsed, ETA %s  %s", label, "#".repeat(filled),
          ".".repeat(width - filled), done, total, time(elapsed), time(eta), detail == null ? "" : detail);
      if (last) out.println();
    } else {
      out.printf(Locale.ROOT, "%s: %d/%d done, %s elapsed, ETA %s%s%n", label, done, total, time(elapsed), time(eta),
          detail == null ? "" : " (" + detail + ")");
    }
    out.flush();
  }

  static String time(double s) {
    if (Double.isNaN(s)) return "?";
    long t = Math.round(s);
    return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
  }
}
