package io.veil.spark.sql;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Option;

/**
 * One call of a Veil function as the analyzer hands it over: the resolved argument expressions.
 * Reads the constant arguments (key names, keep counts, mask characters) and checks them, raising
 * Spark-style {@link AnalysisException}s that name the function and its accepted forms. Values are
 * never evaluated here, only constants written in the query.
 */
final class FunctionCall {
  private static final String[] ORDINALS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"
  };

  private final VeilFunction function;
  private final List<Expression> arguments;

  FunctionCall(VeilFunction function, List<Expression> arguments) {
    this.function = function;
    this.arguments = arguments;
  }

  String name() {
    return function.name();
  }

  int count() {
    return arguments.size();
  }

  Expression argument(int i) {
    return arguments.get(i);
  }

  /** The arguments after the value, shown in plans and column names as written. */
  List<Expression> parameters() {
    return arguments.subList(1, arguments.size());
  }

  /**
   * The value to transform, as a string: atomic values of other types are cast as Spark casts
   * them to string (the implicit cast Spark's own string functions make).
   */
  Column stringValue(int i) {
    Expression e = arguments.get(i);
    DataType t = e.dataType();
    if (t instanceof StringType) {
      return ColumnExpressions.column(e);
    }
    if (!isAtomic(t) || t instanceof BinaryType) {
      throw wrongType(i, "STRING");
    }
    return ColumnExpressions.column(e).cast(DataTypes.StringType);
  }

  /** A constant string; null only when {@code nullable}. */
  String constantString(int i, String parameter, boolean nullable) {
    Object v = constant(i, parameter, "STRING", t -> t instanceof StringType);
    if (v == null) {
      if (!nullable) {
        throw invalid(parameter, "must not be NULL");
      }
      return null;
    }
    return ((UTF8String) v).toString();
  }

  /** A constant whole number within [min, max]. */
  int constantInt(int i, String parameter, int min, int max) {
    Object v = constant(i, parameter, "INT", FunctionCall::isIntegral);
    if (v == null) {
      throw invalid(parameter, "must not be NULL");
    }
    long n = ((Number) v).longValue();
    if (n < min || n > max) {
      throw invalid(parameter, "must be between " + min + " and " + max + ", got " + n);
    }
    return (int) n;
  }

  /** A constant number of any numeric type, as Spark evaluates it. */
  Object constantNumber(int i, String parameter) {
    Object v = constant(i, parameter, "NUMERIC", t -> t instanceof NumericType);
    if (v == null) {
      throw invalid(parameter, "must not be NULL");
    }
    return v;
  }

  /** A constant one-character string as a code point, or null for a NULL constant. */
  Integer constantCharacter(int i, String parameter) {
    String s = constantString(i, parameter, true);
    if (s == null) {
      return null;
    }
    if (s.codePointCount(0, s.length()) != 1) {
      throw invalid(parameter, "must be a single character, got a string of " + s.codePointCount(0, s.length()));
    }
    return s.codePointAt(0);
  }

  private interface TypeTest {
    boolean accepts(DataType t);
  }

  private Object constant(int i, String parameter, String typeName, TypeTest accepted) {
    Expression e = arguments.get(i);
    if (!(e.dataType() instanceof NullType) && !accepted.accepts(e.dataType())) {
      throw wrongType(i, typeName);
    }
    if (!e.foldable()) {
      throw error("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
          "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve " + quoted(sql()) + " due to data type mismatch: the input "
              + parameter + " should be a foldable " + quoted(typeName) + " expression; however, got " + quoted(e.sql())
              + ". " + forms() + " SQLSTATE: 42K09",
          "sqlExpr", quoted(sql()), "inputName", parameter, "inputType", quoted(typeName), "inputExpr", quoted(e.sql()));
    }
    return e.eval(null);
  }

  RuntimeException wrongCount() {
    String expected = function.minArguments() == function.maxArguments()
        ? String.valueOf(function.minArguments())
        : function.minArguments() + " to " + function.maxArguments();
    return error("WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + name() + "` requires " + expected
            + " parameters but the actual number is " + count() + ". " + forms() + " SQLSTATE: 42605",
        "functionName", "`" + name() + "`", "expectedNum", expected, "actualNum", String.valueOf(count()),
        "docroot", "https://spark.apache.org/docs/latest");
  }

  RuntimeException wrongType(int i, String requiredType) {
    Expression e = arguments.get(i);
    String inputType = e.dataType().sql();
    return error("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve " + quoted(sql()) + " due to data type mismatch: The "
            + ordinal(i) + " parameter requires the " + quoted(requiredType) + " type, however " + quoted(e.sql())
            + " has the type " + quoted(inputType) + ". " + forms() + " SQLSTATE: 42K09",
        "sqlExpr", quoted(sql()), "paramIndex", ordinal(i), "requiredType", quoted(requiredType),
        "inputSql", quoted(e.sql()), "inputType", quoted(inputType));
  }

  /** A parameter whose value the function cannot take; the message names it and says why. */
  RuntimeException invalid(String parameter, String why) {
    return error(null, "Invalid " + parameter + " for " + name() + ": " + why + ". " + forms());
  }

  /** A problem the function reports in its own words (a key that cannot be read, say). */
  RuntimeException failure(String message) {
    return error(null, message);
  }

  private String forms() {
    return "Accepted forms: " + String.join("; ", function.forms()) + ".";
  }

  private String sql() {
    return name() + "(" + arguments.stream().map(Expression::sql).collect(Collectors.joining(", ")) + ")";
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }

  private static String ordinal(int i) {
    return i < ORDINALS.length ? ORDINALS[i] : (i + 1) + "th";
  }

  /**
   * Throws the {@link AnalysisException} Spark itself raises for bad calls. Java counts it as a
   * checked exception, Scala (and Spark's analyzer, which calls the builders) does not: it is
   * thrown unchecked, and the return type lets call sites write {@code throw call.invalid(...)}.
   */
  private static RuntimeException error(String errorClass, String message, String... parameters) {
    scala.collection.immutable.Map<String, String> params = scala.collection.immutable.Map$.MODULE$.empty();
    for (int i = 0; i + 1 < parameters.length; i += 2) {
      params = params.updated(parameters[i], parameters[i + 1]);
    }
    throw FunctionCall.<RuntimeException>unchecked(new AnalysisException(message, Option.empty(), Option.empty(),
        Option.empty(), Option.apply(errorClass), params, new org.apache.spark.QueryContext[0]));
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T unchecked(Throwable t) throws T {
    throw (T) t;
  }

  static boolean isIntegral(DataType t) {
    return t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType || t instanceof LongType;
  }

  static boolean isAtomic(DataType t) {
    return !(t instanceof StructType || t instanceof ArrayType || t instanceof MapType)
        && !"variant".equals(t.typeName().toLowerCase(Locale.ROOT));
  }
}
