package io.veil.job.config;

import io.veil.spark.UnlistedColumns;
import java.util.List;
import java.util.Map;

/** One entry of {@code tables}, with the table defaults filled in. */
public final class TableConfig {
  public enum OutputMode {
    ERROR_IF_EXISTS,
    OVERWRITE
  }

  private final String name;
  private final String inputPath;
  private final String inputTable;
  private final String inputFormat;
  private final Map<String, String> inputOptions;
  private final String outputPath;
  private final String outputTable;
  private final String outputFormat;
  private final OutputMode outputMode;
  private final boolean replaceForeign;
  private final String compression;
  private final List<String> partitionBy;
  private final UnlistedColumns unlisted;
  private final boolean invalidToNull;
  private final List<RuleConfig> rules;
  private final Privacy privacy;
  private final String where;

  TableConfig(
      String name,
      String inputPath,
      String inputTable,
      String inputFormat,
      Map<String, String> inputOptions,
      String outputPath,
      String outputTable,
      String outputFormat,
      OutputMode outputMode,
      boolean replaceForeign,
      String compression,
      List<String> partitionBy,
      UnlistedColumns unlisted,
      boolean invalidToNull,
      List<RuleConfig> rules,
      Privacy privacy,
      String where) {
    this.name = name;
    this.inputPath = inputPath;
    this.inputTable = inputTable;
    this.inputFormat = inputFormat;
    this.inputOptions = Map.copyOf(inputOptions);
    this.outputPath = outputPath;
    this.outputTable = outputTable;
    this.outputFormat = outputFormat;
    this.outputMode = outputMode;
    this.replaceForeign = replaceForeign;
    this.compression = compression;
    this.partitionBy = partitionBy == null ? null : List.copyOf(partitionBy);
    this.unlisted = unlisted;
    this.invalidToNull = invalidToNull;
    this.rules = List.copyOf(rules);
    this.privacy = privacy;
    this.where = where;
  }

  public String name() {
    return name;
  }

  /** The input directory; null when the input is a catalog table ({@link #inputTable()}). */
  public String inputPath() {
    return inputPath;
  }

  /** {@code input.table}: a table Spark's catalog knows; null when the input is a path. */
  public String inputTable() {
    return inputTable;
  }

  /** The input as messages name it: its path, or "table NAME". */
  public String input() {
    return inputTable != null ? "table " + inputTable : inputPath;
  }

  public String inputFormat() {
    return inputFormat;
  }

  public Map<String, String> inputOptions() {
    return inputOptions;
  }

  /** The output directory; null when the output is a catalog table ({@link #outputTable()}). */
  public String outputPath() {
    return outputPath;
  }

  /** {@code output.table}: a catalog table to write; null when the output is a path. */
  public String outputTable() {
    return outputTable;
  }

  /** {@code output.format}: iceberg, delta or parquet (always parquet for a path output). */
  public String outputFormat() {
    return outputFormat;
  }

  /** The output as messages name it: its path, or "table NAME". */
  public String output() {
    return outputTable != null ? "table " + outputTable : outputPath;
  }

  public OutputMode outputMode() {
    return outputMode;
  }

  /**
   * {@code output.replace-foreign}: overwrite may replace what Veil did not write (a file, a
   * directory of other data); by default it replaces only Veil's own tables and empty directories.
   */
  public boolean replaceForeign() {
    return replaceForeign;
  }

  /** A Parquet codec name, or "input" for the input's own codec. */
  public String compression() {
    return compression;
  }

  /** Output partition columns; null means "as the input is partitioned". */
  public List<String> partitionBy() {
    return partitionBy;
  }

  public UnlistedColumns unlisted() {
    return unlisted;
  }

  /** {@code on-invalid = null}: values an op cannot take become null instead of failing. */
  public boolean invalidToNull() {
    return invalidToNull;
  }

  public List<RuleConfig> rules() {
    return rules;
  }

  /** k-anonymity and leak-check settings. */
  public Privacy privacy() {
    return privacy;
  }

  /** {@code file:line} of the table's entry. */
  public String where() {
    return where;
  }
}
