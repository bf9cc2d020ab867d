package io.veil.spark;

import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A test of a string value on the UTF-8 bytes Spark keeps it in, called from Spark's generated code
 * through {@code Invoke} ({@link MethodCall}), as {@link Utf8Function} is: no Java string is
 * decoded per value, as a Java UDF would. Serialized to executors inside the plan; its {@code
 * toString} is what the plan shows.
 */
public interface Utf8Predicate extends Serializable {

  /** The test of a value that is not null. */
  boolean test(UTF8String value);

  /** {@code predicate} applied to {@code input}, a string column; null where the value is null. */
  static Column call(Utf8Predicate predicate, Column input) {
    return MethodCall.of(
        predicate, Utf8Predicate.class, "test", DataTypes.BooleanType, true, input);
  }
}
