package io.veil.job.rewrite;

import io.veil.job.config.ConfigProblem;
import io.veil.job.config.InvalidConfigException;
import io.veil.job.config.TableConfig;
import io.veil.job.plan.TablePlan;
import io.veil.job.report.TableReport;
import io.veil.spark.ColumnRewriter;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Parquet table in the session catalog (a Hive metastore): each run writes a new directory beside
 * the table's ({@code <table>-veil-<run id>}), verifies it there, and publishes by pointing the
 * table at it with one metastore call ({@code ALTER TABLE ... SET LOCATION}, or {@code CREATE TABLE
 * ... LOCATION} for a new table); comments and properties follow in further calls. The old
 * directory is deleted after, when Veil wrote it. Unpartitioned tables only: a partitioned table's
 * partitions each have a location of their own, which no one call moves.
 */
final class CatalogParquetOutput implements StagedOutput {
  private final SparkSession spark;
  private final TablePlan plan;
  private final String runId;
  private final String digest;
  private final String name;
  private Path location;
  private StructType schema;

  CatalogParquetOutput(SparkSession spark, TablePlan plan, String runId, String digest) {
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
    String cannot = "Cannot write table " + t.name() + " to Parquet table " + name + ": ";
    if (!plan.partitionBy().isEmpty()) {
      problems.add(
          new ConfigProblem(
              t.where(),
              cannot
                  + "a partitioned Parquet catalog table ("
                  + String.join(", ", plan.partitionBy())
                  + ") cannot be replaced in one metastore call; write it as iceberg or delta, or"
                  + " unpartitioned (output.partition-by = [])"));
      return problems;
    }
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
                  + "); is the catalog configured?"));
      return problems;
    }
    if (info == null) {
      return problems;
    }
    String provider = CatalogTables.provider(info);
    if (!"parquet".equals(provider) || "VIEW".equalsIgnoreCase(info.get("Type"))) {
      problems.add(
          new ConfigProblem(
              t.where(),
              cannot
                  + "it exists as a "
                  + ("VIEW".equalsIgnoreCase(info.get("Type")) ? "view" : provider + " table")
                  + ", not a Parquet table: choose the format it has, or another table"));
      return problems;
    }
    if (t.outputMode() == TableConfig.OutputMode.ERROR_IF_EXISTS) {
      problems.add(
          new ConfigProblem(
              t.where(),
              cannot + "it exists and output.mode = error-if-exists (set mode = overwrite)"));
      return problems;
    }
    String differs =
        SchemaComparison.differences(spark.table(name).schema(), plan.output().schema());
    if (differs != null) {
      problems.add(
          new ConfigProblem(
              t.where(),
              cannot
                  + differs
                  + "; Veil replaces a table's rows, not its schema: drop the table or write"
                  + " another"));
    }
    return problems;
  }

  @Override
  public Closeable open(Progress progress) {
    List<ConfigProblem> problems = problems();
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(problems);
    }
    location =
        CatalogTables.besideTable(
            spark, name, CatalogTables.describe(spark, name), t -> t + "-veil-" + runId);
    return () -> {};
  }

  @Override
  public void write(Dataset<Row> rows) {
    schema = rows.schema();
    ParquetStaging.write(plan, rows, location.toString());
  }

  @Override
  public Dataset<Row> staged() {
    return spark.read().schema(schema).parquet(location.toString());
  }

  @Override
  public String publish(TableReport report) throws IOException {
    FileSystem fs = location.getFileSystem(spark.sparkContext().hadoopConfiguration());
    report.outputDetail("location", location.toString());
    PublishedTable.DataFiles files = PublishedTable.measure(fs, location);
    report.dataFiles(files.files(), files.bytes());
    ReportFiles.write(fs, location, report);
    Map<String, String> info = CatalogTables.describe(spark, name);
    Map<String, String> properties = CatalogMetadata.properties(runId, digest);
    String props =
        properties.entrySet().stream()
            .map(
                e ->
                    CatalogMetadata.literal(e.getKey())
                        + " = "
                        + CatalogMetadata.literal(e.getValue()))
            .collect(Collectors.joining(", "));
    if (info == null) {
      spark.sql(
          "CREATE TABLE "
              + name
              + " ("
              + CatalogMetadata.withComments(schema).toDDL()
              + ") USING parquet LOCATION "
              + CatalogMetadata.literal(location.toString())
              + " TBLPROPERTIES ("
              + props
              + ")");
      return null;
    }
    String previousRun = property(CatalogMetadata.RUN_ID);
    Path previous = info.get("Location") == null ? null : new Path(info.get("Location"));
    // The publish: one metastore call. Readers that planned before it read the old directory.
    spark.sql(
        "ALTER TABLE " + name + " SET LOCATION " + CatalogMetadata.literal(location.toString()));
    String warning = null;
    try {
      spark.sql("ALTER TABLE " + name + " SET TBLPROPERTIES (" + props + ")");
      Map<String, String> comments = CatalogMetadata.comments(schema);
      for (StructField f : spark.table(name).schema().fields()) {
        String want = comments.get(f.name());
        String have = f.getComment().isDefined() ? f.getComment().get() : null;
        boolean ours = have != null && have.startsWith(CatalogMetadata.COMMENT_PREFIX);
        if ((want != null && !want.equals(have)) || (want == null && ours)) {
          spark.sql(
              "ALTER TABLE "
                  + name
                  + " ALTER COLUMN "
                  + ColumnRewriter.quoteForColumn(f.name())
                  + " COMMENT "
                  + CatalogMetadata.literal(want == null ? "" : want));
        }
      }
      spark.sql("REFRESH TABLE " + name);
    } catch (RuntimeException e) {
      warning =
          "published, but its comments or properties could not be updated ("
              + io.veil.spark.SparkErrors.describe(e)
              + ")";
    }
    if (previous != null
        && previousRun != null
        && previous.getName().endsWith("-veil-" + previousRun)) {
      try {
        previous.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(previous, true);
      } catch (IOException e) {
        warning = "published, but the previous directory " + previous + " could not be deleted";
      }
    }
    return warning;
  }

  private String property(String key) {
    for (Row r : spark.sql("SHOW TBLPROPERTIES " + name).collectAsList()) {
      if (key.equals(r.getString(0))) {
        return r.getString(1);
      }
    }
    return null;
  }

  @Override
  public void discard() {
    try {
      if (location != null) {
        location.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(location, true);
      }
    } catch (IOException e) {
      // a directory the catalog never pointed at is never read
    }
  }
}
