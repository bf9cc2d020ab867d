package io.veil.job.rewrite;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.Privacy;
import io.veil.job.plan.TablePlan;
import io.veil.job.privacy.GeneralizationSearch;
import io.veil.job.report.TableReport;
import io.veil.job.verify.Verifier;
import io.veil.job.verify.WriteMeasurements;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Writes one table where its readers do not see it, verifies what was written, then publishes it: a
 * directory by rename, a catalog table by one commit of its format ({@link StagedOutput}). A
 * failure at any step removes what was staged and leaves the output as it was.
 */
public final class TableRewriter {
  /** The report file inside each output directory; Spark and pyarrow skip names starting "_". */
  public static final String REPORT_FILE = "_veil_report.json";

  /** The same report as a page to read in a browser, written beside {@link #REPORT_FILE}. */
  public static final String HTML_REPORT_FILE = "_veil_report.html";

  private final SparkSession spark;
  private final Verifier verifier;
  private final Progress progress;
  private final String configDigest;

  public TableRewriter(SparkSession spark, Progress progress) {
    this(spark, progress, null);
  }

  /**
   * @param configDigest the run's config digest, which catalog outputs record as a table property
   */
  public TableRewriter(SparkSession spark, Progress progress, String configDigest) {
    this.spark = spark;
    this.verifier = new Verifier(spark);
    this.progress = progress;
    this.configDigest = configDigest;
  }

  /**
   * Checks, before any table of the run is written, that this table can be published: what its
   * output holds against the output settings, and that publishing can work there.
   *
   * @throws InvalidConfigException naming the table and its config line (exit 2)
   */
  public void preflight(TablePlan plan) {
    try {
      List<ConfigProblem> problems =
          StagedOutput.of(spark, plan, "preflight", configDigest).problems();
      if (!problems.isEmpty()) {
        throw new InvalidConfigException(problems);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write table " + plan.name() + " to " + plan.config().output(), e);
    }
  }

  public void rewrite(TablePlan plan, String runId, TableReport report) {
    StagedOutput output = StagedOutput.of(spark, plan, runId, configDigest);
    String tag = ("veil-" + runId + "-" + plan.name()).replace(',', '_'); // Spark refuses commas
    spark.sparkContext().addJobTag(tag);
    try (Closeable held = output.open(progress)) {
      stageVerifyPublish(plan, output, report, tag);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write table " + plan.name() + " to " + plan.config().output(), e);
    } finally {
      spark.sparkContext().removeJobTag(tag);
    }
  }

  private void stageVerifyPublish(
      TablePlan planned, StagedOutput output, TableReport report, String tag) throws IOException {
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
      output.write(measuredWrite.rows());
      WriteMeasurements measured = measuredWrite.measurements();
      report.duration("write", System.currentTimeMillis() - start);

      stage = "verify";
      start = System.currentTimeMillis();
      progress.stage(plan.name(), "verifying");
      verifier.verify(plan, output.staged(), measured, report);
      report.duration("verify", System.currentTimeMillis() - start);

      stage = "publish";
      start = System.currentTimeMillis();
      report.status("published");
      describeJobs(plan.name() + ": publish");
      String warning = output.publish(report);
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
        StoppingTasks.await(spark.sparkContext(), tag);
        output.discard();
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
}
