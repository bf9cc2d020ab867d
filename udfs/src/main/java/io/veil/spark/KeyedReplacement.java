package io.veil.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A keyed, deterministic replacement of any atomic value by text (pseudonyms, fake values). The
 * value is first written in a form that does not depend on session settings (instants as
 * microseconds since the epoch, binary as hex; wall-clock timestamps and dates cast as text), so
 * the replacement is the same in every run and cluster.
 */
abstract class KeyedReplacement implements ColumnOperation {
  private final String udfName;
  private final String what;

  KeyedReplacement(String udfName, String what) {
    this.udfName = udfName;
    this.what = what;
  }

  /** The replacement of one value's canonical text; serialized to executors. */
  abstract UDF1<String, String> function();

  /** The same on Spark's UTF-8 bytes, or null to apply {@link #function} as a Java UDF. */
  Utf8Function utf8Function() {
    return null;
  }

  @Override
  public String name() {
    return "replace";
  }

  @Override
  public String rejectType(DataType type) {
    return SparkTypes.isAtomic(type)
        ? null
        : what + " replace atomic values, not " + type.typeName();
  }

  @Override
  public DataType resultType(DataType type) {
    return DataTypes.StringType;
  }

  @Override
  public Column apply(Column input, DataType type) {
    Utf8Function bytes = utf8Function();
    if (bytes != null) {
      return Utf8Function.call(bytes, canonical(input, type));
    }
    return functions
        .udf(function(), DataTypes.StringType)
        .withName(udfName)
        .apply(canonical(input, type));
  }

  static Column canonical(Column input, DataType type) {
    if (type instanceof StringType) {
      return input;
    }
    if (type instanceof TimestampType) {
      return functions.unix_micros(input).cast(DataTypes.StringType);
    }
    if (type instanceof BinaryType) {
      return functions.hex(input);
    }
    return input.cast(DataTypes.StringType);
  }
}
