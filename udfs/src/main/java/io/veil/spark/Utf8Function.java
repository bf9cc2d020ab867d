package io.veil.spark;

import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A string function that works on the UTF-8 bytes Spark keeps its strings in. A Java UDF costs two
 * conversions per value besides the function (Spark's bytes to a Java string and back); for the
 * masks and pseudonyms those cost as much as the function itself ({@code FunctionBenchmark}), so
 * the job calls these instead, through Spark's {@code Invoke} ({@link MethodCall}): the generated
 * code calls {@link #apply} on the function object directly.
 *
 * <p>Implementations must give exactly the bytes of their Java-string version, which the SQL
 * functions still use; they are serialized to executors inside the plan, and their {@code toString}
 * is what the plan shows, so it must never hold key material.
 */
public interface Utf8Function extends Serializable {

  /** The result for a value that is not null; never null itself. */
  UTF8String apply(UTF8String value);

  /** {@code function} applied to {@code input}, a string column; null stays null. */
  static Column call(Utf8Function function, Column input) {
    return MethodCall.of(function, Utf8Function.class, "apply", DataTypes.StringType, true, input);
  }

  /** The byte array behind {@code value}, or a copy when it lives off the heap. */
  static byte[] base(UTF8String value) {
    return value.getBaseObject() instanceof byte[] b ? b : value.getBytes();
  }

  /** Where {@code value} starts in {@link #base}. */
  static int offset(UTF8String value) {
    return value.getBaseObject() instanceof byte[]
        ? (int) (value.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET)
        : 0;
  }
}
