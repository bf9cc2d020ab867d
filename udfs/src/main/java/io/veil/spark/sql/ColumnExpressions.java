package io.veil.spark.sql;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ScalaUDF;
import org.apache.spark.sql.classic.ColumnNodeToExpressionConverter$;
import org.apache.spark.sql.classic.ExpressionUtils;
import scala.Function1;
import scala.Function2;
import scala.Function3;
import scala.Function4;
import scala.Function5;
import scala.Function6;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

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
   * The expression of an operation's column, named after the call that made it. An operation
   * applies a UDF to the value alone (its parameters are bound in the function object); this gives
   * the UDF the call's name and, when {@code shown} is not empty, those parameters as further
   * arguments, which it ignores, so plans and column names read {@code veil_encrypt(email, pii,
   * customers.email)}. Key names show as written; key material lives only inside the function
   * object, which never prints.
   *
   * <p>Shown arguments are not free: Spark converts each one for the UDF on every row (a string
   * constant becomes a Java string), which measurably slows the cheap masks, so those show only the
   * value ({@code FunctionBenchmark}).
   */
  static Expression asCall(Column operation, String name, List<Expression> shown) {
    Expression e = expression(operation);
    if (!(e instanceof ScalaUDF) || e.children().size() != 1 || shown.size() > 5) {
      return e; // built from Spark's own functions (trunc, pmod...): Spark names it
    }
    ScalaUDF udf = (ScalaUDF) e;
    List<Expression> children = new ArrayList<>(CollectionConverters.asJava(udf.children()));
    children.addAll(shown);
    List<Option<ExpressionEncoder<?>>> encoders =
        new ArrayList<>(CollectionConverters.asJava(udf.inputEncoders()));
    if (!encoders.isEmpty()) {
      while (encoders.size() < children.size()) {
        encoders.add(Option.empty());
      }
    }
    @SuppressWarnings("unchecked")
    Function1<Object, Object> f = (Function1<Object, Object>) udf.function();
    return new ScalaUDF(
        firstArgumentOnly(f, children.size()),
        udf.dataType(),
        CollectionConverters.asScala(children).toList(),
        CollectionConverters.asScala(encoders).toList(),
        udf.outputEncoder(),
        Option.apply(name),
        udf.nullable(),
        udf.udfDeterministic());
  }

  /** {@code f} as a function of {@code arity} arguments that reads the first one only. */
  private static Object firstArgumentOnly(Function1<Object, Object> f, int arity) {
    switch (arity) {
      case 1:
        return f;
      case 2:
        return (Function2<Object, Object, Object> & Serializable) (a, b) -> f.apply(a);
      case 3:
        return (Function3<Object, Object, Object, Object> & Serializable) (a, b, c) -> f.apply(a);
      case 4:
        return (Function4<Object, Object, Object, Object, Object> & Serializable)
            (a, b, c, d) -> f.apply(a);
      case 5:
        return (Function5<Object, Object, Object, Object, Object, Object> & Serializable)
            (a, b, c, d, e) -> f.apply(a);
      default:
        return (Function6<Object, Object, Object, Object, Object, Object, Object> & Serializable)
            (a, b, c, d, e, g) -> f.apply(a);
    }
  }
}
