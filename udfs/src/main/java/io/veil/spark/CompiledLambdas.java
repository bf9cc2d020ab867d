package io.veil.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.ArrayAggregate;
import org.apache.spark.sql.catalyst.expressions.ArrayTransform;
import org.apache.spark.sql.catalyst.expressions.BoundReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.LambdaFunction;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.NamedLambdaVariable;
import org.apache.spark.sql.catalyst.expressions.ZipWith;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractPartialFunction;

/**
 * An optimizer rule that replaces Spark's interpreted higher-order functions by calls to a {@link
 * CompiledLambda}: {@code transform(a, x -> f)}, {@code zip_with(a, b, (x, y) -> f)} and {@code
 * aggregate(a, zero, (acc, x) -> f)} with a long accumulator, a literal zero and no finish. Veil
 * builds these for every nested path ({@code contacts[].phone}): to rewrite the elements, to read
 * their values for the checks and to count the values an op left unchanged.
 *
 * <p>Only self-contained lambdas are replaced: a deterministic body that reads nothing but its own
 * arguments (no column of the row, no outer lambda's variable); any other stays as Spark built it.
 * Inner lambdas are replaced first, so nested arrays compile at every level.
 *
 * <p>Spark's optimizer rules are internal API ({@code experimental.extraOptimizations}); a Spark
 * upgrade that changes these expressions' shapes changes only this class.
 */
public final class CompiledLambdas extends Rule<LogicalPlan> {
  private static final CompiledLambdas RULE = new CompiledLambdas();

  private CompiledLambdas() {}

  /**
   * Off ({@code false}) leaves Spark's lambdas interpreted: a way back should a Spark upgrade
   * differ.
   */
  public static final String ENABLED = "spark.veil.compiledLambdas.enabled";

  /**
   * Adds the rule to {@code spark}'s optimizer, once however often it is called, unless {@link
   * #ENABLED} is false.
   */
  public static void install(SparkSession spark) {
    if (!(spark instanceof org.apache.spark.sql.classic.SparkSession)
        || !Boolean.parseBoolean(spark.conf().get(ENABLED, "true"))) {
      return; // Spark Connect: the server's session plans the query
    }
    org.apache.spark.sql.ExperimentalMethods experimental =
        ((org.apache.spark.sql.classic.SparkSession) spark).experimental();
    synchronized (experimental) {
      List<Rule<LogicalPlan>> rules =
          new ArrayList<>(CollectionConverters.asJava(experimental.extraOptimizations()));
      if (rules.stream().anyMatch(r -> r instanceof CompiledLambdas)) {
        return;
      }
      rules.add(RULE);
      experimental.extraOptimizations_$eq(CollectionConverters.asScala(rules).toList());
    }
  }

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformAllExpressions(REPLACE);
  }

  private static final AbstractPartialFunction<Expression, Expression> REPLACE =
      new AbstractPartialFunction<>() {
        @Override
        public boolean isDefinedAt(Expression e) {
          return compiled(e) != null;
        }

        @Override
        public <A1 extends Expression, B1> B1 applyOrElse(A1 e, scala.Function1<A1, B1> otherwise) {
          Expression c = compiled(e);
          @SuppressWarnings("unchecked")
          B1 result = c != null ? (B1) c : otherwise.apply(e);
          return result;
        }
      };

  /** The call that replaces {@code e}, or null where {@code e} stays as it is. */
  private static Expression compiled(Expression e) {
    if (e instanceof ArrayTransform) {
      ArrayTransform t = (ArrayTransform) e;
      CompiledLambda f = lambda(t.function(), 1, t.prettyName());
      return f == null ? null : call(f, "transform", t.dataType(), List.of(t.argument()), false);
    }
    if (e instanceof ZipWith) {
      ZipWith z = (ZipWith) e;
      CompiledLambda f = lambda(z.function(), 2, z.prettyName());
      return f == null
          ? null
          : call(f, "zipWith", z.dataType(), List.of(z.left(), z.right()), false);
    }
    if (e instanceof ArrayAggregate) {
      ArrayAggregate a = (ArrayAggregate) e;
      if (!a.zero().foldable()
          || !a.zero().dataType().equals(DataTypes.LongType)
          || !isIdentity(a.finish())) {
        return null;
      }
      Object zero = a.zero().eval(null);
      if (zero == null) {
        return null;
      }
      CompiledLambda f = lambda(a.merge(), 2, a.prettyName());
      return f == null
          ? null
          : call(
              f,
              "foldLong",
              a.dataType(),
              List.of(a.argument(), Literal.create(zero, DataTypes.LongType)),
              a.merge().nullable());
    }
    return null;
  }

  /**
   * The body of {@code function} with its arguments bound to ordinals, compiled; null unless it is
   * a resolved lambda of {@code arity} arguments that reads only them.
   */
  private static CompiledLambda lambda(Expression function, int arity, String name) {
    if (!(function instanceof LambdaFunction) || !function.resolved()) {
      return null;
    }
    LambdaFunction l = (LambdaFunction) function;
    List<NamedExpression> arguments = CollectionConverters.asJava(l.arguments());
    if (arguments.size() != arity || l.hidden()) {
      return null;
    }
    Expression body = l.function().transformUp(REPLACE);
    DataType[] types = new DataType[arity];
    for (int i = 0; i < arity; i++) {
      if (!(arguments.get(i) instanceof NamedLambdaVariable)) {
        return null;
      }
      NamedLambdaVariable v = (NamedLambdaVariable) arguments.get(i);
      types[i] = v.dataType();
      body = bind(body, v, i);
    }
    if (!body.deterministic()
        || !body.references().isEmpty()
        || body.exists(x -> x instanceof NamedLambdaVariable || x instanceof LambdaFunction)) {
      return null;
    }
    return new CompiledLambda(body, types, name + "(" + l + ")");
  }

  private static Expression bind(Expression body, NamedLambdaVariable v, int ordinal) {
    return body.transform(
        new AbstractPartialFunction<Expression, Expression>() {
          @Override
          public boolean isDefinedAt(Expression e) {
            return e instanceof NamedLambdaVariable
                && ((NamedLambdaVariable) e).exprId().equals(v.exprId());
          }

          @Override
          public <A1 extends Expression, B1> B1 applyOrElse(
              A1 e, scala.Function1<A1, B1> otherwise) {
            @SuppressWarnings("unchecked")
            B1 result =
                isDefinedAt(e)
                    ? (B1) new BoundReference(ordinal, v.dataType(), v.nullable())
                    : otherwise.apply(e);
            return result;
          }
        });
  }

  /** {@code finish} is {@code x -> x}. */
  private static boolean isIdentity(Expression finish) {
    if (!(finish instanceof LambdaFunction)) {
      return false;
    }
    LambdaFunction l = (LambdaFunction) finish;
    List<NamedExpression> arguments = CollectionConverters.asJava(l.arguments());
    return arguments.size() == 1
        && l.function() instanceof NamedLambdaVariable
        && ((NamedLambdaVariable) l.function()).exprId().equals(arguments.get(0).exprId());
  }

  /** Null for a null array, as Spark's functions give; only deterministic bodies are compiled. */
  private static Expression call(
      CompiledLambda f,
      String method,
      DataType result,
      List<Expression> arguments,
      boolean returnNullable) {
    return MethodCall.invoke(
        f, CompiledLambda.class, method, result, arguments, returnNullable, true);
  }
}
