package io.veil.spark;

import io.veil.ops.DateShift;
import java.io.Serializable;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The offsets of a shift (or, negated, an unshift) as Spark's generated code calls them: on the
 * {@code by} value's UTF-8 bytes as Spark holds them, no Java string per value. Its {@code
 * toString} is what plans show, never the key.
 */
public final class ShiftOffsets implements Serializable {
  private static final long serialVersionUID = 1L;
  private final DateShift shift;
  private final int sign;
  private final OnInvalid onInvalid;
  private final String byName;

  /**
   * @param undo true for unshift: the offsets negated
   * @param onInvalid what a value whose {@code by} is null becomes when it must fail
   */
  public ShiftOffsets(DateShift shift, boolean undo, OnInvalid onInvalid, String byName) {
    this.shift = shift;
    this.sign = undo ? -1 : 1;
    this.onInvalid = onInvalid;
    this.byName = byName;
  }

  /** The offset for {@code by} (never null: Spark calls this for non-null values only). */
  public long offset(UTF8String by) {
    return sign * shift.offsetUtf8(Utf8Function.base(by), Utf8Function.offset(by), by.numBytes());
  }

  /** Called for a non-null date or timestamp whose {@code by} is null, under on-invalid = fail. */
  public int noOffsetForDate(int days) {
    onInvalid.reject(byName + " is null, so it has no offset");
    throw new IllegalStateException("unreachable: on-invalid = fail rejects");
  }

  /** The same for timestamps (microseconds). */
  public long noOffsetForTimestamp(long micros) {
    onInvalid.reject(byName + " is null, so it has no offset");
    throw new IllegalStateException("unreachable: on-invalid = fail rejects");
  }

  @Override
  public String toString() {
    return (sign < 0 ? "unshift" : "shift") + " by " + byName;
  }
}
