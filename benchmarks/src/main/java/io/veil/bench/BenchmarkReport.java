package io.veil.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The benchmark's table, printed and written as markdown with the machine it ran on. */
public final class BenchmarkReport {
  private final List<Benchmark.Result> results;
  private final long rows;
  private final String sparkVersion;
  private final String master;
  private final double ff1PerSecond;
  private final long retainedHeap;
  private final long timedCompilations;
  private final int cores;
  private final double[] redactPerSecond;
  private final List<String> findings;

  /**
   * @param cores the cores the jobs ran on (Spark's default parallelism), which the free-text jobs'
   *     MB/s per core divide by
   * @param redactPerSecond {@link io.veil.ops.TextRedactor#redact}'s MB/s on one thread, with =
   *     type and with = pseudonym ({@link Benchmark#redactMegabytesPerSecond}); null when not
   *     measured
   * @param findings what jobs reported beyond their time (the census jobs' search and measures), a
   *     line each
   */
  public BenchmarkReport(
      List<Benchmark.Result> results,
      long rows,
      String sparkVersion,
      String master,
      double ff1PerSecond,
      long retainedHeap,
      long timedCompilations,
      int cores,
      double[] redactPerSecond,
      List<String> findings) {
    this.results = results;
    this.rows = rows;
    this.sparkVersion = sparkVersion;
    this.master = master;
    this.ff1PerSecond = ff1PerSecond;
    this.retainedHeap = retainedHeap;
    this.timedCompilations = timedCompilations;
    this.cores = cores;
    this.redactPerSecond = redactPerSecond;
    this.findings = findings;
  }

  /** The markdown table; the console gets the same text. */
  public String table() {
    Map<String, Benchmark.Result> byName = Benchmark.byName(results);
    StringBuilder sb = new StringBuilder();
    sb.append("| job | columns | median s | rows/s | vs copy | vs built-in | runs (s) |\n");
    sb.append("| --- | --- | ---: | ---: | ---: | ---: | --- |\n");
    for (Benchmark.Result r : results) {
      if (r.textBytes > 0) {
        continue; // in the free-text table
      }
      // The census jobs read a table of their own: their copy is that table's.
      Benchmark.Result copy =
          byName.get(r.name.contains(CensusBench.TABLE) ? CensusBench.COPY : Benchmark.COPY);
      Benchmark.Result base =
          r.baseline == null || r.baseline.equals(CensusBench.COPY) ? null : byName.get(r.baseline);
      StringBuilder each = new StringBuilder();
      for (double s : r.seconds) {
        each.append(each.length() == 0 ? "" : ", ").append(String.format("%.2f", s));
      }
      sb.append(
          String.format(
              "| %s | %s | %.2f | %,.0f | %s | %s | %s |%n",
              r.name,
              r.columns,
              r.medianSeconds,
              rows / r.medianSeconds,
              copy == null ? "-" : String.format("%.2fx", r.medianSeconds / copy.medianSeconds),
              base == null ? "-" : String.format("%.2fx", r.medianSeconds / base.medianSeconds),
              each));
    }
    return sb.toString();
  }

  /**
   * The free-text jobs (redact on the notes): rows, MB of UTF-8 text, the median, MB of text per
   * second per core (all of the text over the median wall time over the cores) and the ratio to the
   * copy of the notes; empty when none ran.
   */
  public String textTable() {
    Map<String, Benchmark.Result> byName = Benchmark.byName(results);
    Benchmark.Result copy = byName.get(Benchmark.NOTES_COPY);
    StringBuilder sb = new StringBuilder();
    for (Benchmark.Result r : results) {
      if (r.textBytes == 0) {
        continue;
      }
      if (sb.length() == 0) {
        sb.append(
            "| free-text job | columns | rows | MB of text | median s | MB/s per core | vs copy of"
                + " the notes | runs (s) |\n");
        sb.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
      }
      StringBuilder each = new StringBuilder();
      for (double s : r.seconds) {
        each.append(each.length() == 0 ? "" : ", ").append(String.format("%.2f", s));
      }
      sb.append(
          String.format(
              "| %s | %s | %,d | %,.1f | %.2f | %,.1f | %s | %s |%n",
              r.name,
              r.columns,
              r.textRows,
              r.textBytes / 1e6,
              r.medianSeconds,
              r.textBytes / 1e6 / r.medianSeconds / cores,
              copy == null ? "-" : String.format("%.2fx", r.medianSeconds / copy.medianSeconds),
              each));
    }
    return sb.toString();
  }

