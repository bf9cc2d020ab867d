package io.veil.spark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;

/**
 * An operation that maps one string to another with a pure-Java function (a {@code Masker}, a
 * {@code RegexReplacement}...), run as a plain Java UDF: on Spark 4 that beat the built-in
 * {@code mask()} on the same columns (FIELD-NOTES: 6.0 s against 8.0 s for 5M rows).
 */
public final class StringOperation implements ColumnOperation {
  private final String name;
  private final String udfName;
  private final UDF1<String, String> function;
  private final Map<String, Object> description;
  private final java.util.function.UnaryOperator<Column> mustChange;

  /**
   * @param name the config op name (mask, truncate, replace)
   * @param udfName the name shown in Spark plans, e.g. veil_mask; never carries parameters
   * @param description op and parameters for metadata and reports, without secrets
   * @param mustChange the predicate over input values the function always changes, or null
   */
  public StringOperation(
      String name,
      String udfName,
      UDF1<String, String> function,
      Map<String, Object> description,
      java.util.function.UnaryOperator<Column> mustChange) {
    this.name = name;
    this.udfName = udfName;
    this.function = function;
    this.description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
    this.mustChange = mustChange;
  }

  /** Values holding a code point other than those in {@code unchangeable} (a mask's own char). */
  public static java.util.function.UnaryOperator<Column> containsOtherThan(String characterClass) {
    return input -> input.rlike("[^" + characterClass + "]");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String rejectType(DataType type) {
    return type instanceof StringType ? null : name + " takes strings";
  }

  @Override
  public DataType resultType(DataType type) {
    return type;
  }

  @Override
  public Column apply(Column input, DataType type) {
    return functions.udf(function, DataTypes.StringType).withName(udfName).apply(input);
  }

  @Override
  public Column mustChange(Column input, DataType type) {
    return mustChange == null ? null : mustChange.apply(input);
  }

  @Override
  public Map<String, Object> describe() {
    return description;
  }
}
