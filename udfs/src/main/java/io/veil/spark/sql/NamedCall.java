package io.veil.spark.sql;

import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.DataType;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A {@code veil_*} call as plans and column names show it, computed by the very expression the job
 * builds for the same operation. The job applies an operation as an {@code Invoke} on Spark's bytes
 * (measured faster than a Java UDF, see {@code FunctionBenchmark}), and Spark names an {@code
 * Invoke} after its Java method; this node gives it the call's name and arguments instead and
 * otherwise is its first child: same value, same generated code, same determinism.
 *
 * <p>Children: the computation, then the arguments as written (the value and, for the key-taking
 * functions, their parameters). Only the computation is evaluated; the others are children so that
 * Spark's naming rules see them (a string constant shows as {@code pii}, not {@code 'pii'}) and
 * never carry anything but the call's own arguments: key names as written, never key material.
 *
 * <p>Spark has no public API for a named expression, so this extends Catalyst's {@link Expression}
 * directly; with {@link ColumnExpressions} it is the SQL side's only use of Spark internals.
 */
final class NamedCall extends Expression implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  private final String name;
  private final Seq<Expression> children;

  /** Argument order is Catalyst's copy order: {@code makeCopy} rebuilds the node from it. */
  NamedCall(String name, Seq<Expression> children) {
    this.name = name;
    this.children = children;
  }

  static NamedCall of(String name, Expression computation, List<Expression> arguments) {
    List<Expression> all = new java.util.ArrayList<>();
    all.add(computation);
    all.addAll(arguments);
    return new NamedCall(name, CollectionConverters.asScala(all).toList());
  }

  private Expression computation() {
    return children.head();
  }

  @Override
  public Seq<Expression> children() {
    return children;
  }

  @Override
  public DataType dataType() {
    return computation().dataType();
  }

  @Override
  public boolean nullable() {
    return computation().nullable();
  }

  @Override
  public Object eval(InternalRow row) {
    return computation().eval(row);
  }

  @Override
  public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
    return computation().genCode(ctx);
  }

  @Override
  public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
    return new NamedCall(name, newChildren.toList());
  }

  @Override
  public String prettyName() {
    return name;
  }

  @Override
  public String sql() {
    return name + "(" + String.join(", ", arguments().stream().map(Expression::sql).toList()) + ")";
  }

  @Override
  public String toString() {
    return name
        + "("
        + String.join(", ", arguments().stream().map(Object::toString).toList())
        + ")";
  }

  private List<Expression> arguments() {
    List<Expression> all = CollectionConverters.asJava(children);
    return all.subList(1, all.size());
  }

  @Override
  public int productArity() {
    return 2;
  }

  @Override
  public Object productElement(int n) {
    return switch (n) {
      case 0 -> name;
      case 1 -> children;
      default -> throw new IndexOutOfBoundsException(n);
    };
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof NamedCall;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NamedCall n && n.name.equals(name) && n.children.equals(children);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + children.hashCode();
  }
}
