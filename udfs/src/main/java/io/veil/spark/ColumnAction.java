package io.veil.spark;

import java.util.Objects;

/** What to do with a column or nested field: keep it, drop it, or transform it. */
public final class ColumnAction {
  public enum Kind {
    KEEP,
    DROP,
    TRANSFORM
  }

  public static final ColumnAction KEEP = new ColumnAction(Kind.KEEP, null);
  public static final ColumnAction DROP = new ColumnAction(Kind.DROP, null);

  private final Kind kind;
  private final ColumnOperation operation;

  private ColumnAction(Kind kind, ColumnOperation operation) {
    this.kind = kind;
    this.operation = operation;
  }

  public static ColumnAction transform(ColumnOperation operation) {
    return new ColumnAction(Kind.TRANSFORM, Objects.requireNonNull(operation));
  }

  public Kind kind() {
    return kind;
  }

  /** The operation of a TRANSFORM action; null otherwise. */
  public ColumnOperation operation() {
    return operation;
  }

  public String name() {
    return kind == Kind.TRANSFORM ? operation.name() : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
