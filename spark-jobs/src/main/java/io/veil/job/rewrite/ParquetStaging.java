package io.veil.job.rewrite;

import io.veil.job.plan.TablePlan;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes a plan's rows as Parquet to a directory no reader looks at, as the plan lays them out.
 * Public for the bench, which writes the ops' rows alone the same way to time them without checks.
 */
public final class ParquetStaging {
  private ParquetStaging() {}

  public static void write(TablePlan plan, Dataset<Row> rows, String directory) {
    var writer =
        rows.write().mode(SaveMode.ErrorIfExists).option("compression", codecOption(plan.codec()));
    if (!plan.partitionBy().isEmpty()) {
      writer = writer.partitionBy(plan.partitionBy().toArray(new String[0]));
    }
    writer.parquet(directory);
  }

  static String codecOption(String codec) {
    return "none".equals(codec) ? "uncompressed" : codec;
  }
}
