package io.veil.job.rewrite;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.TableConfig;
import io.veil.job.plan.TablePlan;
import io.veil.job.report.TableReport;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A table at a path ({@code output.path}): Parquet written to {@code .veil-staging} beside the
 * output under the output's lock, verified there, and published by two renames ({@link Publisher}),
 * with the report inside the table.
 */
final class DirectoryOutput implements StagedOutput {
  private final SparkSession spark;
  private final TablePlan plan;
  private final String runId;
  private final FileSystem fs;
  private final Path output;
  private final Path staging;
  private StructType schema;

  DirectoryOutput(SparkSession spark, TablePlan plan, String runId) {
    this.spark = spark;
    this.plan = plan;
    this.runId = runId;
    Path path = new Path(plan.config().outputPath());
    try {
      this.fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(
          "Cannot write table " + plan.name() + " to " + plan.config().outputPath(), e);
    }
    this.output = fs.makeQualified(path);
    this.staging = StagingPaths.staging(output, runId);
  }

  @Override
  public List<ConfigProblem> problems() throws IOException {
    return OutputCheck.problems(fs, output, plan.config());
  }

  @Override
  public Closeable open(Progress progress) throws IOException {
    TableConfig table = plan.config();
    OutputLock lock = OutputLock.acquire(fs, output, table.name(), runId);
    try {
      String recovered = Leftovers.recover(fs, output);
      if (recovered != null) {
        progress.info(table.name() + ": " + recovered);
      }
      // Again under the lock: the output may have changed since the run's first check.
      List<ConfigProblem> problems = problems();
      if (!problems.isEmpty()) {
        throw new InvalidConfigException(problems);
      }
    } catch (IOException | RuntimeException e) {
      close(lock);
      throw e;
    }
    return () -> close(lock);
  }

  private void close(OutputLock lock) throws IOException {
    try {
      lock.close();
    } finally {
      Path dir = StagingPaths.directory(output);
      if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
        fs.delete(dir, false); // leave no trace once no run is staging here
      }
    }
  }

  @Override
  public void write(Dataset<Row> rows) {
    schema = rows.schema();
    ParquetStaging.write(plan, rows, staging.toString());
  }

  @Override
  public Dataset<Row> staged() {
    // The written schema is given, not inferred, so partition values read back with their types.
    return spark.read().schema(schema).parquet(staging.toString());
  }

  @Override
  public String publish(TableReport report) throws IOException {
    PublishedTable.DataFiles files = PublishedTable.measure(fs, staging);
    report.dataFiles(files.files(), files.bytes());
    ReportFiles.write(fs, staging, report);
    List<ConfigProblem> problems = problems();
    if (!problems.isEmpty()) { // the output changed while the table was written
      throw new IOException(
          "the table was written and verified but not published: "
              + problems.stream().map(ConfigProblem::message).collect(Collectors.joining("; ")));
    }
    return Publisher.publish(fs, staging, output, runId);
  }

  @Override
  public void discard() {
    try {
      fs.delete(staging, true);
    } catch (IOException e) {
      // the next run's cleanup removes a killed or failed run's staging directory
    }
  }
}
