package io.veil.bench;

import io.veil.job.cli.Arguments;
import io.veil.job.cli.ExitCodes;
import io.veil.job.cli.ExternalCommand;
import io.veil.job.cli.JobRunner;
import io.veil.job.cli.Sessions;
import io.veil.job.cli.UsageException;
import io.veil.job.config.JobConfig;
import io.veil.job.plan.TablePlan;
import io.veil.job.rewrite.ParquetStaging;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * {@code veil bench}: times Veil against a plain copy and Spark's built-ins ({@link Benchmark}) and
 * prints or writes the table ({@link BenchmarkReport}). The CLI finds it on the classpath, which
 * {@code bin/veil bench} gives it; the shipped jar holds no benchmark code.
 */
public final class BenchCommand implements ExternalCommand {
  @Override
  public String name() {
    return "bench";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
    Arguments a =
        Arguments.parse(
            "bench",
            args,
            Set.of(
                "--rows", "--runs", "--data", "--out", "--master", "--only", "--presidio-sample"),
            Set.of("--presidio"));
    long rows = a.longOption("--rows", 200_000);
    int runs = (int) a.longOption("--runs", 3);
    if (rows < 1000 || runs < 1 || !a.positional().isEmpty()) {
      throw new UsageException(
          "veil bench takes --rows N (at least 1000), --runs R, --data DIR, --out FILE, --master URL,"
              + " --only WORD[,WORD...] (-WORD leaves out), --presidio [--presidio-sample NOTES]");
    }
    List<String> only =
        a.option("--only") == null
            ? List.of()
            : Arrays.stream(a.option("--only").split(","))
                .map(String::trim)
                .filter(w -> !w.isEmpty())
                .toList();
    String data = a.option("--data") == null ? "target/bench/data-" + rows : a.option("--data");
    String scratch = "target/bench/scratch";
    String master = a.option("--master") == null ? "local[2]" : a.option("--master");
    // Spark keeps the classes it generates for 100 queries by default; the bench's jobs need more
    // (the sample job alone about 80), so its rounds evicted each other's classes and every timed
    // run compiled its code again (40 compilations a round at 200,000 rows) and ran it cold.
    SparkSession spark =
        Sessions.getOrCreate(
            "veil bench",
            Map.of("spark.master", master, "spark.sql.codegen.cache.maxEntries", "1000"));
    shipBenchmarkClasses(spark, master);
    // Presidio against veil_redact on the notes, in a PySpark session of its own (PresidioBench).
    boolean presidio = a.flag("--presidio");
    // --only census needs none of the sample tables: generating them at 10M rows takes longer
    // than the census jobs themselves.
    boolean sampleTables = !CensusBench.alone(only);
    if (sampleTables) {
      if (!generated(spark, data, Benchmark.FLAT)) {
        err.println("[veil bench] generating " + rows + " rows under " + data);
        Benchmark.generate(spark, data, rows);
      } else if (!generated(spark, Benchmark.warmUpData(data), Benchmark.FLAT)) {
        err.println(
            "[veil bench] generating the warm-up tables under " + Benchmark.warmUpData(data));
        Benchmark.generateWarmUp(spark, data, rows);
      }
      // Tables generated before the free-text jobs existed have no notes: add them when needed.
      if ((Benchmark.textJobsSelected(only) || presidio)
          && !generated(spark, Benchmark.warmUpData(data), Benchmark.NOTES)) {
        err.println("[veil bench] generating the notes under " + data);
        Benchmark.generateNotes(spark, data, rows);
      }
    }
    boolean census = CensusBench.selected(only, rows);
    if (!census && CensusBench.alone(only)) {
      throw new UsageException("the census jobs need --rows " + CensusBench.MIN_ROWS + " or more");
    }
    if (census && !generated(spark, Benchmark.warmUpData(data), CensusBench.TABLE)) {
      err.println("[veil bench] generating the census table under " + data);
      CensusBench.generate(spark, data, rows);
    }
    Benchmark bench = new Benchmark(spark, data, scratch, runs);
    if (sampleTables) {
      bench.addJobs(only);
    }
    CensusBench censusJobs = new CensusBench(spark, data, scratch);
    if (census) {
      censusJobs.addTo(bench, only);
    }
    String endToEnd = "veil sample.conf end to end";
    SparkJobTimes sampleJobs = null;
    if (sampleTables && Benchmark.selected(endToEnd, only)) {
      SparkJobTimes times = new SparkJobTimes(spark);
      sampleJobs = times;
      String copyBoth = "copy customers and orders";
      bench.addSampleTablesCopy(copyBoth);
      JobConfig sample = BenchmarkSample.config(data, scratch);
      JobConfig warmUp = BenchmarkSample.config(Benchmark.warmUpData(data), scratch);
      bench.addAction(
          endToEnd,
          "customers and orders: every op, verified",
          copyBoth,
          () -> runSample(spark, warmUp),
          () -> times.timed(() -> runSample(spark, sample)));
      // The same plans' rows written with no check at all: what the ops cost over the copy, the
      // part of the sample job that no sharing of the checks' reads can take away.
      String opsAlone = "veil sample.conf ops alone";
      if (Benchmark.selected(opsAlone, only)) {
        bench.addAction(
            opsAlone,
            "customers and orders: every op, no check",
            copyBoth,
            () -> writeOpsAlone(spark, warmUp, scratch),
            () -> writeOpsAlone(spark, sample, scratch));
      }
    }
    bench.run(err);
    double[] redact =
        Benchmark.textJobsSelected(only) ? Benchmark.redactMegabytesPerSecond() : null;
    List<String> findings = new ArrayList<>(censusJobs.lines());
    if (sampleJobs != null) {
      // What the leak check and the read of what was written cost inside the job, per table.
      String inside = sampleJobs.line(endToEnd, List.of("leak check", "verify what was written"));
      if (inside != null) {
        findings.add(inside);
      }
    }
    if (presidio && sampleTables) {
      int sample = (int) a.longOption("--presidio-sample", PresidioBench.SAMPLE);
      findings.addAll(PresidioBench.run(data, master, runs, sample, err));
    }
    findings.addAll(costModel(spark, data, bench.results(), rows));
    BenchmarkReport report =
        new BenchmarkReport(
            bench.results(),
            rows,
            spark.version(),
            master,
            Benchmark.ff1ValuesPerSecond(),
            bench.peakRetainedHeap(),
            bench.timedCompilations(),
            spark.sparkContext().defaultParallelism(),
            redact,
            findings);
    report.print(out);
    if (a.option("--out") != null) {
      report.writeMarkdown(Paths.get(a.option("--out")));
      out.println("wrote " + a.option("--out"));
    }
    return ExitCodes.OK;
  }

