package io.veil.spark;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/** Type tests Spark's public Java API lacks. */
public final class SparkTypes {
  private SparkTypes() {}

  /** Not a struct, array, map or variant. */
  public static boolean isAtomic(DataType type) {
    return !(type instanceof StructType || type instanceof ArrayType || type instanceof MapType)
        && !"variant".equals(type.typeName().toLowerCase(java.util.Locale.ROOT));
  }

  public static boolean isIntegral(DataType type) {
    return type instanceof ByteType
        || type instanceof ShortType
        || type instanceof IntegerType
        || type instanceof LongType;
  }

  static boolean isNumeric(DataType type) {
    return isIntegral(type)
        || type instanceof DecimalType
        || type instanceof FloatType
        || type instanceof DoubleType;
  }

  static boolean isTimestamp(DataType type) {
    return type instanceof TimestampType || type instanceof TimestampNTZType;
  }

  static boolean isDate(DataType type) {
    return type instanceof DateType;
  }
}
