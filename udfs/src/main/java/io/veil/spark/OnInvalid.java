package io.veil.spark;

import io.veil.ops.InvalidValueException;
import java.io.Serializable;
import java.util.Locale;

/**
 * What an operation writes for a value it cannot take (the job's {@code on-invalid}): fail the run,
 * write null, or, for string truncation, mask the value whole. Failures name the column and table,
 * never the value, and say how to write something instead.
 */
public final class OnInvalid implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The remedies, by config name ({@code on-invalid = mask}). */
  public enum Remedy {
    FAIL,
    NULL,
    /** Masked whole, as a mask does a value too short to show anything of: string truncation. */
    MASK;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Remedy fromConfigName(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }

  private final Remedy remedy;
  private final String label;
  private final String hint;

  /**
   * @param label names the column and table (and key, where one is used) in messages, e.g. "column
   *     name of table customers"
   * @param hint what else the job could write, appended to messages, e.g. " (set on-invalid = null
   *     to write null instead)"; "" for none
   */
  public OnInvalid(Remedy remedy, String label, String hint) {
    this.remedy = remedy;
    this.label = label;
    this.hint = hint;
  }

  public Remedy remedy() {
    return remedy;
  }

  /**
   * The value to write for a value the operation cannot take because of {@code why}: null, or an
   * {@link InvalidValueException} under {@link Remedy#FAIL}. {@link Remedy#MASK} is the caller's to
   * apply.
   */
  public String reject(String why) {
    if (remedy == Remedy.FAIL) {
      throw new InvalidValueException("Invalid value in " + label + ": " + why + hint);
    }
    if (remedy == Remedy.NULL) {
      return null;
    }
    throw new IllegalStateException("on-invalid = mask is applied by the operation itself");
  }
}
