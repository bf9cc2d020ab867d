package io.veil.it;

import io.veil.testing.SharedSparkConf;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session of {@link S3CatalogTablesTest}, in the JVM of its own that surefire's
 * s3-catalog-tables execution starts (system property {@code veil.it.s3catalogs}): Delta's
 * extension and catalog around Spark's session catalog, and Delta's log store for s3a named
 * explicitly. These are static conf, read once per JVM: every other integration test's JVM gets
 * nothing from here.
 */
public final class S3CatalogTablesConf implements SharedSparkConf {
  public static boolean enabled() {
    return System.getProperty("veil.it.s3catalogs") != null;
  }

  @Override
  public Map<String, String> settings() {
    if (!enabled()) {
      return Map.of();
    }
    Map<String, String> c = new LinkedHashMap<>();
    c.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    c.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    // Delta's default for s3a already: one Spark driver writes a table at a time (Veil's output
    // lock keeps its own runs to one); several drivers need S3DynamoDBLogStore (docs/delta.md).
    c.put("spark.delta.logStore.s3a.impl", "io.delta.storage.S3SingleDriverLogStore");
    return c;
  }
}
