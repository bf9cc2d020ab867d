package io.veil.spark.op;

import io.veil.spark.ColumnPath;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/**
 * Where settings are bound: the column, its table, and what the binding may need from them. The SQL
 * functions bind with no table (the function's name stands in) and no schema.
 *
 * @param table the table's name in messages, or the function's name for a SQL call
 * @param path the column or nested field
 * @param where the rule's {@code file:line}, for messages about keys
 * @param schema the input's schema, whose metadata decrypt and rekey read; null for SQL
 * @param invalidToNull the table's {@code on-invalid = null}, for ops whose own is unset
 * @param keys the keys the rule may name
 * @param sqlFunction the SQL function binding the settings; null for the job
 * @param input the input's top-level columns by name, resolved against the input itself even where
 *     the output has a column of the same name (a shift's {@code by}); null for SQL
 */
public record Binding(
    String table,
    ColumnPath path,
    String where,
    StructType schema,
    boolean invalidToNull,
    KeyLookup keys,
    String sqlFunction,
    Function<String, Column> input) {
  /** For a job's column rule. */
  public static Binding forRule(
      String table,
      ColumnPath path,
      String where,
      StructType schema,
      boolean invalidToNull,
      KeyLookup keys,
      Function<String, Column> input) {
    return new Binding(table, path, where, schema, invalidToNull, keys, null, input);
  }

  /** For a SQL call: no table, no schema, no on-invalid but failing. */
  public static Binding forFunction(String function, KeyLookup keys) {
    return new Binding(
        function, ColumnPath.column("value"), function, null, false, keys, function, null);
  }

  /** "column email of table customers" (or the SQL function's name), for messages. */
  public String label() {
    return sqlFunction != null ? sqlFunction : "column " + path + " of table " + table;
  }

  /** "column email (customers.conf:12)", for key claims. */
  public String place() {
    return "column " + path + " (" + where + ")";
  }
}