  /**
   * The cost model's lines ({@link CostModel}): each job's cost scaled to a terabyte of the table
   * it reads, the table's bytes as the bench wrote it.
   */
  private static List<String> costModel(
      SparkSession spark, String data, List<Benchmark.Result> results, long rows)
      throws IOException {
    String copyBoth = "copy customers and orders";
    Map<String, List<String>> dirs = new LinkedHashMap<>();
    dirs.put(Benchmark.COPY, List.of(Benchmark.FLAT));
    dirs.put(copyBoth, List.of("customers", "orders"));
    dirs.put(Benchmark.NOTES_COPY, List.of(Benchmark.NOTES));
    dirs.put(CensusBench.COPY, List.of(CensusBench.TABLE));
    Map<String, Long> tableRows = new LinkedHashMap<>();
    tableRows.put(Benchmark.COPY, rows);
    tableRows.put(copyBoth, 3 * rows); // customers, and twice as many orders
    tableRows.put(Benchmark.NOTES_COPY, Benchmark.notesRows(rows));
    tableRows.put(CensusBench.COPY, rows);
    Map<String, Long> bytes = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> d : dirs.entrySet()) {
      long total = 0;
      for (String table : d.getValue()) {
        Path dir = new Path(data, table);
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        total += fs.exists(dir) ? fs.getContentSummary(dir).getLength() : 0;
      }
      bytes.put(d.getKey(), total);
    }
    Map<String, String> tableOf = new LinkedHashMap<>();
    for (Benchmark.Result r : results) {
      String name = r.name;
      tableOf.put(
          name,
          name.contains(CensusBench.TABLE)
              ? CensusBench.COPY
              : name.contains("redact") || name.equals(Benchmark.NOTES_COPY)
                  ? Benchmark.NOTES_COPY
                  : name.contains("sample.conf") || name.equals(copyBoth)
                      ? copyBoth
                      : Benchmark.COPY);
    }
    return CostModel.lines(
        results, bytes, tableRows, tableOf, spark.sparkContext().defaultParallelism());
  }

  /**
   * The table under {@code dir} was written, and so were those written before it: it has its
   * _SUCCESS marker.
   */
  private static boolean generated(SparkSession spark, String dir, String table)
      throws IOException {
    Path marker = new Path(dir, table + "/_SUCCESS");
    return marker.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(marker);
  }

  /**
   * Generating the notes runs the bench's own code in the tasks ({@link NotesGenerator}), which
   * executors outside this JVM load from the bench's jar: Spark serves it to them. In local mode
   * the tasks share the driver's classpath. On a standalone cluster a jar added this late did not
   * let executors deserialize the generator's lambdas (a SerializedLambda ClassCastException), so
   * docs/performance.md has the bench's jar named in spark.jars as well.
   */
  private static void shipBenchmarkClasses(SparkSession spark, String master) {
    if (master.equals("local") || master.startsWith("local[")) {
      return;
    }
    java.security.CodeSource source = BenchCommand.class.getProtectionDomain().getCodeSource();
    if (source != null && source.getLocation().getPath().endsWith(".jar")) {
      spark.sparkContext().addJar(source.getLocation().toString());
    }
  }

  /**
   * Writes each table's anonymized rows as the job would stage them (same layout and codec), with
   * no measurement, verification or leak check.
   */
  private static void writeOpsAlone(SparkSession spark, JobConfig sample, String scratch) {
    for (TablePlan plan : quietRunner(sample).plan(spark, sample.tables())) {
      Path dir = new Path(scratch, "ops-alone/" + plan.name());
      try {
        dir.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(dir, true);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot clear " + dir, e);
      }
      ParquetStaging.write(plan, plan.output(), dir.toString());
    }
  }

  private static void runSample(SparkSession spark, JobConfig sample) {
    JobRunner runner = quietRunner(sample);
    runner.run(spark, runner.plan(spark, sample.tables()), null);
  }

  /** A runner of the sample job that prints nothing: the bench times it. */
  private static JobRunner quietRunner(JobConfig sample) {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    return new JobRunner(sample, quiet, quiet);
  }
}
