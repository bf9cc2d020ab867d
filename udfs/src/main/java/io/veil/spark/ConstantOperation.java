package io.veil.spark;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StringType;

/**
 * Replaces every non-null value with one constant of the column's type, or every value with null.
 * Null in stays null out for a constant too: a constant written where there was no value would
 * invent data.
 */
public final class ConstantOperation implements ColumnOperation {
  private final String value; // null means "replace with null"

  private ConstantOperation(String value) {
    this.value = value;
  }

  public static ConstantOperation constant(String value) {
    return new ConstantOperation(value);
  }

  public static ConstantOperation nulls() {
    return new ConstantOperation(null);
  }

  @Override
  public String name() {
    return "replace";
  }

  @Override
  public String rejectType(DataType type) {
    if (!SparkTypes.isAtomic(type)) {
      return value == null ? null : "a constant replaces atomic values, not a " + type.typeName();
    }
    if (value == null || type instanceof StringType) {
      return null;
    }
    return parses(value, type) ? null : "the constant value is not a valid " + type.simpleString();
  }

  /** Checked in Java so a bad constant fails the plan, not a task (or, without ANSI, to null). */
  private static boolean parses(String v, DataType type) {
    try {
      String t = v.trim();
      if (SparkTypes.isIntegral(type)) {
        new BigDecimal(t).longValueExact();
      } else if (type instanceof DecimalType) {
        BigDecimal d = new BigDecimal(t);
        DecimalType dt = (DecimalType) type;
        return d.precision() - d.scale() <= dt.precision() - dt.scale();
      } else if (type instanceof DoubleType || type instanceof FloatType) {
        Double.parseDouble(t);
      } else if (type instanceof BooleanType) {
        return t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false");
      } else if (SparkTypes.isDate(type)) {
        LocalDate.parse(t);
      } else if (SparkTypes.isTimestamp(type)) {
        LocalDateTime.parse(t.replace(' ', 'T'));
      }
      return true;
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      return false;
    }
  }

  @Override
  public DataType resultType(DataType type) {
    return type;
  }

  @Override
  public Column apply(Column input, DataType type) {
    if (value == null) {
      return functions.lit(null).cast(type);
    }
    return functions.when(input.isNotNull(), functions.lit(value).cast(type));
  }

  /** A value already equal to the constant stays so: nothing is promised. */
  @Override
  public boolean promisesChange() {
    return false;
  }

  @Override
  public Column mustChange(Column input, DataType type) {
    throw new UnsupportedOperationException(name() + " promises no change");
  }
}
