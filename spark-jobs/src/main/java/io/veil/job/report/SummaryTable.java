package io.veil.job.report;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The short table printed at the end of a run: one line per table. */
public final class SummaryTable {
  private SummaryTable() {}

  public static void print(RunReport run, PrintStream out) {
    String format = "%-20s %-9s %12s %12s %11s %5s %7s %9s%n";
    out.printf(
        format,
        "table",
        "status",
        "rows in",
        "rows out",
        "transformed",
        "kept",
        "dropped",
        "seconds");
    for (TableReport t : run.tables()) {
      Map<?, ?> durations = (Map<?, ?>) t.get("durations_ms");
      long total = 0;
      for (Object v : durations.values()) {
        total += ((Number) v).longValue();
      }
      out.printf(
          format,
          t.get("table"),
          t.get("status"),
          t.get("rows_in") == null ? "-" : t.get("rows_in"),
          t.get("rows_out") == null ? "-" : t.get("rows_out"),
          ((List<?>) t.get("transformed")).size(),
          ((List<?>) t.get("kept")).size(),
          ((List<?>) t.get("dropped")).size(),
          String.format("%.1f", total / 1000.0));
    }
  }
}
