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
  private final String byName;

  /**
   * @param undo true for unshift: the offsets negated
   */
  public ShiftOffsets(DateShift shift, boolean undo, String byName) {
    this.shift = shift;
    this.sign = undo ? -1 : 1;
    this.byName = byName;
  }

  /** The offset for {@code by} (never null: Spark calls this for non-null values only). */
  public long offset(UTF8String by) {
    return sign * shift.offsetUtf8(Utf8Function.base(by), Utf8Function.offset(by), by.numBytes());
  }

  /** The column or field the offsets come from, for messages. */
  String byName() {
    return byName;
  }

  @Override
  public String toString() {
    return (sign < 0 ? "unshift" : "shift") + " by " + byName;
  }
}
