package io.veil.spark.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ScalaUDF;
import org.apache.spark.sql.catalyst.expressions.objects.Invoke;
import org.apache.spark.sql.classic.ColumnNodeToExpressionConverter$;
import org.apache.spark.sql.classic.ExpressionUtils;

/**
 * Where Veil's SQL functions cross between Spark's public {@link Column} and Catalyst's {@link
 * Expression}, so that a function builder (which sees expressions) can reuse the {@code
 * ColumnOperation}s the job applies (which build columns). Spark 4 keeps the converter internal
 * ({@code org.apache.spark.sql.classic}); a Spark upgrade that moves it changes only this class and
 * {@code io.veil.spark.MethodCall}, the other place that uses it.
 */
final class ColumnExpressions {
  private ColumnExpressions() {}

  static Column column(Expression expression) {
    return ExpressionUtils.column(expression);
  }

  static Expression expression(Column column) {
    return ColumnNodeToExpressionConverter$.MODULE$.apply(column.node());
  }

  /**
   * The expression of an operation's column, named after the call that made it: {@code value} is
   * the value argument as the operation received it and {@code shown} the further arguments plans
   * and column names show ({@link NamedCall}), so they read {@code veil_encrypt(email, pii,
   * customers.email)}. Key names show as written; key material lives only inside the operation's
   * function object, which never prints. Expressions built from Spark's own functions (trunc,
   * pmod...) keep the names Spark gives them.
   */
  static Expression asCall(
      Column operation, String name, Expression value, List<Expression> shown) {
    Expression e = expression(operation);
    if (!(e instanceof ScalaUDF) && !(e instanceof Invoke)) {
      return e;
    }
    return named(operation, name, value, shown);
  }

  /** {@link #asCall} for an expression of any kind, built from Spark's functions or not. */
  static Expression named(Column operation, String name, Expression value, List<Expression> shown) {
    List<Expression> arguments = new ArrayList<>();
    arguments.add(value);
    arguments.addAll(shown);
    return NamedCall.of(name, expression(operation), arguments);
  }
}
