package io.veil.spark;

import org.apache.spark.sql.types.DataType;

/** A column or nested field that an operation rewrote, with its types before and after. */
public final class TransformedField {
  private final ColumnPath path;
  private final ColumnOperation operation;
  private final DataType originalType;
  private final DataType resultType;

  public TransformedField(
      ColumnPath path, ColumnOperation operation, DataType originalType, DataType resultType) {
    this.path = path;
    this.operation = operation;
    this.originalType = originalType;
    this.resultType = resultType;
  }

  public ColumnPath path() {
    return path;
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
