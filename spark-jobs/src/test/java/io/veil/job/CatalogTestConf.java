package io.veil.job;

import io.veil.testing.SharedSparkConf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalogs of {@link CatalogTablesTest}, in the JVM of its own that surefire's catalog-tables
 * execution starts (system property {@code veil.test.catalogs}): a Hive metastore on embedded Derby
 * in a temporary directory as the session catalog, wrapped by Delta's catalog, and an Iceberg
 * catalog {@code lake} beside it. Every other test JVM gets nothing from here.
 */
public final class CatalogTestConf implements SharedSparkConf {
  private static Path root;

  public static boolean enabled() {
    return System.getProperty("veil.test.catalogs") != null;
  }

  /** The temporary directory holding the metastore, the warehouse and the Iceberg warehouse. */
  public static synchronized Path root() {
    if (root == null) {
      try {
        root = Files.createTempDirectory("veil-catalogs");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  @Override
  public Map<String, String> settings() {
    if (!enabled()) {
      return Map.of();
    }
    Path dir = root();
    System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
    Map<String, String> c = new LinkedHashMap<>();
    c.put("spark.sql.catalogImplementation", "hive");
    c.put("spark.sql.warehouse.dir", dir.resolve("warehouse").toString());
    c.put(
        "spark.hadoop.javax.jdo.option.ConnectionURL",
        "jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true");
    c.put("spark.hadoop.datanucleus.schema.autoCreateAll", "true");
    c.put("spark.hadoop.hive.metastore.schema.verification", "false");
    c.put(
        "spark.sql.extensions",
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions,"
            + "io.delta.sql.DeltaSparkSessionExtension");
    c.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    c.put("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog");
    c.put("spark.sql.catalog.lake.type", "hadoop");
    c.put("spark.sql.catalog.lake.warehouse", dir.resolve("iceberg").toString());
    return c;
  }
}
