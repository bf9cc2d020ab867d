package io.veil.job.verify;

import io.veil.spark.ColumnPath;
import io.veil.spark.TransformedField;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was measured while a table was written, in the pass that wrote it; verification compares the
 * written table against it.
 *
 * @param rowsIn the input's rows
 * @param suppressed rows dropped by {@code enforce = suppress} (0 when nothing is suppressed)
 * @param keptChecksums per path left as it was, the {@link Checksum} of its input values over the
 *     rows that were written
 * @param unchanged per transformed field whose op promises change, the promised values that came
 *     out unchanged
 * @param inputValues per multi-valued field whose op promises change, its input values (elements or
 *     entries, not rows)
 * @param operationMetrics per transformed path, the op's own aggregates by report name (rekey:
 *     values per old key version)
 * @param suppressedCells per quasi-identifier, the values {@code enforce = suppress-cells} nulled
 * @param rowsWithSuppressedCells the rows that lost at least one value to it
 */
public record WriteMeasurements(
    long rowsIn,
    long suppressed,
    Map<ColumnPath, Object> keptChecksums,
    Map<TransformedField, Long> unchanged,
    Map<ColumnPath, Long> inputValues,
    Map<ColumnPath, Map<String, Object>> operationMetrics,
    Map<ColumnPath, Long> suppressedCells,
    long rowsWithSuppressedCells) {

  public WriteMeasurements {
    suppressedCells = ordered(suppressedCells);
    keptChecksums = ordered(keptChecksums);
    unchanged = ordered(unchanged);
    inputValues = ordered(inputValues);
    operationMetrics = ordered(operationMetrics);
  }

  /** How many input values {@code field} holds: its elements when multi-valued, else the rows. */
  long inputValues(TransformedField field) {
    return inputValues.getOrDefault(field.path(), rowsIn);
  }

  private static <K, V> Map<K, V> ordered(Map<K, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
