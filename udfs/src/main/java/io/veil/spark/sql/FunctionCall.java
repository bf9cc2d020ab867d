package io.veil.spark.sql;

import io.veil.spark.SparkTypes;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One call of a Veil function as the analyzer hands it over: the resolved argument expressions.
 * Reads the constant arguments (key names, keep counts, mask characters) and checks them, raising
 * {@link AnalysisException}s with Spark's own error conditions (a wrong argument count lists the
 * function's accepted forms). Values are never evaluated here, only constants written in the query.
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

  /**
   * The arguments after the value that plans and column names show: all of them for keyed
   * functions, where they name the key; none for the masks, whose names stay as short as Spark's
   * own {@code mask(...)} (see {@link ColumnExpressions#asCall}).
   */
  List<Expression> shownParameters() {
    return function.showsParameters() ? arguments.subList(1, arguments.size()) : List.of();
  }

  /**
   * The value to transform, as a string: atomic values of other types are cast as Spark casts them
   * to string (the implicit cast Spark's own string functions make).
   */
  Column stringValue(int i) {
    Expression e = arguments.get(i);
    DataType t = e.dataType();
    if (t instanceof StringType) {
      return ColumnExpressions.column(e);
    }
    if (!SparkTypes.isAtomic(t) || t instanceof BinaryType) {
      throw wrongType(i, "STRING");
    }
    return ColumnExpressions.column(e).cast(DataTypes.StringType);
  }

  /** A constant string; null only when {@code nullable}. */
  String constantString(int i, String parameter, boolean nullable) {
    Object v = constant(i, parameter, "STRING", t -> t instanceof StringType);
    if (v == null) {
      if (!nullable) {
        throw unexpectedNull(parameter);
      }
      return null;
    }
    return ((UTF8String) v).toString();
  }

  /** A constant whole number within [min, max]. */
  int constantInt(int i, String parameter, int min, int max) {
    Object v = constant(i, parameter, "INT", SparkTypes::isIntegral);
    if (v == null) {
      throw unexpectedNull(parameter);
    }
    long n = ((Number) v).longValue();
    if (n < min || n > max) {
      throw error(
          "DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE",
          "sqlExpr",
          quoted(sql()),
          "exprName",
          id(parameter),
          "valueRange",
          "[" + min + ", " + max + "]",
          "currentValue",
          String.valueOf(n));
    }
    return (int) n;
  }

  /** A constant number of any numeric type, as Spark evaluates it. */
  Object constantNumber(int i, String parameter) {
    Object v = constant(i, parameter, "NUMERIC", t -> t instanceof NumericType);
    if (v == null) {
      throw unexpectedNull(parameter);
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
      throw error(
          "DATATYPE_MISMATCH.INPUT_SIZE_NOT_ONE",
          "sqlExpr",
          quoted(sql()),
          "exprName",
          id(parameter));
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
      throw error(
          "DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
          "sqlExpr",
          quoted(sql()),
          "inputName",
          id(parameter),
          "inputType",
          quoted(typeName),
          "inputExpr",
          quoted(e.sql()));
    }
    return e.eval(null);
  }

  // ---- errors: each one of Spark's own error conditions, with every parameter its message needs,
  // since PySpark and Spark Connect render the message again from the condition's template.

  /** The call's argument count is not one of the accepted forms; the message lists them. */
  RuntimeException wrongCount() {
    String expected =
        function.minArguments() == function.maxArguments()
            ? String.valueOf(function.minArguments())
            : function.minArguments() + " to " + function.maxArguments();
    return error(
        "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        "functionName",
        String.join(" or ", function.forms()),
        "expectedNum",
        expected,
        "actualNum",
        String.valueOf(count()),
        "docroot",
        SPARK_DOCS);
  }

  RuntimeException wrongType(int i, String requiredType) {
    Expression e = arguments.get(i);
    return error(
        "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
        "sqlExpr",
        quoted(sql()),
        "paramIndex",
        ordinal(i),
        "requiredType",
        quoted(requiredType),
        "inputSql",
        quoted(e.sql()),
        "inputType",
        quoted(e.dataType().sql()));
  }

  RuntimeException unexpectedNull(String parameter) {
    return error(
        "DATATYPE_MISMATCH.UNEXPECTED_NULL", "sqlExpr", quoted(sql()), "exprName", id(parameter));
  }

  /** A constant that is not one of the accepted values (a dictionary, a unit). */
  RuntimeException notOneOf(String parameter, String value, List<String> accepted) {
    return error(
        "DATATYPE_MISMATCH.INVALID_ARG_VALUE",
        "sqlExpr",
        quoted(sql()),
        "inputName",
        id(parameter),
        "requireType",
        quoted("STRING"),
        "validValues",
        accepted.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", ")),
        "inputValue",
        "'" + value + "'");
  }

  /** A parameter the function cannot take, and why. */
  RuntimeException invalid(String parameter, String why) {
    return error(
        "INVALID_PARAMETER_VALUE.PATTERN",
        "parameter",
        id(parameter),
        "functionName",
        id(name()),
        "value",
        why);
  }

  /** A key setting under {@code spark.veil.keys} that does not give a usable key. */
  RuntimeException invalidKeySetting(String confName, String shownValue, String why) {
    return error(
        "INVALID_CONF_VALUE.REQUIREMENT",
        "confName",
        confName,
        "confValue",
        shownValue,
        "confRequirement",
        why);
  }

  /** The function is turned off by a static setting of the application. */
  RuntimeException disabled(String what, String setting) {
    return error(
        "FEATURE_NOT_ENABLED",
        "featureName",
        name() + " (" + what + ")",
        "configKey",
        setting,
        "configValue",
        "true");
  }

  private String sql() {
    return name()
        + "("
        + arguments.stream().map(Expression::sql).collect(Collectors.joining(", "))
        + ")";
  }

  private static final String SPARK_DOCS = "https://spark.apache.org/docs/latest";

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }

  private static String id(String s) {
    return "`" + s + "`";
  }

  private static String ordinal(int i) {
    return i < ORDINALS.length ? ORDINALS[i] : (i + 1) + "th";
  }

  /**
   * Throws Spark's {@link AnalysisException} for the condition; Spark formats the message from the
   * condition's template. Java counts the exception as checked, Scala (and the analyzer, which
   * calls the builders) does not: it is thrown unchecked, and the return type lets call sites write
   * {@code throw call.invalid(...)}.
   */
  @SuppressWarnings("unchecked") // Scala's Map.empty() has no generic signature for javac
  private static RuntimeException error(String condition, String... parameters) {
    scala.collection.immutable.Map<String, String> params =
        scala.collection.immutable.Map$.MODULE$.empty();
    for (int i = 0; i + 1 < parameters.length; i += 2) {
      params = params.updated(parameters[i], parameters[i + 1]);
    }
    throw FunctionCall.<RuntimeException>unchecked(new AnalysisException(condition, params));
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T unchecked(Throwable t) throws T {
    throw (T) t;
  }
}
