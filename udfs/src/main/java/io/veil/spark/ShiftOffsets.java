package io.veil.spark;

import io.veil.ops.DateShift;
import java.io.Serializable;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The offsets of a shift (or, negated, an unshift) as Spark's generated code calls them: on the
 * {@code by} value's UTF-8 bytes as Spark holds them, no Java string per value. Its {@code
 * toString} is what plans show, never the key.
 */
public final class ShiftOffsets implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private final DateShift shift;
  private final int sign;
  private final String byName;
  private transient volatile Zone lastZone;

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

  /**
   * {@code micros}, a timestamp, moved by {@code days} (an {@link #offset}) in time zone {@code
   * zone}: the instant Spark's {@code timestamp_add(DAY, days, ts)} gives. In a zone of one fixed
   * offset (UTC, {@code +08:00}) a day is 86,400 seconds, added as microseconds; in a zone with
   * daylight saving, and for a result beyond a long, Spark's own arithmetic (its error too). The
   * offset comes in as its own column, so that Spark computes it once for all of a row's dates.
   */
  public long addDays(long days, long micros, UTF8String zone) {
    Zone z = zone(zone);
    if (z.fixed()) {
      try {
        return Math.addExact(micros, Math.multiplyExact(days, MICROS_PER_DAY));
      } catch (ArithmeticException e) {
        // Spark's call below fails with its own overflow error.
      }
    }
    return DateTimeUtils.timestampAdd("DAY", days, micros, z.id());
  }

  /**
   * {@code micros}, a timestamp, moved by {@code seconds} (an {@link #offset}): the instant Spark's
   * {@code timestamp_add(SECOND, seconds, ts)} gives in every zone, since seconds count on the
   * instants' own timeline (Spark still takes each value through a {@code ZonedDateTime}). For a
   * result beyond a long, Spark's own call, for its error.
   */
  public long addSeconds(long seconds, long micros) {
    try {
      return Math.addExact(micros, Math.multiplyExact(seconds, MICROS_PER_SECOND));
    } catch (ArithmeticException e) {
      return DateTimeUtils.timestampAdd("SECOND", seconds, micros, ZoneOffset.UTC);
    }
  }

  /** The zone named {@code name}: the last one asked for, kept, since a query has one. */
  private Zone zone(UTF8String name) {
    Zone z = lastZone;
    if (z == null || !z.name().equals(name)) {
      ZoneId id = DateTimeUtils.getZoneId(name.toString());
      z = new Zone(name.clone(), id, id.getRules().isFixedOffset());
      lastZone = z;
    }
    return z;
  }

  private record Zone(UTF8String name, ZoneId id, boolean fixed) {}

  /** The column or field the offsets come from, for messages. */
  String byName() {
    return byName;
  }

  @Override
  public String toString() {
    return (sign < 0 ? "unshift" : "shift") + " by " + byName;
  }
}
