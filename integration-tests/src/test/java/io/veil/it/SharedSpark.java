package io.veil.it;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.spark.sql.SparkSession;

/** One local[2] session per test JVM: UI off, loopback only, UTC, fixed shuffle width. */
final class SharedSpark {
  private SharedSpark() {}

  static synchronized SparkSession get() {
    return SparkSession.builder()
        .master("local[2]")
        .appName("veil-integration-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
  }

  /** The repository's root directory (for sample-data and conf). */
  static Path projectDir() {
    return Paths.get(System.getProperty("veil.project.dir", "..")).toAbsolutePath().normalize();
  }
}
