package io.veil.spark;

import io.veil.ops.StringTruncation;
import java.math.BigDecimal;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StringType;

/**
 * Generalizes values, keeping their type: strings to their first/last code points (pure Java),
 * dates and timestamps to the start of a year, month, day or hour, numbers down to a multiple of a
 * width. Dates and numbers use Spark's own {@code trunc}, {@code date_trunc} and {@code pmod}:
 * exact, compiled by Spark's code generator, and nothing for Veil to get wrong.
 *
 * <p>A string no longer than what is kept goes to {@code on-invalid}: masked whole by default, else
 * null or a failed run. So string truncation promises to change every value (but one made of mask
 * characters only) and is leak-checked; date and number truncation leave a value already at the
 * start of its unit as it is, by design.
 */
public final class TruncateOperation implements ColumnOperation {
  /** Units for dates and timestamps, as in {@code unit = month}. */
  public enum Unit {
    YEAR,
    MONTH,
    DAY,
    HOUR;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final StringTruncation strings;
  private final OnInvalid onInvalid;
  private final Unit unit;
  private final BigDecimal width;

  private TruncateOperation(
      StringTruncation strings, OnInvalid onInvalid, Unit unit, BigDecimal width) {
    this.strings = strings;
    this.onInvalid = onInvalid;
    this.unit = unit;
    this.width = width;
  }

  /** String truncation that masks a value too short to truncate whole, as the SQL function does. */
  public static TruncateOperation keep(int keepFirst, int keepLast) {
    return keep(keepFirst, keepLast, new OnInvalid(OnInvalid.Remedy.MASK, "", ""));
  }

  /** String truncation; a value no longer than what is kept goes to {@code onInvalid}. */
  public static TruncateOperation keep(int keepFirst, int keepLast, OnInvalid onInvalid) {
    TruncateOperation t =
        new TruncateOperation(new StringTruncation(keepFirst, keepLast), onInvalid, null, null);
    return t;
  }

  public static TruncateOperation toUnit(Unit unit) {
    TruncateOperation t = new TruncateOperation(null, null, unit, null);
    return t;
  }

  public static TruncateOperation toWidth(BigDecimal width) {
    if (width.signum() <= 0) {
      throw new IllegalArgumentException("truncate width must be above 0");
    }
    TruncateOperation t = new TruncateOperation(null, null, null, width);
    return t;
  }

  @Override
  public String name() {
    return "truncate";
  }

  @Override
  public String rejectType(DataType type) {
    if (strings != null) {
      return type instanceof StringType ? null : "keep-first and keep-last take strings";
    }
    if (unit != null) {
      if (SparkTypes.isTimestamp(type)) {
        return null;
      }
      if (SparkTypes.isDate(type)) {
        return unit == Unit.YEAR || unit == Unit.MONTH
            ? null
            : "a date has no time of day: use unit = year or month";
      }
      return "unit takes dates and timestamps";
    }
    if (SparkTypes.isIntegral(type)) {
      return width.stripTrailingZeros().scale() <= 0
          ? null
          : "an integer column needs a whole width";
    }
    return SparkTypes.isNumeric(type) ? null : "width takes numbers";
  }

  @Override
  public DataType resultType(DataType type) {
    return type;
  }

  @Override
  public Column apply(Column input, DataType type) {
    if (strings != null) {
      StringTruncation s = strings;
      OnInvalid invalid = onInvalid;
      String why = "it has no more characters than truncation keeps (" + s.kept() + ")";
      UDF1<String, String> f =
          invalid.remedy() == OnInvalid.Remedy.MASK
              ? s::truncate
              : v -> s.keepsWhole(v) ? invalid.reject(why) : s.truncate(v);
      return functions.udf(f, DataTypes.StringType).withName("veil_truncate").apply(input);
    }
    if (unit != null) {
      if (SparkTypes.isDate(type)) {
        return functions.trunc(input, unit.configName());
      }
      return functions.date_trunc(unit.configName(), input).cast(type);
    }
    // x - pmod(x, w) floors to a multiple of w for negative values too, in exact arithmetic.
    Column w = functions.lit(SparkTypes.isIntegral(type) ? (Object) width.longValueExact() : width);
    Column exact = input.minus(functions.pmod(input, w)).cast(type);
    return type instanceof DecimalType d ? DecimalFloor.apply(input, d, width, exact) : exact;
  }

  /**
   * A string comes out shorter, masked, null or not at all: every one holding a character other
   * than the mask character changes. Dates and numbers may stay as they were (a date already on the
   * first of its month).
   */
  @Override
  public boolean promisesChange() {
    return strings != null; // strings are masked past the kept characters; dates, numbers may stay
  }

  @Override
  public Column mustChange(Column input, DataType type) {
    return StringOperation.containsOtherThan(StringTruncation.MASK_CHAR).apply(input);
  }
}
