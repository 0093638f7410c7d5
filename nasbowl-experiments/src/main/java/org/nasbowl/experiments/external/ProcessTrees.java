package org.nasbowl.experiments.external;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Kills a process with all its descendants (a training script's data-loader workers, a pipeline's stages).
 * Unix only. The tree is listed while the root is alive (once it dies, its children are re-parented and no
 * longer reachable from it) and killed from the top down, so no killed parent can start a replacement.
 */
final class ProcessTrees {
  private ProcessTrees() {}

  /** How long {@link #kill} waits for the killed processes to disappear. */
  static final long WAIT_MILLIS = 3_000;

  static void kill(Process process) {
    kill(process.toHandle());
  }

  static void kill(ProcessHandle root) {
    List<ProcessHandle> tree = topDown(root);
    for (ProcessHandle h : tree) h.destroyForcibly();
    // Children forked between the listing and the kill of their parent.
    List<ProcessHandle> late = new ArrayList<>();
    for (ProcessHandle h : tree) {
      if (h.isAlive()) late.addAll(h.descendants().toList());
    }
    for (ProcessHandle h : late) h.destroyForcibly();
    tree.addAll(late);
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
    for (ProcessHandle h : tree) {
      while (running(h) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** The root and its descendants, parents before children (breadth first). */
  static List<ProcessHandle> topDown(ProcessHandle root) {
    List<ProcessHandle> out = new ArrayList<>();
    out.add(root);
    for (int i = 0; i < out.size(); i++) {
      out.addAll(out.get(i).children().toList());
    }
    return out;
  }

  /**
   * True if the process exists and is not a zombie. An orphan killed here is re-parented to the init process,
   * which in some containers never reaps it, and {@link ProcessHandle#isAlive} reports zombies as alive.
   */
  static boolean running(ProcessHandle h) {
    if (!h.isAlive()) return false;
    Path stat = Path.of("/proc", Long.toString(h.pid()), "stat");
    try {
      String s = Files.readString(stat);
      int close = s.lastIndexOf(')');
      if (close >= 0 && close + 2 < s.length()) {
        char state = s.charAt(close + 2);
        return state != 'Z' && state != 'X';
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return h.isAlive();
    }
  }
}
