package io.veil.job.rewrite;

import io.veil.spark.SparkErrors;

/**
 * A failure outside Veil's own checks (Spark could not read a file, an executor died) while one
 * table was written, verified or published: names the table and stage, and describes the failure
 * without Spark's message text, which can quote data ({@link SparkErrors}).
 */
public final class TableStageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TableStageException(String table, String stage, Exception cause) {
    super("Cannot " + stage + " table " + table + ": " + SparkErrors.describe(cause), cause);
  }
}
