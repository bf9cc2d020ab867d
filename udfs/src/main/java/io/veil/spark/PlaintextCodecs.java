package io.veil.spark;

import io.veil.ops.PlaintextCodec;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/** Which {@link PlaintextCodec} reads and writes values of a Spark type. */
final class PlaintextCodecs {
  private PlaintextCodecs() {}

  /** The codec for {@code type}, or null when Veil cannot encrypt values of it. */
  static PlaintextCodec of(DataType type) {
    if (type instanceof StringType) {
      return PlaintextCodec.STRING;
    } else if (type instanceof BinaryType) {
      return PlaintextCodec.BINARY;
    } else if (type instanceof BooleanType) {
      return PlaintextCodec.BOOLEAN;
    } else if (type instanceof ByteType) {
      return PlaintextCodec.BYTE;
    } else if (type instanceof ShortType) {
      return PlaintextCodec.SHORT;
    } else if (type instanceof IntegerType) {
      return PlaintextCodec.INT;
    } else if (type instanceof LongType) {
      return PlaintextCodec.LONG;
    } else if (type instanceof FloatType) {
      return PlaintextCodec.FLOAT;
    } else if (type instanceof DoubleType) {
      return PlaintextCodec.DOUBLE;
    } else if (type instanceof DecimalType) {
      return PlaintextCodec.DECIMAL;
    } else if (type instanceof DateType) {
      return PlaintextCodec.DATE;
    } else if (type instanceof TimestampType) {
      return PlaintextCodec.TIMESTAMP;
    } else if (type instanceof TimestampNTZType) {
      return PlaintextCodec.TIMESTAMP_NTZ;
    }
    return null;
  }
}
