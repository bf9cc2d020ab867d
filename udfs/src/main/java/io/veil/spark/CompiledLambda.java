package io.veil.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.MutableProjection;
import org.apache.spark.sql.catalyst.expressions.MutableProjection$;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeMapData;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ObjectType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The body of one of Spark's lambdas ({@code transform}, {@code zip_with}, {@code aggregate}),
 * compiled by Spark's code generator into a projection that is called once per array element. Spark
 * evaluates the lambdas of its higher-order functions by interpreting their expression tree for
 * every element, and copies every result: on the sample job's {@code contacts} array that
 * interpretation was a tenth of the executors' time. {@link CompiledLambdas} puts this in their
 * place; the results are the same values.
 *
 * <p>The body's lambda arguments are bound to the ordinals of a row of arguments (the element, or
 * the accumulator and the element). One projection per thread: Spark runs a task's rows on one
 * thread, and in local mode tasks share a JVM.
 */
public final class CompiledLambda implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final DataType OBJECT = new ObjectType(Object.class);
  private final Expression body;
  private final DataType[] argumentTypes;
  private final String shown;
  private transient ThreadLocal<Evaluation> perThread;

  CompiledLambda(Expression body, DataType[] argumentTypes, String shown) {
    this.body = body;
    this.argumentTypes = argumentTypes.clone();
    this.shown = shown;
  }

  /** Spark's {@code transform(array, x -> body)}; Spark calls it for non-null arrays only. */
  public ArrayData transform(ArrayData array) {
    Evaluation e = evaluation();
    int n = array.numElements();
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      e.arguments.update(0, element(array, i, argumentTypes[0]));
      out[i] = e.result();
    }
    return new GenericArrayData(out);
  }

  /**
   * Spark's {@code zip_with(left, right, (x, y) -> body)}: as long as the longer array, the shorter
   * one's missing elements null.
   */
  public ArrayData zipWith(ArrayData left, ArrayData right) {
    Evaluation e = evaluation();
    int n = Math.max(left.numElements(), right.numElements());
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      e.arguments.update(0, i < left.numElements() ? element(left, i, argumentTypes[0]) : null);
      e.arguments.update(1, i < right.numElements() ? element(right, i, argumentTypes[1]) : null);
      out[i] = e.result();
    }
    return new GenericArrayData(out);
  }

  /**
   * Spark's {@code aggregate(array, zero, (acc, x) -> body)} with a long accumulator and no finish;
   * null once the body gives null, as Spark's is.
   */
  public Long foldLong(ArrayData array, long zero) {
    Evaluation e = evaluation();
    Long acc = zero;
    int n = array.numElements();
    for (int i = 0; i < n; i++) {
      e.arguments.update(0, acc);
      e.arguments.update(1, element(array, i, argumentTypes[1]));
      InternalRow r = e.projection.apply(e.arguments);
      acc = r.isNullAt(0) ? null : r.getLong(0);
    }
    return acc;
  }

  private static Object element(ArrayData array, int i, DataType type) {
    return array.isNullAt(i) ? null : array.get(i, type);
  }

  private Evaluation evaluation() {
    if (perThread == null) {
      // After deserialization on an executor; races between threads only build two ThreadLocals,
      // each thread then keeping whichever it read, which is as correct.
      perThread = ThreadLocal.withInitial(this::newEvaluation);
    }
    return perThread.get();
  }

  private Evaluation newEvaluation() {
    MutableProjection p =
        MutableProjection$.MODULE$.create(
            CollectionConverters.asScala(List.of(uncopied(body))).toList());
    return new Evaluation(p, new GenericInternalRow(argumentTypes.length));
  }

  /**
   * {@code body} as an object, for a string, struct, array or map: Spark's projections copy every
   * such value into their row (a value read from an input row may point into memory the next row
   * reuses), but each element's value is read from the row before the next element is evaluated and
   * kept only as long as Spark keeps the input row's own values.
   */
  private Expression uncopied(Expression body) {
    DataType t = body.dataType();
    String method =
        t instanceof StringType
            ? "string"
            : t instanceof StructType
                ? "struct"
                : t instanceof ArrayType ? "array" : t instanceof MapType ? "map" : null;
    if (method == null) {
      return body;
    }
    return MethodCall.invoke(
        this, CompiledLambda.class, method, OBJECT, List.of(body), false, true);
  }

  /** The value as it is, for {@link #uncopied}. */
  public Object string(UTF8String value) {
    return value;
  }

  /** The value as it is, for {@link #uncopied}. */
  public Object struct(InternalRow value) {
    return value;
  }

  /** The value as it is, for {@link #uncopied}. */
  public Object array(ArrayData value) {
    return value;
  }

  /** The value as it is, for {@link #uncopied}. */
  public Object map(MapData value) {
    return value;
  }

  /** Equal for the same body, so that Spark can still share equal calls within a plan. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CompiledLambda
        && body.equals(((CompiledLambda) o).body)
        && java.util.Arrays.equals(argumentTypes, ((CompiledLambda) o).argumentTypes);
  }

  @Override
  public int hashCode() {
    return body.hashCode();
  }

  /** What plans show: the lambda, as Spark showed it. */
  @Override
  public String toString() {
    return shown;
  }

  private static final class Evaluation {
    final MutableProjection projection;
    final GenericInternalRow arguments;

    Evaluation(MutableProjection projection, GenericInternalRow arguments) {
      this.projection = projection;
      this.arguments = arguments;
    }

    /**
     * The body's value for the current arguments. The projection writes each value into the same
     * row, but the values themselves are new objects or views into the input's own memory; only an
     * unsafe row, array or map may be a buffer an expression reuses, so those are copied.
     */
    Object result() {
      InternalRow r = projection.apply(arguments);
      if (r.isNullAt(0)) {
        return null;
      }
      Object v = r.get(0, OBJECT);
      if (v instanceof UnsafeRow) {
        return ((UnsafeRow) v).copy();
      }
      if (v instanceof UnsafeArrayData) {
        return ((UnsafeArrayData) v).copy();
      }
      if (v instanceof UnsafeMapData) {
        return ((UnsafeMapData) v).copy();
      }
      return v;
    }
  }
}
