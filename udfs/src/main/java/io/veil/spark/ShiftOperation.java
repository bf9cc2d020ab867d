package io.veil.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Shifts dates and timestamps by a keyed offset per person ({@code op = shift}), or back ({@code op
 * = unshift}). The offset comes from the value of another column, {@code by} (the person's
 * identifier, as text), read from the input row: the same person gets the same offset wherever
 * their dates are, and the intervals between them survive. Dates move by whole days with Spark's
 * {@code date_add}; timestamps by days with {@code timestamp_add}, which keeps the time of day in
 * the session's time zone, or by seconds ({@code unit = seconds}).
 */
public final class ShiftOperation implements ColumnOperation {
  /** What the offsets count. */
  public enum Unit {
    DAYS,
    SECONDS
  }

  private final String name;
  private final ShiftOffsets offsets;
  private final Unit unit;
  private final Column by;
  private final OnInvalid withoutBy;

  /**
   * @param name shift or unshift
   * @param by the column giving each row's identifier, resolved against the input
   * @param withoutBy what a date whose {@code by} is null becomes: a failed run or null
   */
  public ShiftOperation(
      String name, ShiftOffsets offsets, Unit unit, Column by, OnInvalid withoutBy) {
    this.name = name;
    this.offsets = offsets;
    this.unit = unit;
    this.by = by;
    this.withoutBy = withoutBy;
  }

  /** The same shift, reading the identifier from another column (a SQL call's argument). */
  public ShiftOperation by(Column other) {
    return new ShiftOperation(name, offsets, unit, other, withoutBy);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String rejectType(DataType type) {
    if (type instanceof DateType) {
      return unit == Unit.DAYS
          ? null
          : "unit = seconds shifts timestamps; a date shifts by whole days";
    }
    return type instanceof TimestampType || type instanceof TimestampNTZType
        ? null
        : name + " takes dates and timestamps";
  }

  @Override
  public DataType resultType(DataType type) {
    return type;
  }

  @Override
  public Column apply(Column input, DataType type) {
    Column byText = by.cast(DataTypes.StringType);
    Column offset =
        MethodCall.of(offsets, ShiftOffsets.class, "offset", DataTypes.LongType, true, byText);
    Column shifted;
    if (type instanceof DateType) {
      shifted = functions.date_add(input, offset.cast(DataTypes.IntegerType));
    } else if (unit == Unit.SECONDS) {
      // The same instant as timestamp_add(SECOND, ...), without its ZonedDateTime per value.
      shifted = MethodCall.of(offsets, ShiftOffsets.class, "addSeconds", type, true, offset, input);
    } else {
      // Spark's own timestamp_add(DAY, ...) takes every value through a ZonedDateTime; addDays
      // adds whole days of microseconds where the zone has no daylight saving, and calls Spark's
      // arithmetic where it has. The zone is the query's (current_timezone(), made a
      // literal when Spark optimizes the query, as timestamp_add's own zone is fixed then), UTC
      // for timestamps without a zone, as Spark adds their days.
      Column zone =
          type instanceof TimestampNTZType ? functions.lit("UTC") : functions.current_timezone();
      shifted =
          MethodCall.of(offsets, ShiftOffsets.class, "addDays", type, true, offset, input, zone);
    }
    return InvalidValueCheck.guard(
        input.isNotNull().and(byText.isNull()),
        shifted,
        withoutBy,
        offsets.byName() + " is null, so it has no offset");
  }

  @Override
  public boolean promisesChange() {
    return true; // an offset is never 0
  }

  @Override
  public boolean leakChecked() {
    return false; // a shifted date is another real date: equal to some input date by design
  }

  @Override
  public Column mustChange(Column input, DataType type) {
    return input.isNotNull();
  }
}
