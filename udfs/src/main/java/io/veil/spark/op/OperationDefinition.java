package io.veil.spark.op;

import io.veil.op.Parameter;
import io.veil.op.ParameterSource;
import io.veil.spark.ColumnAction;
import java.util.List;
import java.util.Map;

/**
 * Everything Veil knows about one operation, in one place: its name, the parameters it takes, how
 * they are read and checked (the same code for a job's column rule and a SQL call), the typed
 * settings they make, the Spark operation those settings bind to, and how the settings are written
 * to a column's metadata and the report and read back. The config reader, the planner, the SQL
 * functions, {@code veil inspect} and the docs' operations table all walk {@link Operations#all()};
 * nothing else switches over op names.
 */
public interface OperationDefinition {
  /** The config name: {@code op = mask}. */
  String name();

  /** Every parameter the op takes, in every form, for unknown-key checks and the docs. */
  List<Parameter> parameters();

  /** A sentence for the docs' operations table. */
  String summary();

  /**
   * Reads and checks the parameters; null when one is wrong (each problem reported to {@code
   * source}).
   */
  OperationSettings read(ParameterSource source);

  /**
   * The action Spark applies for these settings, keys bound.
   *
   * @throws IllegalArgumentException when the column's data does not allow it (exit 3)
   * @throws KeyMismatchException when a key does not fit its use (exit 2)
   */
  ColumnAction bind(OperationSettings settings, Binding binding);

  /**
   * What these settings need of their key, known without the data (its size, its purpose), or null
   * when they name no key or what they need depends on the column's metadata (decrypt, rekey).
   */
  default KeyNeed keyNeed(OperationSettings settings) {
    return null;
  }

  /**
   * The settings a metadata record describes ({@link OperationSettings#record()}), or null when the
   * record is not of this op or is incomplete (written by another version).
   */
  OperationSettings fromRecord(Map<String, Object> record);
}
