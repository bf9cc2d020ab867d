package io.veil.job.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated job config: immutable, built whole before any SparkSession exists. */
public final class JobConfig {
  private final Path file;
  private final String digest;
  private final Map<String, KeyConfig> keys;
  private final List<TableConfig> tables;
  private final String appName;
  private final Map<String, String> sparkSettings;
  private final long progressSeconds;

  JobConfig(
      Path file,
      String digest,
      Map<String, KeyConfig> keys,
      List<TableConfig> tables,
      String appName,
      Map<String, String> sparkSettings,
      long progressSeconds) {
    this.file = file;
    this.digest = digest;
    this.keys = Map.copyOf(keys);
    this.tables = List.copyOf(tables);
    this.appName = appName;
    this.sparkSettings = Map.copyOf(sparkSettings);
    this.progressSeconds = progressSeconds;
  }

  /** How often a long write prints its progress ({@code veil.run.progress-interval}). */
  public long progressSeconds() {
    return progressSeconds;
  }

  public Path file() {
    return file;
  }

  /** SHA-256 of the resolved job settings: equal configs give equal digests in the report. */
  public String digest() {
    return digest;
  }

  public Map<String, KeyConfig> keys() {
    return keys;
  }

  public List<TableConfig> tables() {
    return tables;
  }

  public Optional<TableConfig> table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public String appName() {
    return appName;
  }

  /** Spark settings from {@code veil.run.spark}, applied when Veil creates the session itself. */
  public Map<String, String> sparkSettings() {
    return sparkSettings;
  }
}
