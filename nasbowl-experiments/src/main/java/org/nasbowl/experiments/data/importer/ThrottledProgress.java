package org.nasbowl.experiments.data.importer;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * An {@link ImportProgress} that prints one line at most every {@code intervalMillis} (and never for inputs
 * that take less than that): items done, rate in items per second and the share of input bytes consumed.
 */
public final class ThrottledProgress implements ImportProgress {
  private final String label;
  private final String unit;
  private final PrintWriter out;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final long startNanos;
  private long lastNanos;
  private boolean printed;

  public ThrottledProgress(String label, String unit, PrintWriter out, long intervalMillis) {
    this(label, unit, out, intervalMillis, System::nanoTime);
  }

  ThrottledProgress(String label, String unit, PrintWriter out, long intervalMillis, LongSupplier clock) {
    this.label = label;
    this.unit = unit;
    this.out = out;
    this.intervalNanos = intervalMillis * 1_000_000L;
    this.clock = clock;
    this.startNanos = clock.getAsLong();
    this.lastNanos = startNanos;
  }

  @Override
  public void update(long items, long bytesDone, long bytesTotal) {
    long now = clock.getAsLong();
    if (now - lastNanos < intervalNanos) return;
    lastNanos = now;
    printed = true;
    out.println(line(items, bytesDone, bytesTotal, now));
    out.flush();
  }

  /** Whether any progress line was printed. */
  public boolean printedAny() {
    return printed;
  }

  /** Seconds since this object was created. */
  public double elapsedSeconds() {
    return (clock.getAsLong() - startNanos) / 1e9;
  }

  private String line(long items, long bytesDone, long bytesTotal, long now) {
    double secs = Math.max((now - startNanos) / 1e9, 1e-9);
    StringBuilder sb = new StringBuilder(label).append(": ")
        .append(String.format(Locale.ROOT, "%,d %s, %,.0f %s/s", items, unit, items / secs, unit));
    if (bytesTotal > 0) {
      sb.append(String.format(Locale.ROOT, ", %.1f%% of %,.1f MB", 100.0 * bytesDone / bytesTotal,
          bytesTotal / 1e6));
    }
    return sb.append(String.format(Locale.ROOT, ", %.0f s", secs)).toString();
  }
}
