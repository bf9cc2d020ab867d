package io.veil.job.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.job.CliRun;
import io.veil.scan.ColumnFinding;
import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans reach every value a path can name (struct fields, array elements at any depth, map values
 * of structs), skip what has no text form, and the suggestion for such a table still checks.
 */
class NestedScanTest {
  @TempDir static Path dir;
  static String table;
  static ScanReport report;

  @BeforeAll
  static void writeAndScan() {
    SparkSession spark = SharedSpark.get();
    table = dir.resolve("people").toString();
    spark
        .range(300)
        .selectExpr(
            "id",
            "named_struct('who', named_struct('mail', concat('user', id, '@example.com'), 'nick', concat('n', id)))"
                + " AS profile",
            "array(array(concat('192.0.2.', 1 + id % 250), concat('198.51.100.', 1 + id % 250))) AS hops",
            "map('home', named_struct('phone', concat('+86 138-1234-', lpad(cast(id AS string), 4, '0')),"
                + " 'floor', id % 30)) AS places",
            "cast('x' AS binary) AS blob",
            "concat('Order ', id) AS `weird.name`")
        .coalesce(2)
        .write()
        .parquet(table);
    report = new TableScanner(spark).scan(table, "parquet", 10_000);
  }

  @Test
  void walksNestedPathsInVeilSyntax() {
    List<String> columns = new ArrayList<>();
    for (ColumnFinding f : report.findings()) {
      columns.add(f.column());
    }
    assertEquals(
        List.of(
            "id",
            "profile.who.mail",
            "profile.who.nick",
            "hops[][]",
            "places{}.phone",
            "places{}.floor",
            "blob",
            "`weird.name`"),
        columns);
    assertEquals("email", report.finding("profile.who.mail").type().label());
    assertEquals("ip-address", report.finding("hops[][]").type().label());
    assertEquals(600, report.finding("hops[][]").values());
    assertEquals("phone", report.finding("places{}.phone").type().label());
    assertNull(report.finding("places{}.floor").type());
    assertNull(report.finding("blob").type());
    assertEquals(300, report.sampledRows());
  }

  @Test
  void aSmallSampleReadsOnlyThatManyRows() {
    ScanReport small = new TableScanner(SharedSpark.get()).scan(table, "parquet", 40);
    assertEquals(300, small.tableRows());
    assertEquals(40, small.sampledRows());
    assertEquals(40, small.finding("profile.who.mail").values());
  }

  @Test
  void theSuggestionForNestedPathsChecks() throws Exception {
    Path file = dir.resolve("people.conf");
    String text = ConfigSuggestion.render(report, null);
    assertTrue(text.contains("\"profile.who.mail\" { op = mask, preset = email }"), text);
    assertTrue(text.contains("\"profile.who.nick\" = keep"), text);
    assertTrue(text.contains("\"places{}.phone\" { op = mask, preset = phone }"), text);
    assertTrue(text.contains("blob = keep   # not scanned (binary)"), text);
    assertTrue(text.contains("\"`weird.name`\" = keep"), text);
    ConfigSuggestion.write(report, null, file);
    CliRun check = CliRun.of("check", file.toString());
    assertEquals(0, check.code, check::toString);
    assertTrue(Files.readString(file).contains("\"hops[][]\" { op = replace, with = regex"));
  }
}
