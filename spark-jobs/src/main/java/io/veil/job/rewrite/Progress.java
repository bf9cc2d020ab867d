package io.veil.job.rewrite;

import java.io.PrintStream;

/** Per-table progress lines on stderr: table, stage, elapsed seconds. */
public final class Progress {
  private final PrintStream out;
  private final long started = System.nanoTime();

  public Progress(PrintStream out) {
    this.out = out;
  }

  public void stage(String table, String stage) {
    out.printf("[veil] %-20s %-10s %7.1fs%n", table, stage, (System.nanoTime() - started) / 1e9);
  }

  public void info(String line) {
    out.println("[veil] " + line);
  }
}
