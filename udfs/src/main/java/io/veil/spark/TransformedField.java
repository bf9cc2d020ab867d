package io.veil.spark;

import io.veil.spark.op.OperationSettings;
import org.apache.spark.sql.types.DataType;

/** A column or nested field that an operation rewrote, with its types before and after. */
public final class TransformedField {
  private final ColumnPath path;
  private final OperationSettings settings;
  private final ColumnOperation operation;
  private final DataType originalType;
  private final DataType resultType;

  public TransformedField(
      ColumnPath path,
      OperationSettings settings,
      ColumnOperation operation,
      DataType originalType,
      DataType resultType) {
    this.path = path;
    this.settings = settings;
    this.operation = operation;
    this.originalType = originalType;
    this.resultType = resultType;
  }

  public ColumnPath path() {
    return path;
  }

  /**
   * What was done: the settings the operation was bound from, which metadata and reports record.
   */
  public OperationSettings settings() {
    return settings;
  }

  public ColumnOperation operation() {
    return operation;
  }

  public DataType originalType() {
    return originalType;
  }

  /** What the column's metadata records as {@code original_type}: the type decrypt restores. */
  public DataType plaintextType() {
    return operation.plaintextType(originalType);
  }

  public DataType resultType() {
    return resultType;
  }
}
