package io.veil.job.plan;

import io.veil.job.config.Privacy;
import io.veil.spark.PathValues;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * {@code enforce = suppress}: the rows whose quasi-identifier values are shared by fewer than k
 * rows are not written. A transformation of what is written, so it is planned with the columns and
 * applied by the rewrite; verification only reads its count.
 */
public final class Suppression {
  /** The name of the observed count of dropped rows. */
  public static final String SUPPRESSED = "suppressed";

  private static final String CLASS_SIZE = "__veil_class_size";
  private final Privacy privacy;

  private Suppression(Privacy privacy) {
    this.privacy = privacy;
  }

  /** The table's suppression, or null when it suppresses nothing. */
  static Suppression of(Privacy privacy) {
    return privacy.suppress() && !privacy.quasiIdentifiers().isEmpty()
        ? new Suppression(privacy)
        : null;
  }

  /**
   * The rows of {@code output} that stay; counts the dropped ones as {@link #SUPPRESSED} in {@code
   * counted} when given.
   */
  public Dataset<Row> apply(Dataset<Row> output, Observation counted) {
    Column[] keys = privacy.quasiIdentifiers().stream().map(PathValues::at).toArray(Column[]::new);
    Dataset<Row> sized =
        output.withColumn(
            CLASS_SIZE, functions.count(functions.lit(1)).over(Window.partitionBy(keys)));
    Column small = functions.col(CLASS_SIZE).lt(privacy.k());
    if (counted != null) {
      sized =
          sized.observe(
              counted, functions.sum(functions.when(small, 1L).otherwise(0L)).as(SUPPRESSED));
    }
    return sized.where(functions.not(small)).drop(CLASS_SIZE);
  }
}
