package io.veil.spark.op;

import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Reads back, from a column's Spark metadata, what Veil recorded when it encrypted the column. */
final class EncryptionRecord {
  private static final List<String> ENCRYPTING_OPS = List.of("encrypt", "rekey");

  private EncryptionRecord() {}

  /**
   * The whole record of the encryption (or last rekey) of {@code path}, every field as written
   * (strings, longs, booleans...), or null when there is none. Rekey carries it through whole, so
   * fields it does not know survive any number of rotations.
   */
  static Map<String, Object> of(StructType schema, ColumnPath path) {
    for (Metadata t : transforms(schema, path)) {
      if (isEncryption(t) && t.getString("path").equals(path.toString())) {
        return asMap(t);
      }
    }
    return null;
  }

  /**
   * The one encryption recorded in the metadata of {@code path}'s top-level column for another path
   * that differs only in the column's name (the column was renamed, or its values and metadata
   * copied from another column); null when there is none, or more than one.
   */
  static Map<String, Object> ofRenamed(StructType schema, ColumnPath path) {
    Map<String, Object> found = null;
    for (Metadata t : transforms(schema, path)) {
      if (isEncryption(t)
          && belowColumn(t.getString("path")).equals(belowColumn(path.toString()))) {
        if (found != null) {
          return null;
        }
        found = asMap(t);
      }
    }
    return found;
  }

  /** The last record of {@code op} for {@code path} in its column's metadata, or null. */
  static Map<String, Object> lastOf(StructType schema, ColumnPath path, String op) {
    Map<String, Object> found = null;
    for (Metadata t : transforms(schema, path)) {
      if (t.contains("op")
          && t.getString("op").equals(op)
          && t.contains("path")
          && t.getString("path").equals(path.toString())) {
        found = asMap(t);
      }
    }
    return found;
  }

  private static List<Metadata> transforms(StructType schema, ColumnPath path) {
    if (schema == null) {
      return List.of();
    }
    for (StructField f : schema.fields()) {
      if (f.name().equals(path.column()) && f.metadata().contains(ColumnRewriter.METADATA_KEY)) {
        Metadata veil = f.metadata().getMetadata(ColumnRewriter.METADATA_KEY);
        return veil.contains("transforms")
            ? List.of(veil.getMetadataArray("transforms"))
            : List.of();
      }
    }
    return List.of();
  }

  private static boolean isEncryption(Metadata t) {
    return t.contains("op") && ENCRYPTING_OPS.contains(t.getString("op")) && t.contains("path");
  }

  private static Map<String, Object> asMap(Metadata t) {
    Map<String, Object> record = new LinkedHashMap<>();
    scala.jdk.javaapi.CollectionConverters.asJava(t.map())
        .forEach(
            (k, v) -> {
              if (v != null) {
                record.put(k, v);
              }
            });
    return record;
  }

  /** The steps of a path below its top-level column: only the column's own name may differ. */
  private static List<ColumnPath.Step> belowColumn(String path) {
    List<ColumnPath.Step> steps = ColumnPath.parse(path).steps();
    return steps.subList(1, steps.size());
  }
}
