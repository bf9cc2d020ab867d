package io.veil.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a terabyte would cost, from one run's medians: each job's core-seconds per byte of the table
 * it reads, times a terabyte of a table of the same shape. Arithmetic, not a run: it assumes cost
 * linear in bytes (what the cluster runs test) and every core as busy as on the bench's machine.
 */
final class CostModel {
  static final double TERABYTE = 1e12;

  private CostModel() {}

  /**
   * One line per table the run read: copying a terabyte of it and each job on it, in core-hours,
   * and the multiple of the copy.
   *
   * @param tableBytes bytes on disk of each table the jobs read, by the copy job's name
   * @param tableRows rows of each table, by the copy job's name
   * @param tableOf the copy job whose table each job reads, by job name (its baseline for "vs
   *     copy")
   * @param cores the cores the run used (Spark's default parallelism)
   */
  static List<String> lines(
      List<Benchmark.Result> results,
      Map<String, Long> tableBytes,
      Map<String, Long> tableRows,
      Map<String, String> tableOf,
      int cores) {
    Map<String, Double> median = new LinkedHashMap<>();
    for (Benchmark.Result r : results) {
      median.put(r.name, r.medianSeconds);
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Long> t : tableBytes.entrySet()) {
      String copy = t.getKey();
      Double copySeconds = median.get(copy);
      if (copySeconds == null || t.getValue() <= 0) {
        continue;
      }
      double scale = TERABYTE / t.getValue();
      long rows = tableRows.getOrDefault(copy, 0L);
      StringBuilder line =
          new StringBuilder(
              String.format(
                  "Cost of 1 TB shaped like the table of `%s` (%.0f bytes a row as written here,"
                      + " %.1f billion rows), in core-hours: copy %.1f",
                  copy,
                  (double) t.getValue() / Math.max(1, rows),
                  rows * scale / 1e9,
                  coreHours(copySeconds, cores, scale)));
      for (Benchmark.Result r : results) {
        if (copy.equals(tableOf.get(r.name)) && !r.name.equals(copy)) {
          line.append(
              String.format(
                  "; %s %.1f (%.2fx)",
                  r.name, coreHours(r.medianSeconds, cores, scale), r.medianSeconds / copySeconds));
        }
      }
      out.add(line.append('.').toString());
    }
    return out;
  }

  static double coreHours(double seconds, int cores, double scale) {
    return seconds * cores * scale / 3600;
  }
}
