package io.veil.job.plan;

import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Reads back, from a column's Spark metadata, what Veil recorded when it encrypted the column. */
final class TransformMetadata {
  private static final List<String> ENCRYPTING_OPS = List.of("encrypt", "rekey");

  private TransformMetadata() {}

  /**
   * The whole record of the encryption (or last rekey) of {@code path}, every field as written
   * (strings, longs, booleans...), or null when there is none. Rekey carries it through whole, so
   * fields it does not know survive any number of rotations.
   */
  static Map<String, Object> encryptionRecordOf(StructType schema, ColumnPath path) {
    StructField top = null;
    for (StructField f : schema.fields()) {
      if (f.name().equals(path.column())) {
        top = f;
      }
    }
    if (top == null || !top.metadata().contains(ColumnRewriter.METADATA_KEY)) {
      return null;
    }
    Metadata veil = top.metadata().getMetadata(ColumnRewriter.METADATA_KEY);
    if (!veil.contains("transforms")) {
      return null;
    }
    for (Metadata t : veil.getMetadataArray("transforms")) {
      if (t.contains("path") && t.getString("path").equals(path.toString())
          && t.contains("op") && ENCRYPTING_OPS.contains(t.getString("op"))) {
        Map<String, Object> record = new LinkedHashMap<>();
        scala.jdk.javaapi.CollectionConverters.asJava(t.map()).forEach((k, v) -> {
          if (v != null) {
            record.put(k, v);
          }
        });
        return record;
      }
    }
    return null;
  }

  /**
   * The one encryption recorded in the metadata of {@code path}'s top-level column for another
   * path (the column was renamed, or its values and metadata copied from another column), as
   * text; null when there is none, or more than one.
   */
  static Map<String, String> encryptionOfRenamed(StructType schema, ColumnPath path) {
    StructField top = null;
    for (StructField f : schema.fields()) {
      if (f.name().equals(path.column())) {
        top = f;
      }
    }
    if (top == null || !top.metadata().contains(ColumnRewriter.METADATA_KEY)
        || !top.metadata().getMetadata(ColumnRewriter.METADATA_KEY).contains("transforms")) {
      return null;
    }
    Map<String, String> found = null;
    for (Metadata t : top.metadata().getMetadata(ColumnRewriter.METADATA_KEY).getMetadataArray("transforms")) {
      if (t.contains("op") && ENCRYPTING_OPS.contains(t.getString("op")) && t.contains("path")
          && belowColumn(t.getString("path")).equals(belowColumn(path.toString()))) {
        if (found != null) {
          return null;
        }
        found = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : scala.jdk.javaapi.CollectionConverters.asJava(t.map()).entrySet()) {
          if (e.getValue() != null) {
            found.put(e.getKey(), String.valueOf(e.getValue()));
          }
        }
      }
    }
    return found;
  }

  /** The steps of a path below its top-level column: only the column's own name may differ. */
  private static List<ColumnPath.Step> belowColumn(String path) {
    List<ColumnPath.Step> steps = ColumnPath.parse(path).steps();
    return steps.subList(1, steps.size());
  }

  /** The record's settings as text (numbers in decimal), or null when there is none. */
  static Map<String, String> encryptionOf(StructType schema, ColumnPath path) {
    Map<String, Object> record = encryptionRecordOf(schema, path);
    if (record == null) {
      return null;
    }
    Map<String, String> settings = new LinkedHashMap<>();
    record.forEach((k, v) -> settings.put(k, String.valueOf(v)));
    return settings;
  }
}
