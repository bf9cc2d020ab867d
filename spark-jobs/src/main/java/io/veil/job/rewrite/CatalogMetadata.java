package io.veil.job.rewrite;

import io.veil.spark.ColumnRewriter;
import io.veil.spark.op.OperationSettings;
import io.veil.spark.op.Operations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What a catalog shows of a Veil run, so that governance tools and {@code DESCRIBE TABLE EXTENDED}
 * see it without reading files: each transformed column's comment says what was done (the op in
 * words, as {@code veil inspect} prints it, with the key's name and version, never key material or
 * a value), and table properties carry the run id and config digest.
 */
final class CatalogMetadata {
  /** Table property: the id of the run that published the table's current data. */
  static final String RUN_ID = "veil.run-id";

  /** Table property: the digest of that run's config. */
  static final String CONFIG_DIGEST = "veil.config-digest";

  /** Table property (Iceberg, Delta): that run's report for the table, as JSON. */
  static final String REPORT = "veil.report";

  /** Every comment Veil writes starts so, which tells its comments from a user's. */
  static final String COMMENT_PREFIX = "veil: ";

  private CatalogMetadata() {}

  static Map<String, String> properties(String runId, String configDigest) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(RUN_ID, runId);
    if (configDigest != null) {
      p.put(CONFIG_DIGEST, configDigest);
    }
    return p;
  }

  /** The comment of each top-level column at or below which Veil transformed something. */
  static Map<String, String> comments(StructType schema) {
    Map<String, String> comments = new LinkedHashMap<>();
    for (StructField f : schema.fields()) {
      String c = comment(f);
      if (c != null) {
        comments.put(f.name(), c);
      }
    }
    return comments;
  }

  /** {@code schema} with each transformed column's comment in its field metadata. */
  static StructType withComments(StructType schema) {
    StructField[] fields = schema.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      String c = comment(fields[i]);
      if (c != null) {
        Metadata m =
            new MetadataBuilder()
                .withMetadata(fields[i].metadata())
                .putString("comment", c)
                .build();
        fields[i] =
            new StructField(fields[i].name(), fields[i].dataType(), fields[i].nullable(), m);
      }
    }
    return new StructType(fields);
  }

  private static String comment(StructField f) {
    if (!f.metadata().contains(ColumnRewriter.METADATA_KEY)) {
      return null;
    }
    Metadata veil = f.metadata().getMetadata(ColumnRewriter.METADATA_KEY);
    if (!veil.contains("transforms")) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (Metadata t : veil.getMetadataArray("transforms")) {
      Map<String, Object> record = record(t);
      OperationSettings settings = Operations.fromRecord(record);
      StringBuilder part = new StringBuilder();
      String path = String.valueOf(record.get("path"));
      if (!path.equals(f.name())) {
        part.append(path).append(": ");
      }
      part.append(settings != null ? settings.inWords() : String.valueOf(record.get("op")));
      if (record.get("key") != null) {
        part.append(" (key ").append(record.get("key"));
        if (record.get("key_version") != null) {
          part.append(" version ").append(record.get("key_version"));
        }
        part.append(")");
      }
      parts.add(part.toString());
    }
    return parts.isEmpty() ? null : COMMENT_PREFIX + String.join("; ", parts);
  }

  private static Map<String, Object> record(Metadata m) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> r =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readValue(m.json(), LinkedHashMap.class);
      return r;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A SQL string literal. */
  static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
