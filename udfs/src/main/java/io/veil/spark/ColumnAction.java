package io.veil.spark;

import io.veil.spark.op.OperationSettings;
import java.util.Objects;

/** What to do with a column or nested field: keep it, drop it, or transform it. */
public final class ColumnAction {
  public enum Kind {
    KEEP,
    DROP,
    TRANSFORM
  }

  public static final ColumnAction KEEP = new ColumnAction(Kind.KEEP, null, null);
  public static final ColumnAction DROP = new ColumnAction(Kind.DROP, null, null);

  private final Kind kind;
  private final OperationSettings settings;
  private final ColumnOperation operation;

  private ColumnAction(Kind kind, OperationSettings settings, ColumnOperation operation) {
    this.kind = kind;
    this.settings = settings;
    this.operation = operation;
  }

  /** The operation Spark applies, and the settings it was bound from (what metadata records). */
  public static ColumnAction transform(OperationSettings settings, ColumnOperation operation) {
    return new ColumnAction(
        Kind.TRANSFORM, Objects.requireNonNull(settings), Objects.requireNonNull(operation));
  }

  /** The settings of a TRANSFORM action; null otherwise. */
  public OperationSettings settings() {
    return settings;
  }

  public Kind kind() {
    return kind;
  }

  /** The operation of a TRANSFORM action; null otherwise. */
  public ColumnOperation operation() {
    return operation;
  }

  public String name() {
    return kind == Kind.TRANSFORM
        ? operation.name()
        : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
