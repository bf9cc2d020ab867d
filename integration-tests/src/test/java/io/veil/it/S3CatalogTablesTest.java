package io.veil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.veil.job.CliRun;
import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalog tables through {@code s3a://} on S3Proxy: an external Parquet table of Spark's session
 * catalog whose files are in the bucket, read as {@code input { table = ... }}, written to a Delta
 * table whose location is in the bucket (Delta's S3 log store, one writer), read back, rewritten,
 * and a verification failure that leaves the Delta table as it was: same version, same files
 * visible, same log, nothing staged left. Tagged "s3-catalogs": it runs only in surefire's
 * s3-catalog-tables execution, whose JVM has Delta's extension and catalog ({@link
 * S3CatalogTablesConf}).
 */
@Tag("s3-catalogs")
class S3CatalogTablesTest {
  static final String RAW = "s3a://" + S3Proxy.BUCKET + "/raw/customers";
  static final String DELTA_DATABASE = "s3a://" + S3Proxy.BUCKET + "/delta";
  static final String TABLE = "anon.customers";

  static final String FAILS_VERIFICATION = "quasi-identifiers = [customer_id], k = 2\n";

  @TempDir static Path dir;
  static S3Proxy s3;
  static SparkSession spark;
  static List<String> raw;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(S3CatalogTablesConf.enabled(), "runs in surefire's s3-catalog-tables execution");
    s3 = S3Proxy.start(dir);
    spark = SharedSpark.get();
    s3.s3aSettings().forEach((k, v) -> spark.sparkContext().hadoopConfiguration().set(k, v));
    spark
        .read()
        .parquet(SharedSpark.projectDir().resolve("sample-data/customers").toString())
        .select("customer_id", "name", "email", "phone", "birth_date", "country")
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(RAW);
    spark.sql("CREATE DATABASE IF NOT EXISTS raw");
    spark.sql("CREATE TABLE raw.customers USING parquet LOCATION '" + RAW + "'");
    spark.sql("CREATE DATABASE IF NOT EXISTS anon LOCATION '" + DELTA_DATABASE + "'");
    raw = sorted("raw.customers");
    assertTrue(raw.size() > 0);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (s3 != null) {
      s3.close();
    }
  }

  static Path job(String name, String extra) throws IOException {
    Path f = dir.resolve(name + ".conf");
    Files.writeString(
        f,
        "veil {\n"
            + "  keys { people = \""
            + S3Proxy.peopleKey(dir)
            + "\" }\n"
            + "  tables = [{\n"
            + "    name = customers\n"
            + "    input { table = \"raw.customers\" }\n"
            + "    output { table = \""
            + TABLE
            + "\", format = delta, mode = overwrite }\n"
            + extra
            + "    columns {\n"
            + "      customer_id = keep\n"
            + "      name { op = mask, keep-first = 1 }\n"
            + "      email { op = replace, with = pseudonym, key = people }\n"
            + "      phone { op = mask, preset = phone }\n"
            + "      birth_date { op = truncate, unit = year }\n"
            + "      country = keep\n"
            + "    }\n"
            + "  }]\n"
            + "}\n");
    return f;
  }

  @Test
  void catalogTableOnS3InDeltaTableOnS3Out() throws Exception {
    CliRun first = CliRun.of("run", job("delta", "").toString());
    assertEquals(0, first.code, first::toString);
    String location = detail("Location");
    assertTrue(location.startsWith(DELTA_DATABASE + "/customers"), location);
    assertEquals("delta", detail("Provider"));
    List<String> written = sorted(TABLE);
    assertAnonymized(written);
    // Read back by path too, as a reader without the catalog would: the same rows.
    assertEquals(
        written,
        sorted(spark.read().format("delta").load(location).orderBy("customer_id").collectAsList()));
    long v0 = version();

    CliRun again = CliRun.of("run", job("delta-again", "").toString());
    assertEquals(0, again.code, again::toString);
    long v1 = version();
    assertEquals(v0 + 1, v1, "one Delta commit a run");
    assertEquals(written, sorted(TABLE), "deterministic ops: a rerun writes the same rows");

    Set<String> files = new TreeSet<>(List.of(spark.table(TABLE).inputFiles()));
    List<String> log = objects(location + "/_delta_log");
    CliRun failed = CliRun.of("run", job("delta-fail", FAILS_VERIFICATION).toString());
    assertEquals(4, failed.code, failed::toString);
    assertEquals(v1, version(), "the version did not move");
    assertEquals(files, new TreeSet<>(List.of(spark.table(TABLE).inputFiles())));
    assertEquals(log, objects(location + "/_delta_log"), "nothing written to the log");
    assertEquals(written, sorted(TABLE));
    assertEquals(List.of(), objects(DELTA_DATABASE + "/.veil-staging"), "no staging, no lock left");
  }

  static void assertAnonymized(List<String> written) {
    assertEquals(raw.size(), written.size());
    long sameEmail =
        spark
            .table(TABLE)
            .as("o")
            .join(spark.table("raw.customers").as("i"), "customer_id")
            .where("o.email = i.email")
            .count();
    assertEquals(0, sameEmail, "every email pseudonymized");
    assertEquals(
        0,
        spark.table(TABLE).where("length(name) > 1 and substr(name, 2, 1) != '*'").count(),
        "every name masked after its first letter");
    assertEquals(
        spark
            .table("raw.customers")
            .select("customer_id", "country")
            .orderBy("customer_id")
            .collectAsList(),
        spark.table(TABLE).select("customer_id", "country").orderBy("customer_id").collectAsList(),
        "kept columns are the input's");
  }

  static long version() {
    return spark
        .sql("DESCRIBE HISTORY " + TABLE)
        .agg(org.apache.spark.sql.functions.max("version"))
        .first()
        .getLong(0);
  }

  static String detail(String key) {
    for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + TABLE).collectAsList()) {
      if (key.equals(r.getString(0))) {
        return r.getString(1);
      }
    }
    return null;
  }

  /** Every object under a prefix, by name (none when the prefix is absent). */
  static List<String> objects(String prefix) throws IOException {
    FileSystem fs = FileSystem.get(URI.create(prefix), spark.sessionState().newHadoopConf());
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(prefix);
    List<String> names = new ArrayList<>();
    if (!fs.exists(p)) {
      return names;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(p, true);
    while (it.hasNext()) {
      names.add(it.next().getPath().toString());
    }
    names.sort(null);
    return names;
  }

  static List<String> sorted(String table) {
    return sorted(spark.table(table).orderBy("customer_id").collectAsList());
  }

  static List<String> sorted(List<Row> rows) {
    return rows.stream().map(Row::toString).toList();
  }
}
