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
 * catalog {@code lake} (type hadoop) beside it, and an Iceberg catalog {@code hlake} of type hive
 * on the same metastore. Every other test JVM gets nothing from here.
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
    // An Iceberg catalog of type hive over the same metastore: no uri, so Iceberg's HiveCatalog
    // opens the embedded Derby metastore that the spark.hadoop.javax.jdo settings above name.
    c.put("spark.sql.catalog.hlake", "org.apache.iceberg.spark.SparkCatalog");
    c.put("spark.sql.catalog.hlake.type", "hive");
    // Hive 2.3's own default pool is BoneCP, which Spark does not ship; Spark's client uses
    // HikariCP.
    c.put("spark.sql.catalog.hlake.hadoop.datanucleus.connectionPoolingType", "HikariCP");
    // An embedded metastore created by DataNucleus has no transaction tables (HIVE_LOCKS), so no
    // metastore locks: Iceberg then commits with the metastore's compare-and-swap of the table's
    // metadata_location (HIVE-26882, in the Hive 2.3.10 metastore Spark ships), atomic as well.
    c.put("spark.sql.catalog.hlake.hadoop.iceberg.engine.hive.lock-enabled", "false");
    return c;
  }
}
