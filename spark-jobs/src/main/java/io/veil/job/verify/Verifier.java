package io.veil.job.verify;

import io.veil.job.plan.TablePlan;
import io.veil.job.report.TableReport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Checks a staged table against its input before it may be published. */
public final class Verifier {
  private final SparkSession spark;

  public Verifier(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * @param rowsIn rows read from the input during the write (observed, not recounted)
   * @throws VerificationFailedException when a check fails
   */
  public void verify(TablePlan plan, String staging, long rowsIn, TableReport report) {
    Dataset<Row> written = spark.read().parquet(staging);
    long rowsOut = written.count();
    report.rows(rowsIn, rowsOut);
    boolean rowsMatch = rowsIn == rowsOut;
    report.verification("row_count", rowsMatch ? "passed" : "failed");
    if (!rowsMatch) {
      throw new VerificationFailedException(
          plan.name(), "read " + rowsIn + " rows from the input but " + rowsOut + " were written");
    }
  }
}
