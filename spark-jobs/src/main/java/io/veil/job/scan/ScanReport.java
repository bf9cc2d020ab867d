package io.veil.job.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.veil.scan.ColumnFinding;
import io.veil.scan.ColumnSample;
import io.veil.scan.PiiType;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code veil scan} found in a table: one finding per leaf, in schema order. Holds column
 * names, types, shares and counts, never a sampled value.
 */
public final class ScanReport {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String path;
  private final String format;
  private final long tableRows;
  private final long sampledRows;
  private final List<LeafField> leaves;
  private final List<ColumnFinding> findings;

  public ScanReport(
      String path,
      String format,
      long tableRows,
      long sampledRows,
      List<LeafField> leaves,
      List<ColumnFinding> findings) {
    if (leaves.size() != findings.size()) {
      throw new IllegalArgumentException(
          "Invalid scan report: " + leaves.size() + " leaves, " + findings.size() + " findings");
    }
    this.path = path;
    this.format = format;
    this.tableRows = tableRows;
    this.sampledRows = sampledRows;
    this.leaves = List.copyOf(leaves);
    this.findings = List.copyOf(findings);
  }

  public String path() {
    return path;
  }

  public String format() {
    return format;
  }

  public long tableRows() {
    return tableRows;
  }

  public long sampledRows() {
    return sampledRows;
  }

  public List<LeafField> leaves() {
    return leaves;
  }

  public List<ColumnFinding> findings() {
    return findings;
  }

  /** The finding for the leaf {@code path} ({@code contacts[].phone}), or null. */
  public ColumnFinding finding(String path) {
    for (ColumnFinding f : findings) {
      if (f.column().equals(path)) {
        return f;
      }
    }
    return null;
  }

  /**
   * The scan as JSON: {@code [{column, type, share, confidence}]}, one object per leaf in schema
   * order, exactly those keys; {@code type} is null for a column where no personal data was found.
   */
  public String toJson() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ColumnFinding f : findings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("column", f.column());
      m.put("type", f.type() == null ? null : f.type().label());
      m.put("share", f.share());
      m.put("confidence", f.confidence());
      out.add(m);
    }
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write scan report", e);
    }
  }

  /** The human-readable table: column, type, share, confidence and details. */
  public void print(PrintStream out) {
    int width = "column".length();
    for (ColumnFinding f : findings) {
      width = Math.max(width, f.column().length());
    }
    out.printf(
        "veil scan %s (%s): %,d of %,d rows sampled%n", path, format, sampledRows, tableRows);
    String row = "%-" + width + "s  %-18s  %6s  %10s  %s%n";
    out.printf(row, "column", "type", "share", "confidence", "details");
    int pii = 0;
    for (ColumnFinding f : findings) {
      if (f.isPii()) {
        pii++;
      }
      out.printf(
          Locale.ROOT,
          row,
          f.column(),
          f.isPii() ? f.type().label() : "-",
          String.format(Locale.ROOT, "%.1f%%", 100 * f.share()),
          String.format(Locale.ROOT, "%.2f", f.confidence()),
          details(f));
    }
    out.printf(
        "%d of %d columns hold personal data. A scan samples and infers: review every column before"
            + " relying on it.%n",
        pii, findings.size());
  }

  private static String details(ColumnFinding f) {
    if (f.kind() == ColumnSample.Kind.UNSCANNED) {
      return "not scanned (no text form)";
    }
    if (f.values() == 0) {
      return "no values in the sample";
    }
    List<String> parts = new ArrayList<>();
    if (f.type() == PiiType.FREE_TEXT_WITH_PII) {
      List<String> kinds = new ArrayList<>();
      for (Map.Entry<String, Integer> e : f.forms().entrySet()) {
        kinds.add(e.getKey() + " " + e.getValue());
      }
      parts.add("embeds " + String.join(", ", kinds));
    } else if (f.isPii()) {
      for (Map.Entry<String, Integer> e : f.forms().entrySet()) {
        parts.add(e.getKey() + " " + Math.round(100.0 * e.getValue() / f.values()) + "%");
      }
    }
    parts.add(f.values() + " values");
    return String.join(", ", parts);
  }
}
