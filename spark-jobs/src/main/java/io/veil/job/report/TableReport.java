package io.veil.job.report;

import io.veil.job.plan.TablePlan;
import io.veil.spark.TransformedField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of one table: paths, row counts, what happened to each column, verification and
 * durations. Holds names, counts and parameters only, never a value or key material.
 */
public final class TableReport {
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final Map<String, Object> durations = new LinkedHashMap<>();
  private final Map<String, Object> verification = new LinkedHashMap<>();
  private final Map<String, Object> output = new LinkedHashMap<>();

  public TableReport(TablePlan plan, String runId, String configDigest) {
    fields.put("run_id", runId);
    fields.put("config_digest", configDigest);
    fields.put("table", plan.name());
    Map<String, Object> input = new LinkedHashMap<>();
    if (plan.config().inputTable() != null) {
      input.put("table", plan.config().inputTable());
    } else {
      input.put("path", plan.config().inputPath());
      input.put("format", plan.config().inputFormat());
    }
    fields.put("input", input);
    if (plan.config().outputTable() != null) {
      output.put("table", plan.config().outputTable());
    } else {
      output.put("path", plan.config().outputPath());
    }
    output.put("format", plan.config().outputFormat());
    output.put("compression", plan.codec());
    output.put("partition_by", plan.partitionBy());
    fields.put("output", output);
    describeColumns(plan);
    fields.put("verification", verification);
    fields.put("durations_ms", durations);
  }

  /**
   * What the plan does to each column: {@code transformed}, {@code kept} and {@code dropped}, again
   * when a run changes its plan ({@code enforce = generalize} chooses levels).
   */
  public void describeColumns(TablePlan plan) {
    List<Map<String, Object>> columns = new ArrayList<>();
    for (TransformedField f : plan.transformed()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("path", f.path().toString());
      c.putAll(f.settings().record());
      c.put("original_type", f.plaintextType().catalogString());
      c.put("result_type", f.resultType().catalogString());
      columns.add(c);
    }
    fields.put("transformed", columns);
    fields.put("kept", plan.untouchedColumns());
    fields.put("dropped", plan.droppedPaths());
  }

  public void rows(long in, long out) {
    fields.put("rows_in", in);
    fields.put("rows_out", out);
  }

  /**
   * What the verified table holds on disk: its data files and their bytes, which the next run
   * checks a published table against before it deletes the table that one replaced.
   */
  public void dataFiles(long files, long bytes) {
    output.put("data_files", files);
    output.put("data_bytes", bytes);
  }

  public void duration(String stage, long millis) {
    durations.put(stage, millis);
  }

  public void verification(String check, Object result) {
    verification.put(check, result);
  }

  public void put(String key, Object value) {
    fields.put(key, value);
  }

  public void status(String status) {
    fields.put("status", status);
  }

  public Object get(String key) {
    return fields.get(key);
  }

  /** Where a catalog output was published (its location, snapshot or version), for the report. */
  public void outputDetail(String key, Object value) {
    output.put(key, value);
  }

  public Map<String, Object> toMap() {
    return fields;
  }
}
