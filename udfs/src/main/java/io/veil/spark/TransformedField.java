package io.veil.spark;

import io.veil.spark.op.OperationSettings;
import org.apache.spark.sql.types.DataType;

/**
 * A column or nested field that an operation rewrote, with its types before and after.
 *
 * @param settings what was done: the settings the operation was bound from, which metadata and
 *     reports record
 */
public record TransformedField(
    ColumnPath path,
    OperationSettings settings,
    ColumnOperation operation,
    DataType originalType,
    DataType resultType) {

  /** What the column's metadata records as {@code original_type}: the type decrypt restores. */
  public DataType plaintextType() {
    return operation.plaintextType(originalType);
  }
}
