package io.veil.job.config;

import io.veil.spark.ColumnPath;

/** One entry of a table's {@code columns}: a path and what to do there. */
public final class RuleConfig {
  private final ColumnPath path;
  private final OperationSpec operation;
  private final String where;

  public RuleConfig(ColumnPath path, OperationSpec operation, String where) {
    this.path = path;
    this.operation = operation;
    this.where = where;
  }

  public ColumnPath path() {
    return path;
  }

  public OperationSpec operation() {
    return operation;
  }

  /** {@code file:line} of the rule. */
  public String where() {
    return where;
  }
}
