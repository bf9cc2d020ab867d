package io.veil.job.verify;

import io.veil.job.config.Privacy;
import io.veil.job.plan.TablePlan;
import io.veil.spark.ColumnPath;
import io.veil.spark.PathValues;
import io.veil.spark.TransformedField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.sketch.BloomFilter;

/**
 * What the output still reveals, measured at Spark scale (only aggregates reach the driver):
 * k-anonymity over the quasi-identifiers, and leaks, i.e. output values equal to some input value
 * of the same column.
 */
final class PrivacyChecks {
  private PrivacyChecks() {}

  /**
   * Equivalence classes of the written table over the quasi-identifiers.
   *
   * @return the report entry; {@code failures} gets a line when a class is smaller than k
   */
  static Map<String, Object> kAnonymity(Dataset<Row> written, Privacy privacy, long suppressed, List<String> failures) {
    Column[] keys = privacy.quasiIdentifiers().stream().map(WriteChecks::valuesAt).toArray(Column[]::new);
    Dataset<Row> classes = written.groupBy(keys).count();
    Column small = functions.col("count").lt(privacy.k());
    Row r = classes.agg(
        functions.min("count"),
        functions.count(functions.lit(1)),
        functions.sum(functions.when(small, 1L).otherwise(0L)),
        functions.sum(functions.when(small, functions.col("count")).otherwise(0L)),
        functions.sum("count")).first();
    long rows = r.isNullAt(4) ? 0 : r.getLong(4);
    long smallest = r.isNullAt(0) ? 0 : r.getLong(0);
    long belowRows = r.isNullAt(3) ? 0 : r.getLong(3);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quasi_identifiers", privacy.quasiIdentifiers().stream().map(ColumnPath::toString).toList());
    m.put("k", privacy.k());
    m.put("smallest_class", smallest);
    m.put("classes", r.getLong(1));
    m.put("classes_below_k", r.isNullAt(2) ? 0 : r.getLong(2));
    m.put("share_of_rows_below_k", rows == 0 ? 0.0 : (double) belowRows / rows);
    m.put("enforce", privacy.suppress() ? "suppress" : "fail");
    m.put("suppressed_rows", suppressed);
    boolean ok = rows == 0 || smallest >= privacy.k();
    m.put("status", ok ? "passed" : "failed");
    if (!ok) {
      failures.add(belowRows + " rows are in equivalence classes smaller than k = " + privacy.k()
          + " over " + m.get("quasi_identifiers") + " (smallest class: " + smallest + " rows)");
    }
    return m;
  }

  /**
   * For each transformed field whose op promises to change values: how many output values equal
   * any input value of the same field. Spark's Bloom filter of the input values finds candidates,
   * and a semi-join of the candidates with the input's distinct values counts exactly.
   */
  static Map<String, Object> leaks(TablePlan plan, Dataset<Row> written, long rowsIn, boolean fail, List<String> failures) {
    Map<String, Object> counts = new LinkedHashMap<>();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(written.sparkSession().sparkContext());
    for (TransformedField f : plan.transformed()) {
      if (f.operation().mustChange(functions.lit(null).cast(f.originalType()), f.originalType()) == null) {
        continue; // truncation and constants equal input values by design
      }
      Dataset<Row> in = values(plan.input(), f.path());
      Dataset<Row> out = values(written, f.path());
      BloomFilter bloom = in.stat().bloomFilter("v", Math.max(1000, rowsIn), 0.01);
      Broadcast<BloomFilter> shared = jsc.broadcast(bloom);
      UDF1<String, Boolean> mightContain = v -> v != null && shared.value().mightContainString(v);
      Dataset<Row> candidates = out.where(functions.udf(mightContain, DataTypes.BooleanType)
          .withName("veil_bloom_might_contain").apply(functions.col("v")));
      long leaked = candidates.join(in.distinct(), candidates.col("v").equalTo(in.col("v")), "left_semi").count();
      shared.destroy();
      counts.put(f.path().toString(), leaked);
      if (fail && leaked > 0) {
        failures.add(leaked + " values of " + f.path() + " equal an input value of the same column (leak-check = fail)");
      }
    }
    return counts;
  }

  /** The non-null values at {@code path}, one per row (exploded through arrays and maps), as text. */
  private static Dataset<Row> values(Dataset<Row> df, ColumnPath path) {
    Column v = WriteChecks.valuesAt(path);
    Dataset<Row> values = PathValues.isMulti(path) ? df.select(functions.explode(v).as("v")) : df.select(v.as("v"));
    return values.select(functions.col("v").cast(DataTypes.StringType).as("v")).where(functions.col("v").isNotNull());
  }
}
