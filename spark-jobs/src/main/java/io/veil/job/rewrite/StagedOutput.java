package io.veil.job.rewrite;

import io.veil.job.config.ConfigProblem;
import io.veil.job.plan.TablePlan;
import io.veil.job.report.TableReport;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where one table is written, checked and made visible: a directory published by rename ({@link
 * DirectoryOutput}), or a catalog table published by one commit of its format ({@link
 * IcebergOutput}, {@link DeltaOutput}, {@link CatalogParquetOutput}). {@link TableRewriter} drives
 * each the same way: {@link #problems}, {@link #open}, {@link #write}, verification of {@link
 * #staged}, then {@link #publish}, or {@link #discard} after any failure. Nothing that {@link
 * #write} does is visible to the output's readers before {@link #publish}.
 */
interface StagedOutput {
  /** Every reason the table cannot be published here; asked before any table of the run writes. */
  List<ConfigProblem> problems() throws IOException;

  /**
   * Takes what this run needs of the output before writing (a directory's lock, its leftovers) and
   * checks {@link #problems} again; closing releases it.
   *
   * @throws io.veil.job.config.InvalidConfigException when the output changed since the preflight
   */
  Closeable open(Progress progress) throws IOException;

  /** Writes the rows where the output's readers do not see them. */
  void write(Dataset<Row> rows) throws IOException;

  /** The staged rows read back from where {@link #write} put them, for verification. */
  Dataset<Row> staged();

  /**
   * Makes the verified rows the output's, with the report (its status already "published").
   *
   * @return a warning for the progress log (the new table is published regardless), or null
   */
  String publish(TableReport report) throws IOException;

  /** After a failure at any step: removes what was staged; the output stays as it was. */
  void discard();

  /** Chooses the output a table's config names. */
  static StagedOutput of(
      org.apache.spark.sql.SparkSession spark, TablePlan plan, String runId, String digest) {
    if (plan.config().outputTable() == null) {
      return new DirectoryOutput(spark, plan, runId);
    }
    String runtime =
        switch (plan.config().outputFormat()) {
          case "iceberg" -> "org.apache.iceberg.spark.Spark3Util";
          case "delta" -> "io.delta.tables.DeltaTable";
          default -> null;
        };
    if (runtime != null && !onClasspath(runtime)) {
      String format = plan.config().outputFormat();
      throw new io.veil.job.config.InvalidConfigException(
          List.of(
              new ConfigProblem(
                  plan.config().where(),
                  "Cannot write table "
                      + plan.name()
                      + " as "
                      + format
                      + ": the "
                      + ("iceberg".equals(format) ? "Iceberg" : "Delta")
                      + " runtime is not on the classpath; pass "
                      + ("iceberg".equals(format)
                          ? "org.apache.iceberg:iceberg-spark-runtime-4.1_2.13"
                          : "io.delta:delta-spark_2.13")
                      + " to spark-submit's --packages (docs/"
                      + format
                      + ".md)")));
    }
    return switch (plan.config().outputFormat()) {
      case "iceberg" -> new IcebergOutput(spark, plan, runId, digest);
      case "delta" -> new DeltaOutput(spark, plan, runId, digest);
      default -> new CatalogParquetOutput(spark, plan, runId, digest);
    };
  }

  private static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, StagedOutput.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
