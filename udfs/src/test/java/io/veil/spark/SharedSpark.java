package io.veil.spark;

import io.veil.spark.sql.SqlTestKeys;
import org.apache.spark.sql.SparkSession;

/**
 * One local[2] session per test JVM: UI off, loopback only, UTC, fixed shuffle width, Veil's SQL
 * functions installed through the extensions class as users install them, and the test keys in
 * the static conf the application starts with ({@link SqlTestKeys#staticConf()}).
 */
public final class SharedSpark {
  private SharedSpark() {}

  public static synchronized SparkSession get() {
    SparkSession.Builder builder = SparkSession.builder();
    SqlTestKeys.staticConf().forEach(builder::config);
    return builder
        .master("local[2]")
        .appName("veil-udfs-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.extensions", "io.veil.spark.sql.VeilExtensions")
        .getOrCreate();
  }
}
