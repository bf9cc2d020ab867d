package io.veil.spark;

import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * A value an operation cannot take, decided by a Spark expression rather than inside a function:
 * under {@code on-invalid = null} it becomes null, under {@code fail} the run stops with the
 * operation's {@link OnInvalid} message (exit 3, naming the column, never the value).
 */
public final class InvalidValueCheck implements Serializable {
  private static final long serialVersionUID = 1L;
  private final OnInvalid onInvalid;
  private final String why;

  private InvalidValueCheck(OnInvalid onInvalid, String why) {
    this.onInvalid = onInvalid;
    this.why = why;
  }

  /**
   * {@code value}, except where {@code invalid} holds: null there, or a failed run.
   *
   * @param why what is wrong with such values, for the message
   */
  public static Column guard(Column invalid, Column value, OnInvalid onInvalid, String why) {
    if (onInvalid.remedy() != OnInvalid.Remedy.FAIL) {
      return functions.when(invalid, functions.lit(null)).otherwise(value);
    }
    // Evaluated only where invalid holds (AND evaluates its right side only after a true left);
    // not deterministic, so the optimizer neither folds nor reorders it.
    Column reject =
        MethodCall.of(
            new InvalidValueCheck(onInvalid, why),
            InvalidValueCheck.class,
            "reject",
            DataTypes.BooleanType,
            false,
            functions.lit(true));
    return functions.when(invalid.and(reject), functions.lit(null)).otherwise(value);
  }

  /** Fails the run; never returns normally. */
  public boolean reject(boolean unused) {
    onInvalid.reject(why);
    throw new IllegalStateException("unreachable: on-invalid = fail rejects");
  }

  @Override
  public String toString() {
    return "on-invalid";
  }
}
