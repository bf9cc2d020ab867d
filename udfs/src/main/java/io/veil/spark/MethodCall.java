package io.veil.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.objects.Invoke;
import org.apache.spark.sql.classic.ColumnNodeToExpressionConverter$;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.ObjectType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A column that calls one method of a serializable object on each value of another column, through
 * Spark's {@code Invoke}: the generated code calls the method directly with the value as Spark
 * holds it ({@code UTF8String} for a string), as Spark's own object expressions do, without the
 * conversions of a Java UDF. The object travels to executors inside the plan, and the plan shows
 * its {@code toString}, which must therefore never hold key material.
 *
 * <p>This and {@code io.veil.spark.sql.ColumnExpressions} are where Veil uses Spark's internal
 * {@code org.apache.spark.sql.classic} converters; a Spark upgrade that moves them changes only
 * these two.
 */
final class MethodCall {
  private MethodCall() {}

  /**
   * @param declaredAs a public type of {@code target} that declares {@code method}: the generated
   *     code, compiled outside this package, casts to it
   * @param deterministic false for randomized results, so that Spark never merges, reorders or
   *     re-evaluates two calls as if they gave the same result
   * @return null where an input is null, without a call; the method never returns null
   */
  static Column of(
      Serializable target,
      Class<?> declaredAs,
      String method,
      DataType result,
      boolean deterministic,
      Column... inputs) {
    List<Expression> arguments = new java.util.ArrayList<>();
    for (Column input : inputs) {
      arguments.add(ColumnNodeToExpressionConverter$.MODULE$.apply(input.node()));
    }
    return ExpressionUtils.column(
        invoke(target, declaredAs, method, result, arguments, false, deterministic));
  }

  /**
   * The {@code Invoke} expression behind {@link #of}, on expressions: null where an argument is
   * null, without a call.
   *
   * @param returnNullable whether the method may return null (then null too)
   */
  static Invoke invoke(
      Serializable target,
      Class<?> declaredAs,
      String method,
      DataType result,
      List<Expression> arguments,
      boolean returnNullable,
      boolean deterministic) {
    return new Invoke(
        Literal.create(target, new ObjectType(declaredAs)),
        method,
        result,
        CollectionConverters.asScala(arguments).toList(),
        CollectionConverters.asScala(List.<AbstractDataType>of()).toList(),
        true, // propagateNull: a null argument gives null without a call
        returnNullable,
        deterministic);
  }
}
