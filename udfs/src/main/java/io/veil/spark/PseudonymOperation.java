package io.veil.spark;

import io.veil.ops.Pseudonymizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Keyed pseudonyms for a column of any atomic type; the result is a string. Non-string values are
 * first written in a form that does not depend on session settings (instants as microseconds
 * since the epoch, binary as hex; wall-clock timestamps and dates cast as text), so a pseudonym is the same in every run and cluster.
 */
public final class PseudonymOperation implements ColumnOperation {
  private final Pseudonymizer pseudonymizer;
  private final Map<String, Object> description;

  public PseudonymOperation(
      Pseudonymizer pseudonymizer, String keyName, int keyVersion, String prefix, int length) {
    this.pseudonymizer = pseudonymizer;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("op", "replace");
    d.put("with", "pseudonym");
    d.put("key", keyName);
    d.put("key_version", keyVersion);
    d.put("prefix", prefix);
    d.put("length", length);
    this.description = d;
  }

  @Override
  public String name() {
    return "replace";
  }

  @Override
  public String rejectType(DataType type) {
    return SparkTypes.isAtomic(type) ? null : "pseudonyms take atomic values, not " + type.typeName();
  }

  @Override
  public DataType resultType(DataType type) {
    return DataTypes.StringType;
  }

  @Override
  public Column apply(Column input, DataType type) {
    Pseudonymizer p = pseudonymizer;
    UDF1<String, String> f = p::pseudonym;
    return functions.udf(f, DataTypes.StringType).withName("veil_pseudonym").apply(canonical(input, type));
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

  /** A pseudonym is never the value itself: every non-null value must change. */
  @Override
  public Column mustChange(Column input, DataType type) {
    return input.isNotNull();
  }

  @Override
  public Map<String, Object> describe() {
    return description;
  }
}
