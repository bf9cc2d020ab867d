package io.veil.job.rewrite;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.TableConfig;
import io.veil.job.plan.TablePlan;
import io.veil.job.report.RunReport;
import io.veil.job.report.TableReport;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * A Delta table: the rows go to a staging Parquet directory beside the table ({@code
 * .veil-staging/<table>-<run id>}), verification reads them there, and one Delta commit makes them
 * the table's ({@code CREATE OR REPLACE TABLE ... AS SELECT} from the verified files: a new
 * version, history kept, with the column comments and table properties in the same commit). A
 * failed run deletes the staging directory; the table's log never saw it. The copy from staging is
 * the price: the data is written twice (docs/delta.md). Only SQL and the DataFrame API are used, so
 * no Delta class is needed to compile or load this one.
 */
final class DeltaOutput implements StagedOutput {
  private final SparkSession spark;
  private final TablePlan plan;
  private final String runId;
  private final String digest;
  private final String name;
  private Path staging;
  private StructType schema;

  DeltaOutput(SparkSession spark, TablePlan plan, String runId, String digest) {
    this.spark = spark;
    this.plan = plan;
    this.runId = runId;
    this.digest = digest;
    this.name = plan.config().outputTable();
  }

  @Override
  public List<ConfigProblem> problems() {
    List<ConfigProblem> problems = new ArrayList<>();
    TableConfig t = plan.config();
    String cannot = "Cannot write table " + t.name() + " to Delta table " + name + ": ";
    Map<String, String> info;
    try {
      info = CatalogTables.describe(spark, name);
    } catch (RuntimeException e) {
      problems.add(
          new ConfigProblem(
              t.where(),
              cannot
                  + "its catalog cannot be reached ("
                  + io.veil.spark.SparkErrors.describe(e)
                  + "); is the catalog configured (docs/delta.md)?"));
      return problems;
    }
    if (info == null) {
      return problems;
    }
    String provider = CatalogTables.provider(info);
    if (!"delta".equals(provider)) {
      problems.add(
          new ConfigProblem(
              t.where(),
              cannot
                  + "it exists as a "
                  + provider
                  + " table, not a Delta table: write it with format = "
                  + provider
                  + ", or choose another table"));
    } else if (t.outputMode() == TableConfig.OutputMode.ERROR_IF_EXISTS) {
      problems.add(
          new ConfigProblem(
              t.where(),
              cannot + "it exists and output.mode = error-if-exists (set mode = overwrite)"));
    }
    return problems;
  }

  @Override
  public Closeable open(Progress progress) throws IOException {
    List<ConfigProblem> problems = problems();
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    Map<String, String> info = CatalogTables.describe(spark, name);
    // <parent>/<table>: where the lock and the staging directories of the runs go, beside the
    // table's location (StagingPaths), whether the table is there yet or not.
    Path beside = CatalogTables.besideTable(spark, name, info, t -> t);
    staging = StagingPaths.staging(beside, runId);
    FileSystem fs = fs();
    // One run of Veil at a time per table: what Delta's S3 log store asks of its writers.
    OutputLock lock = OutputLock.acquire(fs, beside, plan.config().name(), runId);
    try {
      String recovered = Leftovers.recover(fs, beside); // staging of killed runs, broken locks
      if (recovered != null) {
        progress.info(plan.name() + ": " + recovered);
      }
    } catch (IOException | RuntimeException e) {
      release(fs, lock);
      throw e;
    }
    return () -> release(fs, lock);
  }

  private void release(FileSystem fs, OutputLock lock) {
    try {
      lock.close();
    } finally {
      try {
        Path dir = staging.getParent();
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
          fs.delete(dir, false);
        }
      } catch (IOException e) {
        // an empty staging directory is harmless
      }
    }
  }

  private FileSystem fs() throws IOException {
    return staging.getFileSystem(spark.sparkContext().hadoopConfiguration());
  }

  @Override
  public void write(Dataset<Row> rows) {
    schema = rows.schema();
    ParquetStaging.write(plan, rows, staging.toString());
  }

  @Override
  public Dataset<Row> staged() {
    return spark.read().schema(schema).parquet(staging.toString());
  }

  @Override
  public String publish(TableReport report) throws IOException {
    report.outputDetail("staging", staging.toString());
    // The verified files, read with the column comments in their metadata: Delta keeps a field's
    // comment (and Veil's own metadata) in the table's schema.
    Dataset<Row> verified =
        spark.read().schema(CatalogMetadata.withComments(schema)).parquet(staging.toString());
    var writer = verified.writeTo(name).using("delta");
    for (Map.Entry<String, String> p : CatalogMetadata.properties(runId, digest).entrySet()) {
      writer = writer.tableProperty(p.getKey(), p.getValue());
    }
    writer = writer.tableProperty(CatalogMetadata.REPORT, RunReport.tableJson(report));
    if (!plan.partitionBy().isEmpty()) {
      List<Column> columns =
          plan.partitionBy().stream()
              .map(c -> functions.col(io.veil.spark.ColumnRewriter.quoteForColumn(c)))
              .toList();
      writer =
          writer.partitionedBy(
              columns.get(0), columns.subList(1, columns.size()).toArray(new Column[0]));
    }
    writer.createOrReplace();
    String warning = null;
    try {
      Map<String, String> info = CatalogTables.describe(spark, name);
      Path location = new Path(info.get("Location"));
      report.outputDetail("location", location.toString());
      ReportFiles.write(
          location.getFileSystem(spark.sparkContext().hadoopConfiguration()), location, report);
    } catch (IOException | RuntimeException e) {
      warning =
          "published, but the report files could not be written beside the table ("
              + e.getClass().getSimpleName()
              + "); the table property "
              + CatalogMetadata.REPORT
              + " holds the report";
    }
    discard(); // the staging copy is no longer needed
    return warning;
  }

  @Override
  public void discard() {
    try {
      if (staging != null) {
        fs().delete(staging, true);
      }
    } catch (IOException e) {
      // a staging directory left behind is never read; the docs say where they are
    }
  }
}
