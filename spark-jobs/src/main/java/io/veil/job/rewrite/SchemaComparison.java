package io.veil.job.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Whether an existing catalog table has the columns a run writes: names, order and types
 * (nullability and comments aside). Names only in messages, never values.
 */
final class SchemaComparison {
  private SchemaComparison() {}

  /** Null when the columns agree, else what differs, for a message. */
  static String differences(StructType existing, StructType written) {
    List<String> have = describe(existing);
    List<String> want = describe(written);
    if (have.equals(want)) {
      return null;
    }
    return "its columns are ("
        + String.join(", ", have)
        + ") but the run writes ("
        + String.join(", ", want)
        + ")";
  }

  private static List<String> describe(StructType schema) {
    List<String> columns = new ArrayList<>();
    for (StructField f : schema.fields()) {
      columns.add(f.name() + " " + f.dataType().catalogString());
    }
    return columns;
  }
}
