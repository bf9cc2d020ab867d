package io.veil.job.plan;

import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Reads back, from a column's Spark metadata, what Veil recorded when it encrypted the column. */
final class TransformMetadata {
  private static final List<String> ENCRYPTING_OPS = List.of("encrypt", "rekey");

  private TransformMetadata() {}

  /** The settings of the encryption recorded for {@code path}, or null when there is none. */
  static Map<String, String> encryptionOf(StructType schema, ColumnPath path) {
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
        Map<String, String> settings = new HashMap<>();
        for (String key : List.of("mode", "envelope", "encoding", "alphabet", "context", "key", "original_type")) {
          String value = t.contains(key) ? t.getString(key) : null;
          if (value != null) {
            settings.put(key, value);
          }
        }
        if (t.contains("key_version")) {
          settings.put("key_version", Long.toString(t.getLong("key_version")));
        }
        return settings;
      }
    }
    return null;
  }
}
