package io.veil.job.cli;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession a command runs in: the one spark-submit configured, or, when Veil is started
 * directly (bin/veil, tests), an embedded {@code local[*]} one with the job's extra settings.
 */
public final class Sessions {
  private Sessions() {}

  public static SparkSession getOrCreate(String appName, Map<String, String> settings) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    boolean embedded = !new SparkConf().contains("spark.master");
    if (embedded) {
      builder
          .master("local[*]")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.session.timeZone", "UTC");
    }
    for (Map.Entry<String, String> e : settings.entrySet()) {
      builder.config(e.getKey(), e.getValue());
    }
    SparkSession spark = builder.getOrCreate();
    // Veil matches column names exactly as written, so two columns differing only by case are two
    // columns, not an ambiguity.
    spark.conf().set("spark.sql.caseSensitive", "true");
    if (embedded && spark.sparkContext().uiWebUrl().isDefined()) {
      System.err.println("[veil] Spark UI: " + spark.sparkContext().uiWebUrl().get());
    }
    return spark;
  }
}