  /** What the free-text table holds, and how MB/s per core is counted. */
  private String textTableHeading() {
    return String.format(
        "Free text: the table `%s`, customer-service notes of %,d to %,d characters (English and"
            + " Chinese, %d%% holding personal data), snappy Parquet. MB/s per core = MB of UTF-8"
            + " text / median wall-clock s / %d cores.",
        Benchmark.NOTES,
        NotesGenerator.MIN_CHARS,
        NotesGenerator.MAX_CHARS,
        NotesGenerator.PII_PERCENT,
        cores);
  }

  private String redactLine() {
    return String.format(
        "TextRedactor.redact alone, one thread, on the same notes: %,.1f MB/s per core with ="
            + " type, %,.1f MB/s with = pseudonym",
        redactPerSecond[0], redactPerSecond[1]);
  }

  /**
   * A line for each of shift and noise that ran: its ratio to the pseudonym of the same columns
   * (the target: at most 1.00x) and to {@code veil pseudonym} on name, email and phone, and
   * what each costs over the copy per value it changes, in nanoseconds of a core (wall-clock
   * seconds over the copy's, times the cores, over rows times columns), which compares jobs of
   * different numbers of columns.
   */
  public List<String> newOperationLines() {
    Map<String, Benchmark.Result> byName = Benchmark.byName(results);
    Benchmark.Result copy = byName.get(Benchmark.COPY);
    Benchmark.Result pseudonym = byName.get(Benchmark.PSEUDONYM);
    List<String> lines = new java.util.ArrayList<>();
    for (String[] op :
        new String[][] {
          {Benchmark.SHIFT, Benchmark.PSEUDONYM_SHIFTED, String.valueOf(Benchmark.SHIFTED.length)},
          {Benchmark.NOISE, Benchmark.PSEUDONYM_NOISED, String.valueOf(Benchmark.NOISED.length)}
        }) {
      Benchmark.Result r = byName.get(op[0]);
      if (r == null) {
        continue;
      }
      int columns = Integer.parseInt(op[2]);
      Benchmark.Result same = byName.get(op[1]);
      StringBuilder line = new StringBuilder(op[0]).append(" (").append(r.columns).append("): ");
      line.append(
          same == null
              ? "the pseudonym of the same columns did not run"
              : String.format(
                  "%.2fx the pseudonym of the same columns (target: at most 1.00x)",
                  r.medianSeconds / same.medianSeconds));
      if (pseudonym != null) {
        line.append(
            String.format(
                ", %.2fx %s (%s)",
                r.medianSeconds / pseudonym.medianSeconds, Benchmark.PSEUDONYM, pseudonym.columns));
      }
      if (copy != null) {
        line.append(String.format("; over the copy, %s per value", perValue(r, copy, columns)));
        if (same != null) {
          line.append(
              String.format(", the same columns' pseudonym %s", perValue(same, copy, columns)));
        }
        if (pseudonym != null) {
          line.append(
              String.format(
                  ", %s's %s",
                  Benchmark.PSEUDONYM,
                  perValue(pseudonym, copy, pseudonym.columns.split(",").length)));
        }
        line.append(" (core-ns)");
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * Nanoseconds of a core per value over the copy: how much a job adds for each value it changes.
   */
  private String perValue(Benchmark.Result r, Benchmark.Result copy, int columns) {
    double ns = (r.medianSeconds - copy.medianSeconds) * cores * 1e9 / ((double) rows * columns);
    return String.format("%,.0f ns", ns);
  }

  public void print(PrintStream out) {
    out.println();
    out.print(table());
    String text = textTable();
    if (!text.isEmpty()) {
      out.printf("%n%s%n%s", textTableHeading(), text);
    }
    out.printf(
        "%nFF1 (format-preserving), 11-digit values, one thread: %,.0f values/s per core%n",
        ff1PerSecond);
    if (redactPerSecond != null) {
      out.println(redactLine() + " (CPU time)");
    }
    newOperationLines().forEach(out::println);
    findings.forEach(out::println);
    out.printf(
        "Heap retained after GC, after the warm-ups and after the last round (max): %.0f MB%s%n",
        retainedHeap / 1e6, heapScope());
    out.println(compilations());
  }

  /** Whether the timed runs ran code compiled in the warm-up, or compiled some of their own. */
  private String compilations() {
    return timedCompilations == 0
        ? "Spark compiled no generated code during the timed runs: the warm-ups compiled it all."
        : String.format(
            "Spark compiled generated code %d times during the timed runs (the warm-ups did not"
                + " cover those plans; each compilation takes milliseconds).",
            timedCompilations);
  }

  /**
   * In local mode the executors run inside the driver's JVM, so its heap holds their memory pages
   * and blocks too; on a cluster (local-cluster[...] included) the figure is the driver's alone.
   */
  private String heapScope() {
    boolean embedded = master.equals("local") || master.startsWith("local[");
    return embedded
        ? " (driver and executors: " + master + " runs them in one JVM)"
        : " (the driver alone)";
  }

  /** Hand-written analysis below this line in the markdown file survives a rerun of the bench. */
  static final String NOTES_MARKER =
      "<!-- notes: written by hand, kept when the bench rewrites this file -->";

  /**
   * Writes the report as markdown to {@code file}, keeping whatever follows {@link #NOTES_MARKER}
   * in the file it replaces.
   */
  public void writeMarkdown(Path file) throws java.io.IOException {
    String notes = null;
    if (Files.exists(file)) {
      String old = Files.readString(file);
      int at = old.indexOf(NOTES_MARKER);
      notes = at < 0 ? null : old.substring(at);
    }
    String machine = machine();
    StringBuilder md = new StringBuilder();
    md.append("# Veil benchmarks\n\n");
    md.append("Generated by `bin/veil bench --rows ")
        .append(rows)
        .append("` on ")
        .append(LocalDate.now())
        .append(".\n\n");
    md.append("- Machine: ").append(machine).append("\n");
    md.append("- Spark ")
        .append(sparkVersion)
        .append(", master `")
        .append(master)
        .append("`, Java ")
        .append(System.getProperty("java.version"))
        .append("\n");
    md.append(
            "- Table: the scalar columns of the sample-data generator's `customers` (id, name, email, phone,"
                + " ID and card numbers, dates, salary, IP, country), ")
        .append(String.format("%,d", rows))
        .append(
            " rows, snappy Parquet; every operation job reads it and writes all its columns as Parquet,"
                + " as the copy does. The sample job end to end runs on the full nested `customers` and `orders`.\n");
    md.append("- Every job ran once to warm up, on tables of ")
        .append(String.format("%,d", Math.min(rows, Benchmark.WARM_UP_ROWS)))
        .append(
            " rows from the same generator (another seed), then in rounds of one timed run of each job"
                + " (interleaved, so load from other processes on the machine falls on all jobs alike); the median"
                + " counts. \"vs built-in\" compares with Spark's own function on the same columns in the same run"
                + " (for shift and noise, with Veil's pseudonym of the same columns)."
                + " Spark keeps the code it generates for up to 1,000 queries (`spark.sql.codegen.cache.maxEntries`;"
                + " 100 by default), so no job compiles its code again between rounds. ")
        .append(compilations())
        .append("\n\n");
    md.append(table()).append("\n");
    String text = textTable();
    if (!text.isEmpty()) {
      md.append(textTableHeading()).append("\n\n").append(text).append("\n");
    }
    md.append(
        String.format(
            "FF1 (format-preserving), 11-digit values, one thread: **%,.0f values/s per core** "
                + "(CPU time, median of 3).%n%n",
            ff1PerSecond));
    if (redactPerSecond != null) {
      md.append(redactLine()).append(" (CPU time, median of 3).\n\n");
    }
    List<String> lines = new java.util.ArrayList<>(newOperationLines());
    lines.addAll(findings);
    for (String f : lines) {
      md.append("- ").append(f).append("\n");
    }
    md.append(lines.isEmpty() ? "" : "\n");
    md.append(
        String.format(
            "Heap retained after a full GC, after the warm-ups and after the last round (the larger): %.0f MB%s.%n%n",
            retainedHeap / 1e6, heapScope()));
    md.append(notes != null ? notes : NOTES_MARKER + "\n");
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, md.toString());
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux: keep "unknown CPU"
    }
    return String.format(
        "%d cores (%s), %.0f GiB RAM",
        Runtime.getRuntime().availableProcessors(),
        cpu,
        ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize()
            / (1024.0 * 1024 * 1024));
  }
}
