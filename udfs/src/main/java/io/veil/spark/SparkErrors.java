package io.veil.spark;

import java.util.Map;
import org.apache.spark.SparkThrowable;

/**
 * One line about a Spark failure that is safe to print: Spark's error condition, the file it names
 * and the class of the underlying cause, never Spark's message text. Those messages can quote data
 * (a malformed CSV record, a value that failed a cast, a header line of a file without one), and
 * the stack traces behind them are turned off in Veil's logging, so the condition and the file are
 * what tells a user where to look.
 */
public final class SparkErrors {
  /** What some conditions mean for someone reading a table, in Veil's words. */
  private static final Map<String, String> HINTS =
      Map.of(
          "PATH_NOT_FOUND", "no such path",
          "FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER",
              "not a file of this format, or a truncated one",
          "FAILED_READ_FILE.FILE_NOT_EXIST", "the file disappeared while it was read",
          "UNABLE_TO_INFER_SCHEMA", "no data files to take a schema from",
          "MALFORMED_RECORD_IN_PARSING", "a malformed record, and the reader's mode is FAILFAST",
          "CANNOT_READ_FILE_FOOTER", "not a file of this format, or a truncated one");

  private SparkErrors() {}

  /**
   * The error condition Spark reported deepest in the chain, or null when none did. Conditions
   * Spark has not named yet ({@code _LEGACY_ERROR_TEMP_...}) only when there is no other: they say
   * less than a named one around them.
   */
  public static SparkThrowable find(Throwable e) {
    SparkThrowable named = null;
    SparkThrowable legacy = null;
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SparkThrowable && ((SparkThrowable) c).getCondition() != null) {
        if (((SparkThrowable) c).getCondition().startsWith("_LEGACY_ERROR")) {
          legacy = (SparkThrowable) c;
        } else {
          named = (SparkThrowable) c;
        }
      }
    }
    return named != null ? named : legacy;
  }

  /**
   * For example "Spark reported FAILED_READ_FILE.CANNOT_READ_FILE_FOOTER on
   * file:/data/t/part-0.parquet: not a file of this format, or a truncated one (cause:
   * RuntimeException)".
   */
  public static String describe(Throwable e) {
    SparkThrowable spark = find(e);
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String cause = root == spark ? "" : " (cause: " + root.getClass().getSimpleName() + ")";
    if (spark == null) {
      return root.getClass().getName() + at(root);
    }
    String condition = spark.getCondition();
    Map<String, String> parameters = spark.getMessageParameters();
    String path = parameters == null ? null : parameters.get("path");
    String hint = HINTS.get(condition);
    if (hint == null && condition.contains(".")) {
      hint = HINTS.get(condition.substring(0, condition.indexOf('.')));
    }
    return "Spark reported "
        + condition
        + (path == null ? "" : " on " + unquote(path))
        + (hint == null ? "" : ": " + hint)
        + cause;
  }

  /** Where a failure outside Spark happened: the first frame, which names code, not data. */
  private static String at(Throwable t) {
    StackTraceElement[] frames = t.getStackTrace();
    return frames.length == 0 ? "" : " at " + frames[0];
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("`") && s.endsWith("`")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
