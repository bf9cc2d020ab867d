package io.veil.job.rewrite;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.Privacy;
import io.veil.job.config.TableConfig;
import io.veil.job.plan.TablePlan;
import io.veil.job.privacy.GeneralizationSearch;
import io.veil.job.report.HtmlReport;
import io.veil.job.report.RunReport;
import io.veil.job.report.TableReport;
import io.veil.job.verify.Verifier;
import io.veil.job.verify.WriteMeasurements;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes one table to a staging directory beside its output, verifies it there, then publishes it
 * by rename. A failure at any step removes the staging directory and leaves the output as it was.
 */
public final class TableRewriter {
  /** The report file inside each output directory; Spark and pyarrow skip names starting "_". */
  public static final String REPORT_FILE = "_veil_report.json";

  /** The same report as a page to read in a browser, written beside {@link #REPORT_FILE}. */
  public static final String HTML_REPORT_FILE = "_veil_report.html";

  private final SparkSession spark;
  private final Verifier verifier;
  private final Progress progress;

  public TableRewriter(SparkSession spark, Progress progress) {
    this.spark = spark;
    this.verifier = new Verifier(spark);
    this.progress = progress;
  }

  /**
   * Checks, before any table of the run is written, that this table can be published: what its
   * output holds against the output settings, and that the publishing renames are permitted.
   *
   * @throws InvalidConfigException naming the table and its config line (exit 2)
   */
  public void preflight(TablePlan plan) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TableConfig table = plan.config();
    try {
      Path output = new Path(table.outputPath());
      FileSystem fs = output.getFileSystem(conf);
      List<ConfigProblem> problems = OutputCheck.problems(fs, fs.makeQualified(output), table);
      if (!problems.isEmpty()) {
        throw new InvalidConfigException(problems);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write table " + table.name() + " to " + table.outputPath(), e);
    }
  }

  public void rewrite(TablePlan plan, String runId, TableReport report) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    TableConfig table = plan.config();
    Path output = new Path(table.outputPath());
    try {
      FileSystem fs = output.getFileSystem(conf);
      output = fs.makeQualified(output);
      try (OutputLock lock = OutputLock.acquire(fs, output, table.name(), runId)) {
        String recovered = Leftovers.recover(fs, output);
        if (recovered != null) {
          progress.info(table.name() + ": " + recovered);
        }
        // Again under the lock: the output may have changed since the run's first check.
        List<ConfigProblem> problems = OutputCheck.problems(fs, output, table);
        if (!problems.isEmpty()) {
          throw new InvalidConfigException(problems);
        }
        stageVerifyPublish(plan, fs, output, runId, report);
      } finally {
        Path dir = StagingPaths.directory(output);
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
          fs.delete(dir, false); // leave no trace once no run is staging here
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write table " + table.name() + " to " + table.outputPath(), e);
    }
  }

  private void stageVerifyPublish(
      TablePlan planned, FileSystem fs, Path output, String runId, TableReport report)
      throws IOException {
    Path staging = StagingPaths.staging(output, runId);
    boolean published = false;
    String stage = "generalize";
    TablePlan plan = planned;
    try {
      long start = System.currentTimeMillis();
      Privacy privacy = plan.config().privacy();
      if (privacy.generalize()) {
        progress.stage(plan.name(), "searching the hierarchies' levels");
        describeJobs(plan.name() + ": generalization search");
        GeneralizationSearch.Outcome chosen =
            GeneralizationSearch.run(plan.output(), privacy, plan.hierarchies(), plan.name());
        plan = plan.generalizedTo(chosen.levels());
        report.describeColumns(plan);
        report.put("generalization", chosen.report(privacy.maxSuppressed()));
        report.duration("generalize", System.currentTimeMillis() - start);
        start = System.currentTimeMillis();
      }
      stage = "write";
      if (plan.suppression() != null) {
        progress.stage(plan.name(), "finding the classes to suppress");
        describeJobs(plan.name() + ": suppression");
        plan.suppression().prepare(plan.output());
      }
      progress.stage(plan.name(), "writing");
      describeJobs(plan.name() + ": write");
      MeasuredWrite measuredWrite = new MeasuredWrite(plan);
      write(plan, measuredWrite.rows(), staging.toString());
      WriteMeasurements measured = measuredWrite.measurements();
      report.duration("write", System.currentTimeMillis() - start);

      stage = "verify";
      start = System.currentTimeMillis();
      progress.stage(plan.name(), "verifying");
      verifier.verify(plan, staging.toString(), measuredWrite.rows().schema(), measured, report);
      report.duration("verify", System.currentTimeMillis() - start);

      stage = "publish";
      start = System.currentTimeMillis();
      report.status("published");
      PublishedTable.DataFiles files = PublishedTable.measure(fs, staging);
      report.dataFiles(files.files(), files.bytes());
      writeReport(fs, new Path(staging, REPORT_FILE), report);
      List<ConfigProblem> problems = OutputCheck.problems(fs, output, plan.config());
      if (!problems.isEmpty()) { // the output changed while the table was written
        throw new IOException(
            "the table was written and verified but not published: "
                + problems.stream()
                    .map(ConfigProblem::message)
                    .collect(java.util.stream.Collectors.joining("; ")));
      }
      String warning = Publisher.publish(fs, staging, output, runId);
      published = true;
      if (warning != null) {
        progress.info(plan.name() + ": " + warning);
      }
      report.duration("publish", System.currentTimeMillis() - start);
      progress.stage(plan.name(), "published");
    } catch (IOException e) {
      throw e;
    } catch (Exception e) { // Spark throws its checked SparkException undeclared, from Scala
      if (e instanceof RuntimeException && isVeils(e)) {
        throw (RuntimeException) e;
      }
      throw new TableStageException(plan.name(), stage, e);
    } finally {
      spark.sparkContext().setJobDescription(null);
      if (plan.suppression() != null) {
        plan.suppression().release();
      }
      if (!published) {
        report.status("failed");
        fs.delete(staging, true);
      }
    }
  }

  /** Veil's own failures already name the table, column and reason; others get wrapped. */
  private static boolean isVeils(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c.getClass().getName().startsWith("io.veil.")) {
        return true;
      }
    }
    return false;
  }

  /** What Spark's UI and event log show for the Spark jobs that follow, on this thread. */
  private void describeJobs(String what) {
    spark.sparkContext().setJobDescription("veil " + what);
  }

  private static void write(TablePlan plan, Dataset<Row> rows, String staging) {
    var writer =
        rows.write().mode(SaveMode.ErrorIfExists).option("compression", codecOption(plan.codec()));
    if (!plan.partitionBy().isEmpty()) {
      writer = writer.partitionBy(plan.partitionBy().toArray(new String[0]));
    }
    writer.parquet(staging);
  }

  private static String codecOption(String codec) {
    return "none".equals(codec) ? "uncompressed" : codec;
  }

  private static void writeReport(FileSystem fs, Path path, TableReport report) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      out.write(RunReport.tableJson(report).getBytes(StandardCharsets.UTF_8));
    }
    try (OutputStream out = fs.create(new Path(path.getParent(), HTML_REPORT_FILE), true)) {
      out.write(HtmlReport.page(report.toMap()).getBytes(StandardCharsets.UTF_8));
    }
  }
}
