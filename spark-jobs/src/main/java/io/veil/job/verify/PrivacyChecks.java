package io.veil.job.verify;

import io.veil.job.config.Privacy;
import io.veil.spark.ColumnPath;
import io.veil.spark.PathValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * k-anonymity of the output over the quasi-identifiers, measured at Spark scale (only aggregates
 * reach the driver). Leaks are {@link LeakCheck}'s.
 */
final class PrivacyChecks {
  private PrivacyChecks() {}

  /**
   * Equivalence classes of the written table over the quasi-identifiers.
   *
   * @return the report entry; {@code failures} gets a line when a class is smaller than k
   */
  static Map<String, Object> kAnonymity(
      Dataset<Row> written, Privacy privacy, long suppressed, List<String> failures) {
    Column[] keys = privacy.quasiIdentifiers().stream().map(PathValues::at).toArray(Column[]::new);
    Dataset<Row> classes = written.groupBy(keys).count();
    Column small = functions.col("count").lt(privacy.k());
    Row r =
        classes
            .agg(
                functions.min("count"),
                functions.count(functions.lit(1)),
                functions.sum(functions.when(small, 1L).otherwise(0L)),
                functions.sum(functions.when(small, functions.col("count")).otherwise(0L)),
                functions.sum("count"))
            .first();
    long rows = r.isNullAt(4) ? 0 : r.getLong(4);
    long smallest = r.isNullAt(0) ? 0 : r.getLong(0);
    long belowRows = r.isNullAt(3) ? 0 : r.getLong(3);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "quasi_identifiers",
        privacy.quasiIdentifiers().stream().map(ColumnPath::toString).toList());
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
      failures.add(
          belowRows
              + " rows are in equivalence classes smaller than k = "
              + privacy.k()
              + " over "
              + m.get("quasi_identifiers")
              + " (smallest class: "
              + smallest
              + " rows)");
    }
    return m;
  }
}
