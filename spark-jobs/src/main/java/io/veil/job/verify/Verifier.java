package io.veil.job.verify;

import io.veil.job.config.Privacy;
import io.veil.job.plan.TablePlan;
import io.veil.job.report.TableReport;
import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.TransformedField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Checks a staged table against what was measured while writing it, before it may be published:
 * rows out equal rows in (in total and per output partition), every column left as it was has the
 * same checksum, and no value an op promised to change came out unchanged. What was written is read
 * once for all the checks that look at each row ({@link OutputScan}: counts, checksums, the leak
 * check's candidates); the privacy measures read it into their own aggregate.
 */
public final class Verifier {
  private final SparkSession spark;

  public Verifier(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Checks the staged table as its output reads it back: a directory of Parquet files, a branch of
   * an Iceberg table, or a staging directory before a Delta or catalog Parquet commit.
   *
   * @param written the staged rows, read back from where they were written (never the Dataset that
   *     wrote them, which would recompute them)
   * @throws VerificationFailedException naming every failed check (never a value)
   */
  public void verify(
      TablePlan plan, Dataset<Row> written, WriteMeasurements measured, TableReport report) {
    List<ColumnPath> kept = new ArrayList<>(measured.keptChecksums().keySet());
    Privacy privacy = plan.config().privacy();
    boolean leakCheck = !"off".equals(privacy.leakCheck());
    try (LeakCheck.Probe leak = leakCheck ? prepareLeakCheck(plan, measured) : null) {
      describeJobs(plan, "verify what was written");
      OutputScan.Result out = OutputScan.run(written, kept, plan.partitionBy(), leak);
      check(plan, written, measured, report, kept, out, leak);
    }
  }

  private LeakCheck.Probe prepareLeakCheck(TablePlan plan, WriteMeasurements measured) {
    describeJobs(plan, "leak check filters");
    return LeakCheck.prepare(plan, measured);
  }

  private void check(
      TablePlan plan,
      Dataset<Row> written,
      WriteMeasurements measured,
      TableReport report,
      List<ColumnPath> kept,
      OutputScan.Result out,
      LeakCheck.Probe leak) {
    List<String> failures = new ArrayList<>();
    long rowsIn = measured.rowsIn();
    long suppressed = measured.suppressed();
    long rowsOut = out.rows;
    report.rows(rowsIn, rowsOut);
    report.verification("row_count", rowsIn - suppressed == rowsOut ? "passed" : "failed");
    if (rowsIn - suppressed != rowsOut) {
      failures.add(
          rowsIn
              + " rows read"
              + (suppressed > 0 ? ", " + suppressed + " suppressed," : "")
              + " but "
              + rowsOut
              + " written");
    }

    Map<String, String> checksums = new LinkedHashMap<>();
    for (int i = 0; i < kept.size(); i++) {
      ColumnPath p = kept.get(i);
      boolean same = Objects.equals(measured.keptChecksums().get(p), out.checksum(i));
      checksums.put(p.toString(), same ? "passed" : "failed");
      if (!same) {
        failures.add("column " + p + " was to be kept as it was but its checksum changed");
      }
    }
    report.verification("kept_checksums", checksums);

    Map<String, Object> unchangedReport = new LinkedHashMap<>();
    for (Map.Entry<TransformedField, Long> c : measured.unchanged().entrySet()) {
      long n = c.getValue();
      TransformedField f = c.getKey();
      unchangedReport.put(f.path().toString(), n);
      if (n > 0) {
        failures.add(n + " values of " + f.path() + " were not changed by " + f.operation().name());
      }
    }
    report.verification("unchanged_values", unchangedReport);
    if (!measured.operationMetrics().isEmpty()) {
      Map<String, Object> ops = new LinkedHashMap<>();
      measured.operationMetrics().forEach((path, values) -> ops.put(path.toString(), values));
      report.put("operation_metrics", ops);
    }

    Privacy privacy = plan.config().privacy();
    if (!privacy.quasiIdentifiers().isEmpty()) {
      describeJobs(plan, "privacy measures");
      Map<String, Object> sections = PrivacyChecks.measure(written, privacy, suppressed, failures);
      if (privacy.suppressCells()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> k = (Map<String, Object>) sections.get("k_anonymity");
        long lost = measured.rowsWithSuppressedCells();
        k.put("rows_with_suppressed_cells", lost);
        k.put("max_suppressed", privacy.maxSuppressed());
        if (lost > privacy.maxSuppressed() * rowsIn) {
          failures.add(
              lost
                  + " rows lost quasi-identifier values to enforce = suppress-cells, more than"
                  + " max-suppressed = "
                  + privacy.maxSuppressed()
                  + " of "
                  + rowsIn
                  + " rows");
        }
      }
      sections.forEach(report::put);
      describeJobs(plan, "utility");
      report.put(
          "utility",
          PrivacyChecks.utility(
              plan.input(),
              written,
              privacy,
              rowsIn,
              rowsOut,
              measured.suppressedCells(),
              plan.levels()));
    }
    if (!"off".equals(privacy.leakCheck())) {
      describeJobs(plan, "leak check");
      report.put(
          "leak_check",
          LeakCheck.report(
              leak,
              plan.input(),
              written,
              out.candidates,
              "fail".equals(privacy.leakCheck()),
              failures));
    }

    if (!plan.partitionBy().isEmpty()) {
      describeJobs(plan, "row counts per partition");
      String result = partitions(plan, out.partitionRows());
      report.verification("partition_row_counts", result == null ? "passed" : "failed");
      if (result != null) {
        failures.add(result);
      }
    }
    report.verification("status", failures.isEmpty() ? "passed" : "failed");
    if (!failures.isEmpty()) {
      throw new VerificationFailedException(plan.name(), String.join("; ", failures));
    }
  }

  /** What Spark's UI and event log show for the Spark jobs that follow (the caller clears it). */
  private void describeJobs(TablePlan plan, String check) {
    spark.sparkContext().setJobDescription("veil " + plan.name() + ": " + check);
  }

  /**
   * Row counts per output partition, input (with partition values as written, as text) against what
   * the read of the output counted.
   */
  private static String partitions(TablePlan plan, Map<List<String>, Long> actual) {
    Column[] keys =
        plan.partitionBy().stream()
            .map(n -> functions.col(ColumnRewriter.quoteForColumn(n)).cast(DataTypes.StringType))
            .toArray(Column[]::new);
    Map<List<String>, Long> expected = counts(plan.rowsToWrite().groupBy(keys).count());
    if (expected.equals(actual)) {
      return null;
    }
    int differing = 0;
    for (List<String> k : expected.keySet()) {
      if (!expected.get(k).equals(actual.get(k))) {
        differing++;
      }
    }
    for (List<String> k : actual.keySet()) {
      if (!expected.containsKey(k)) {
        differing++;
      }
    }
    return differing
        + " of "
        + expected.size()
        + " output partitions have a different row count than their input";
  }

  private static Map<List<String>, Long> counts(Dataset<Row> grouped) {
    Map<List<String>, Long> m = new HashMap<>();
    for (Row r : grouped.collectAsList()) { // one row per partition, not per data row
      List<String> key = new ArrayList<>();
      for (int i = 0; i < r.length() - 1; i++) {
        key.add(r.getString(i));
      }
      m.put(key, r.getLong(r.length() - 1));
    }
    return m;
  }
}
