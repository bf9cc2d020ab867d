package io.veil.job.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.veil.scan.ColumnFinding;
import io.veil.scan.ColumnSample;
import io.veil.scan.PiiType;
import io.veil.scan.QuasiIdentifierSearch;
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
  private final QuasiIdentifiers quasiIdentifiers;

  /**
   * What {@code --quasi-identifiers} found: the combinations of up to {@code maxColumns} columns
   * that single out rows (or entities) in classes below k, in the sample.
   */
  public record QuasiIdentifiers(
      int k, String entity, int maxColumns, List<QuasiIdentifierSearch.Combination> combinations) {}

  public ScanReport(
      String path,
      String format,
      long tableRows,
      long sampledRows,
      List<LeafField> leaves,
      List<ColumnFinding> findings) {
    this(path, format, tableRows, sampledRows, leaves, findings, null);
  }

  public ScanReport(
      String path,
      String format,
      long tableRows,
      long sampledRows,
      List<LeafField> leaves,
      List<ColumnFinding> findings,
      QuasiIdentifiers quasiIdentifiers) {
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
    this.quasiIdentifiers = quasiIdentifiers;
  }

  /** This report with the combinations {@code --quasi-identifiers} found. */
  public ScanReport with(QuasiIdentifiers found) {
    return new ScanReport(path, format, tableRows, sampledRows, leaves, findings, found);
  }

  /** Null unless the scan looked for quasi-identifiers. */
  public QuasiIdentifiers quasiIdentifiers() {
    return quasiIdentifiers;
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
   * With quasi-identifiers looked for, an object: {@code {columns: [...as above],
   * quasi_identifiers: {k, entity, max_columns, combinations: [{columns, singled_out, share,
   * sample_uniques}]}}}.
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
    Object document = out;
    if (quasiIdentifiers != null) {
      List<Map<String, Object>> combos = new ArrayList<>();
      for (QuasiIdentifierSearch.Combination c : quasiIdentifiers.combinations()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("columns", c.columns());
        m.put("singled_out", c.singledOut());
        m.put("share", Math.round(c.share() * 10000) / 10000.0);
        m.put("sample_uniques", c.unique());
        combos.add(m);
      }
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("k", quasiIdentifiers.k());
      q.put("entity", quasiIdentifiers.entity());
      q.put("max_columns", quasiIdentifiers.maxColumns());
      q.put("combinations", combos);
      Map<String, Object> both = new LinkedHashMap<>();
      both.put("columns", out);
      both.put("quasi_identifiers", q);
      document = both;
    }
    try {
      return JSON.writeValueAsString(document) + "\n";
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
    if (quasiIdentifiers != null) {
      printQuasiIdentifiers(out);
    }
  }

  private void printQuasiIdentifiers(PrintStream out) {
    QuasiIdentifiers q = quasiIdentifiers;
    String unit = q.entity() == null ? "rows" : "entities (" + q.entity() + ")";
    out.printf(
        "%nColumns that together single out sampled rows: combinations of up to %d, classes of"
            + " fewer than k = %d %s%n",
        q.maxColumns(), q.k(), unit);
    if (q.combinations().isEmpty()) {
      out.println("none: every combination's classes hold at least k in the sample");
      return;
    }
    int width = "columns".length();
    for (QuasiIdentifierSearch.Combination c : q.combinations()) {
      width = Math.max(width, String.join(" + ", c.columns()).length());
    }
    String row = "%-" + width + "s  %11s  %7s  %14s%n";
    out.printf(row, "columns", "singled out", "share", "sample uniques");
    for (QuasiIdentifierSearch.Combination c : q.combinations()) {
      out.printf(
          Locale.ROOT,
          row,
          String.join(" + ", c.columns()),
          String.format(Locale.ROOT, "%,d", c.singledOut()),
          String.format(Locale.ROOT, "%.1f%%", 100 * c.share()),
          String.format(Locale.ROOT, "%,d", c.unique()));
    }
    out.println(
        "Direct identifiers and near-unique columns are left out. A sample has smaller classes than"
            + " the table: use these to choose quasi-identifiers, and the job's k-anonymity check to"
            + " measure them.");
  }

  static String details(ColumnFinding f) {
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
