package io.veil.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veil.spark.ColumnRewriter;
import io.veil.spark.op.OperationSettings;
import io.veil.spark.op.Operations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What {@code veil inspect} says about a table Veil wrote: per column, what was done, in words read
 * back from the column's metadata through the op's own definition ({@code mask by class: upper X,
 * ...}), or the machine form with {@code --json}.
 */
final class TableDescription {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TableDescription() {}

  static List<String> lines(StructType schema) {
    List<String> lines = new ArrayList<>();
    for (StructField f : schema.fields()) {
      List<Map<String, Object>> transforms = transforms(f);
      if (transforms.isEmpty()) {
        lines.add(String.format("%-22s %-14s kept", f.name(), f.dataType().simpleString()));
        continue;
      }
      for (Map<String, Object> t : transforms) {
        OperationSettings settings = Operations.fromRecord(t);
        String what =
            settings != null ? settings.inWords() : "(written by another version of Veil) " + t;
        lines.add(
            String.format(
                "%-22s %-14s %s",
                t.get("path"),
                t.get("result_type"),
                what
                    + (t.get("original_type") == null
                        ? ""
                        : " (from " + t.get("original_type") + ")")));
      }
    }
    return lines;
  }

  static String json(StructType schema, String report) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode columns = root.putArray("columns");
    for (StructField f : schema.fields()) {
      ObjectNode c = columns.addObject();
      c.put("column", f.name());
      c.put("type", f.dataType().simpleString());
      ArrayNode transforms = c.putArray("transforms");
      for (Map<String, Object> t : transforms(f)) {
        transforms.add(JSON.valueToTree(t));
      }
    }
    try {
      root.set("report", report == null ? null : JSON.readTree(report));
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Map<String, Object>> transforms(StructField f) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!f.metadata().contains(ColumnRewriter.METADATA_KEY)) {
      return out;
    }
    Metadata veil = f.metadata().getMetadata(ColumnRewriter.METADATA_KEY);
    if (!veil.contains("transforms")) {
      return out;
    }
    for (Metadata t : veil.getMetadataArray("transforms")) {
      try {
        JsonNode node = JSON.readTree(t.json());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = JSON.convertValue(node, LinkedHashMap.class);
        out.add(m);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return out;
  }
}
