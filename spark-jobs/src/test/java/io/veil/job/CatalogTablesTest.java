package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalog tables in and out (issue 24): a Hive metastore table in; Iceberg (write-audit-publish on
 * a branch), Delta and catalog Parquet out; column comments and table properties; reruns over an
 * existing table; and a verification failure, which leaves each format's table exactly as it was
 * (same snapshot, version or location, same files). Tagged "catalogs": it runs only in surefire's
 * catalog-tables execution, whose JVM has the catalogs ({@link CatalogTestConf}).
 */
@Tag("catalogs")
class CatalogTablesTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static long rows;

  static final String COLUMNS =
      "columns {\n"
          + "  customer_id = keep\n"
          + "  name { op = mask, keep-first = 1 }\n"
          + "  email { op = replace, with = pseudonym, key = people }\n"
          + "  phone { op = mask, preset = phone }\n"
          + "  birth_date { op = truncate, unit = year }\n"
          + "  country = keep\n"
          + "}\n";

  /** Every row is its own class over customer_id: k = 2 fails verification, after the write. */
  static final String FAILS_VERIFICATION = "quasi-identifiers = [customer_id], k = 2\n";

  @BeforeAll
  static void catalog() {
    assumeTrue(CatalogTestConf.enabled(), "runs in surefire's catalog-tables execution");
    spark = SharedSpark.get();
    spark.sql("CREATE DATABASE IF NOT EXISTS raw");
    spark.sql("CREATE DATABASE IF NOT EXISTS anon");
    Dataset<Row> customers =
        spark
            .read()
            .parquet(SharedSpark.projectDir().resolve("sample-data/customers").toString())
            .select("customer_id", "name", "email", "phone", "birth_date", "country");
    customers.write().format("parquet").mode(SaveMode.Overwrite).saveAsTable("raw.customers");
    rows = spark.table("raw.customers").count();
  }

  static Path job(String name, String output, String format, String extra) throws IOException {
    Path f = dir.resolve(name + ".conf");
    Files.writeString(
        f,
        "veil {\n"
            + "  keys { people = \""
            + JobTestConf.peopleKeySource()
            + "\" }\n"
            + "  tables = [{\n"
            + "    name = customers\n"
            + "    input { table = \"raw.customers\" }\n"
            + "    output { table = \""
            + output
            + "\", format = "
            + format
            + ", mode = overwrite }\n"
            + extra
            + COLUMNS
            + "  }]\n"
            + "}\n");
    return f;
  }

  static CliRun run(Path job) {
    return CliRun.of("run", job.toString());
  }

  /** Column comments of a table, as DESCRIBE TABLE EXTENDED shows them. */
  static Map<String, String> comments(String table) {
    Map<String, String> c = new TreeMap<>();
    for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + table).collectAsList()) {
      String name = r.getString(0);
      if (name == null || name.isEmpty() || name.startsWith("#")) {
        break;
      }
      if (r.get(2) != null && !r.getString(2).isEmpty()) {
        c.put(name, r.getString(2));
      }
    }
    return c;
  }

  static Map<String, String> properties(String table) {
    Map<String, String> p = new TreeMap<>();
    for (Row r : spark.sql("SHOW TBLPROPERTIES " + table).collectAsList()) {
      p.put(r.getString(0), r.getString(1));
    }
    return p;
  }

  /** The rows of a table as text, in order: two reads compare whole. */
  static List<String> content(String table) {
    return spark.table(table).orderBy("customer_id").collectAsList().stream()
        .map(Row::toString)
        .toList();
  }

  /** Files a reader of the table reads. */
  static Set<String> inputFiles(String table) {
    return new TreeSet<>(List.of(spark.table(table).inputFiles()));
  }

  static Set<Path> filesUnder(String location) throws IOException {
    Path root =
        Paths.get(java.net.URI.create(location.startsWith("/") ? "file:" + location : location));
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static void assertCatalogMetadata(String table, CliRun r) {
    Map<String, String> comments = comments(table);
    assertTrue(comments.get("email").startsWith("veil: "), comments.toString());
    assertTrue(comments.get("email").contains("key people version 1"), comments.toString());
    assertTrue(comments.get("name").startsWith("veil: mask"), comments.toString());
    assertFalse(comments.containsKey("customer_id"), "kept columns get no comment");
    Map<String, String> p = properties(table);
    assertTrue(p.get("veil.run-id").matches("\\d{8}T\\d{6}-[0-9a-f]{8}"), p.toString());
    assertTrue(p.get("veil.config-digest").startsWith("sha256:"), p.toString());
    assertTrue(
        spark.sql("DESCRIBE TABLE EXTENDED " + table).collectAsList().stream()
            .anyMatch(
                row ->
                    row.get(1) != null
                        && row.getString(1).contains("veil.run-id")
                        && row.getString(1).contains("veil.config-digest")),
        "DESCRIBE TABLE EXTENDED shows the run id and config digest");
    assertTrue(r.out.contains(p.get("veil.run-id")) || r.err.contains("published"), r::toString);
  }

  static void assertAnonymized(String table) {
    assertEquals(rows, spark.table(table).count());
    long sameEmail =
        spark
            .table(table)
            .as("o")
            .join(spark.table("raw.customers").as("i"), "customer_id")
            .where("o.email = i.email")
            .count();
    assertEquals(0, sameEmail, "every email pseudonymized");
  }

  @Test
  void icebergOutputIsWrittenToABranchVerifiedThenFastForwarded() throws IOException {
    String table = "lake.anon.customers";
    CliRun first = run(job("iceberg", table, "iceberg", "output.partition-by = [country]\n"));
    assertEquals(0, first.code, first::toString);
    assertAnonymized(table);
    assertCatalogMetadata(table, first);
    assertEquals(List.of("main"), refs(table), "the audit branch is gone once published");
    String runId = properties(table).get("veil.run-id");
    Row snapshot =
        spark
            .sql(
                "SELECT snapshot_id, summary FROM "
                    + table
                    + ".snapshots ORDER BY committed_at DESC")
            .first();
    assertEquals(runId, snapshot.getJavaMap(1).get("veil.run-id"));
    String reportProperty = properties(table).get("veil.report");
    assertTrue(reportProperty.matches("(?s).*\"status\"\\s*:\\s*\"published\".*"), reportProperty);
    String location = location(table);
    assertTrue(
        Files.isRegularFile(Paths.get(location.replaceFirst("^file:", ""), "_veil_report.json")));

    // A rerun over the existing table: a new snapshot, the same rows.
    List<String> before = content(table);
    long firstSnapshot = currentSnapshot(table);
    CliRun again = run(job("iceberg-again", table, "iceberg", "output.partition-by = [country]\n"));
    assertEquals(0, again.code, again::toString);
    assertNotEquals(firstSnapshot, currentSnapshot(table));
    assertEquals(before, content(table), "deterministic ops: a rerun writes the same values");
    assertEquals(List.of("main"), refs(table));

    // A verification failure: main does not move, the branch and its files are gone.
    long published = currentSnapshot(table);
    Set<String> files = inputFiles(table);
    Set<Path> onDisk = filesUnder(location + "/data");
    CliRun failed =
        run(
            job(
                "iceberg-fail",
                table,
                "iceberg",
                "output.partition-by = [country]\n" + FAILS_VERIFICATION));
    assertEquals(4, failed.code, failed::toString);
    assertEquals(published, currentSnapshot(table));
    assertEquals(files, inputFiles(table));
    assertEquals(before, content(table));
    assertEquals(List.of("main"), refs(table));
    assertEquals(onDisk, filesUnder(location + "/data"), "the staged snapshot's files are deleted");
  }

  /**
   * Iceberg in a catalog of type hive (the metastore on embedded Derby): a catalog table in, the
   * branch verified then fast-forwarded, a rerun removing a branch that a killed run of Veil left
   * (and the snapshot only it held) while a branch of someone else stays, and a verification
   * failure that leaves main's snapshot, the files and the refs as they were.
   */
  @Test
  void icebergInAHiveCatalogIsPublishedByOneMetastoreCommit() throws IOException {
    String table = "hlake.anon.customers_hms";
    CliRun first = run(job("hms", table, "iceberg", ""));
    assertEquals(0, first.code, first::toString);
    assertAnonymized(table);
    assertCatalogMetadata(table, first);
    assertEquals(List.of("main"), refs(table));
    assertEquals(
        "ICEBERG", metastoreProperty("customers_hms", "table_type"), "an Iceberg table in the HMS");
    List<String> before = content(table);
    long firstSnapshot = currentSnapshot(table);

    // What a run killed after its write leaves: a veil_<run id> branch with a snapshot only it
    // holds. A branch that is not Veil's stays.
    String leftover = "veil_20000101t000000_0123abcd";
    spark.sql("ALTER TABLE " + table + " CREATE BRANCH " + leftover);
    spark.sql(
        "INSERT INTO " + table + ".branch_" + leftover + " SELECT * FROM " + table + " LIMIT 3");
    spark.sql("ALTER TABLE " + table + " CREATE BRANCH audit");
    long orphan =
        spark
            .sql("SELECT snapshot_id FROM " + table + ".refs WHERE name = '" + leftover + "'")
            .first()
            .getLong(0);
    assertNotEquals(firstSnapshot, orphan);

    CliRun again = run(job("hms-again", table, "iceberg", ""));
    assertEquals(0, again.code, again::toString);
    assertTrue(again.out.contains(leftover) || again.err.contains(leftover), again::toString);
    assertNotEquals(firstSnapshot, currentSnapshot(table));
    assertEquals(before, content(table));
    assertEquals(List.of("audit", "main"), refs(table), "the leftover branch is removed");
    assertEquals(
        0,
        spark.sql("SELECT * FROM " + table + ".snapshots WHERE snapshot_id = " + orphan).count(),
        "the snapshot only the leftover branch held is expired");
    assertEquals(
        1,
        spark
            .sql("SELECT * FROM " + table + ".snapshots WHERE snapshot_id = " + firstSnapshot)
            .count(),
        "history stays");

    long published = currentSnapshot(table);
    String metadata = metastoreProperty("customers_hms", "metadata_location");
    Set<String> files = inputFiles(table);
    String location = location(table);
    Set<Path> onDisk = filesUnder(location + "/data");
    CliRun failed = run(job("hms-fail", table, "iceberg", FAILS_VERIFICATION));
    assertEquals(4, failed.code, failed::toString);
    assertEquals(published, currentSnapshot(table));
    assertNotEquals(
        metadata,
        metastoreProperty("customers_hms", "metadata_location"),
        "the branch was written and removed: the pointer moved, main did not");
    assertEquals(files, inputFiles(table));
    assertEquals(before, content(table));
    assertEquals(List.of("audit", "main"), refs(table));
    assertEquals(onDisk, filesUnder(location + "/data"), "the staged snapshot's files are deleted");
    assertFalse(
        Files.exists(Paths.get(location.replaceFirst("^file:", ""), ".veil-staging")),
        "the run's lock is released");
  }

  @Test
  void aNewIcebergTableThatFailsVerificationIsNotLeftBehind() throws IOException {
    String table = "lake.anon.never";
    CliRun failed = run(job("iceberg-new-fail", table, "iceberg", FAILS_VERIFICATION));
    assertEquals(4, failed.code, failed::toString);
    assertFalse(spark.catalog().tableExists(table));
  }

  @Test
  void deltaOutputIsVerifiedInStagingThenCommittedOnce() throws IOException {
    String table = "anon.customers_delta";
    CliRun first = run(job("delta", table, "delta", "output.partition-by = [country]\n"));
    assertEquals(0, first.code, first::toString);
    assertAnonymized(table);
    assertCatalogMetadata(table, first);
    assertEquals("delta", provider(table));
    long v0 = deltaVersion(table);

    List<String> before = content(table);
    CliRun again = run(job("delta-again", table, "delta", "output.partition-by = [country]\n"));
    assertEquals(0, again.code, again::toString);
    long v1 = deltaVersion(table);
    assertEquals(v0 + 1, v1, "one commit a run");
    assertEquals(before, content(table));

    Set<String> files = inputFiles(table);
    CliRun failed =
        run(
            job(
                "delta-fail",
                table,
                "delta",
                "output.partition-by = [country]\n" + FAILS_VERIFICATION));
    assertEquals(4, failed.code, failed::toString);
    assertEquals(v1, deltaVersion(table));
    assertEquals(files, inputFiles(table));
    assertEquals(before, content(table));
    assertNoStaging();
  }

  @Test
  void parquetCatalogOutputIsPointedAtItsVerifiedDirectory() throws IOException {
    String table = "anon.customers_parquet";
    CliRun first = run(job("parquet", table, "parquet", ""));
    assertEquals(0, first.code, first::toString);
    assertAnonymized(table);
    assertCatalogMetadata(table, first);
    String firstLocation = location(table);

    List<String> before = content(table);
    CliRun again = run(job("parquet-again", table, "parquet", ""));
    assertEquals(0, again.code, again::toString);
    String location = location(table);
    assertNotEquals(firstLocation, location);
    assertFalse(
        Files.exists(Paths.get(firstLocation.replaceFirst("^file:", ""))),
        "the previous directory Veil wrote is deleted");
    assertEquals(before, content(table));

    Set<String> files = inputFiles(table);
    CliRun failed = run(job("parquet-fail", table, "parquet", FAILS_VERIFICATION));
    assertEquals(4, failed.code, failed::toString);
    assertEquals(location, location(table));
    assertEquals(files, inputFiles(table));
    assertEquals(before, content(table));
    Path parent = Paths.get(location.replaceFirst("^file:", "")).getParent();
    try (Stream<Path> s = Files.list(parent)) {
      assertEquals(
          1,
          s.filter(p -> p.getFileName().toString().startsWith("customers_parquet-veil-")).count(),
          "the failed run's directory is deleted");
    }
  }

  @Test
  void catalogOutputsThatCannotWorkAreRefusedBeforeAnythingIsWritten() throws IOException {
    CliRun same = run(job("same", "raw.customers", "parquet", ""));
    assertEquals(2, same.code, same::toString);
    assertTrue(
        same.err.contains(
            "Invalid output table for table customers: raw.customers is the input table"),
        same.err);

    spark.sql("CREATE TABLE IF NOT EXISTS anon.plain (customer_id BIGINT) USING parquet");
    CliRun wrongFormat = run(job("wrong-format", "anon.plain", "delta", ""));
    assertEquals(2, wrongFormat.code, wrongFormat::toString);
    assertTrue(
        wrongFormat.err.contains("exists as a parquet table, not a Delta table"), wrongFormat.err);

    CliRun partitioned =
        run(job("partitioned", "anon.partitioned", "parquet", "output.partition-by = [country]\n"));
    assertEquals(2, partitioned.code, partitioned::toString);
    assertTrue(partitioned.err.contains("a partitioned Parquet catalog table"), partitioned.err);
    assertFalse(spark.catalog().tableExists("anon.partitioned"));

    CliRun schema = run(job("schema", "anon.plain", "parquet", ""));
    assertEquals(2, schema.code, schema::toString);
    assertTrue(schema.err.contains("its columns are (customer_id bigint)"), schema.err);
  }

  /** A parameter of a table of database anon, as the Hive metastore itself holds it. */
  static String metastoreProperty(String table, String key) {
    return spark
        .sharedState()
        .externalCatalog()
        .getTable("anon", table)
        .properties()
        .get(key)
        .getOrElse(() -> null);
  }

  static List<String> refs(String table) {
    return spark.sql("SELECT name FROM " + table + ".refs ORDER BY name").collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }

  static long currentSnapshot(String table) {
    return spark
        .sql("SELECT snapshot_id FROM " + table + ".refs WHERE name = 'main'")
        .first()
        .getLong(0);
  }

  static long deltaVersion(String table) {
    return spark
        .sql("DESCRIBE HISTORY " + table)
        .agg(org.apache.spark.sql.functions.max("version"))
        .first()
        .getLong(0);
  }

  static String location(String table) {
    return detail(table, "Location");
  }

  static String provider(String table) {
    return detail(table, "Provider");
  }

  static String detail(String table, String key) {
    for (Row r : spark.sql("DESCRIBE TABLE EXTENDED " + table).collectAsList()) {
      if (key.equals(r.getString(0))) {
        return r.getString(1);
      }
    }
    return null;
  }

  static void assertNoStaging() throws IOException {
    Path warehouse = CatalogTestConf.root().resolve("warehouse");
    try (Stream<Path> s = Files.walk(warehouse)) {
      List<Path> left =
          s.filter(
                  p ->
                      p.getParent() != null
                          && p.getParent().getFileName().toString().equals(".veil-staging"))
              .toList();
      assertEquals(List.of(), left);
    }
  }
}
