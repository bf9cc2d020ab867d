package io.veil.job.config;

import io.veil.spark.ColumnPath;
import io.veil.spark.op.OperationSettings;

/**
 * One entry of a table's {@code columns}: a path, what to do there (read and checked by the op's
 * definition), and the rule's {@code file:line}.
 */
public record RuleConfig(ColumnPath path, OperationSettings settings, String where) {}
