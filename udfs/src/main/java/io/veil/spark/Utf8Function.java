package io.veil.spark;

import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.objects.Invoke;
import org.apache.spark.sql.classic.ColumnNodeToExpressionConverter$;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.ObjectType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A string function that works on the UTF-8 bytes Spark keeps its strings in. A Java UDF costs two
 * conversions per value besides the function (Spark's bytes to a Java string and back); for the
 * masks and pseudonyms those cost as much as the function itself ({@code FunctionBenchmark}), so
 * the job calls these instead, through Spark's {@code Invoke}: the generated code calls
 * {@link #apply} on the function object directly, as Spark's own object expressions do.
 *
 * <p>Implementations must give exactly the bytes of their Java-string version, which the SQL
 * functions still use; they are serialized to executors inside the plan, and their
 * {@code toString} is what the plan shows, so it must never hold key material.
 *
 * <p>This and {@code io.veil.spark.sql.ColumnExpressions} are where Veil uses Spark's internal
 * {@code org.apache.spark.sql.classic} converters; a Spark upgrade that moves them changes only
 * these two.
 */
public interface Utf8Function extends Serializable {

  /** The result for a value that is not null; never null itself. */
  UTF8String apply(UTF8String value);

  /** {@code function} applied to {@code input}, a string column; null stays null. */
  static Column call(Utf8Function function, Column input) {
    Expression target = Literal.create(function, new ObjectType(Utf8Function.class));
    Expression argument = ColumnNodeToExpressionConverter$.MODULE$.apply(input.node());
    Invoke invoke = new Invoke(target, "apply", DataTypes.StringType,
        CollectionConverters.asScala(java.util.List.of(argument)).toList(),
        CollectionConverters.asScala(java.util.List.<org.apache.spark.sql.types.AbstractDataType>of()).toList(),
        true, // propagateNull: a null value gives null without a call
        false, // returnNullable: apply never returns null
        true); // deterministic: the same value gives the same result
    return ExpressionUtils.column(invoke);
  }

  /** The byte array behind {@code value}, or a copy when it lives off the heap. */
  static byte[] base(UTF8String value) {
    return value.getBaseObject() instanceof byte[] b ? b : value.getBytes();
  }

  /** Where {@code value} starts in {@link #base}. */
  static int offset(UTF8String value) {
    return value.getBaseObject() instanceof byte[] ? (int) (value.getBaseOffset() - Platform.BYTE_ARRAY_OFFSET) : 0;
  }
}
