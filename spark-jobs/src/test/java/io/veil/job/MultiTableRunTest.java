package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, findings 5 and 6: a run of several tables checks everything it can for all of them
 * before writing the first, and says which tables were published when a later one fails; {@code
 * overwrite} replaces only a table Veil wrote or an empty directory.
 */
class MultiTableRunTest {
  @TempDir static Path dir;
  static String customers;
  static String orders;
  static String key;

  @BeforeAll
  static void inputs() throws IOException {
    SharedSpark.get();
    Path k = dir.resolve("k.key");
    Files.writeString(
        k, java.util.Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'Q'));
    key = "file:" + k;
    customers = SharedSpark.projectDir().resolve("sample-data/customers").toString();
    orders = SharedSpark.projectDir().resolve("sample-data/orders").toString();
  }

  static String table(String name, String in, String out, String extra, String columns) {
    return "  { name = "
        + name
        + ", input { path = \""
        + in
        + "\" }, output { path = \""
        + out
        + "\""
        + extra
        + " },\n"
        + "    unlisted-columns = keep, columns { "
        + columns
        + " } }\n";
  }

  static Path job(String name, String... tables) throws IOException {
    Path f = dir.resolve(name + ".conf");
    Files.writeString(f, "veil {\n  tables = [\n" + String.join(",\n", tables) + "  ]\n}\n");
    return f;
  }

  @Test
  void aBadSecondTableStopsTheRunBeforeTheFirstIsWritten() throws IOException {
    String first = dir.resolve("bad-second/customers").toString();
    Path conf =
        job(
            "bad-second",
            table("customers", customers, first, "", "name = drop"),
            table(
                "orders",
                orders,
                dir.resolve("bad-second/orders").toString(),
                "",
                "no_such_column = drop"));
    CliRun r = CliRun.of("run", conf.toString());
    assertEquals(3, r.code, r::toString);
    assertFalse(Files.exists(Path.of(first)), "nothing written");
  }

  @Test
  void twoTablesWithOneOutputAreRefused() throws IOException {
    String out = dir.resolve("same-output/t").toString();
    Path conf =
        job(
            "same-output",
            table("customers", customers, out, "", "name = drop"),
            table("orders", orders, out, "", "customer_id = keep"));
    CliRun r = CliRun.of("run", conf.toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(
        r.err.contains(
            "Invalid output path for table orders: "
                + out
                + " is also the output of table customers"),
        r.err);
    assertFalse(Files.exists(Path.of(out)));
  }

  @Test
  void anOutputInsideAnotherTablesInputIsRefused() throws IOException {
    Path conf =
        job(
            "into-other-input",
            table("customers", customers, dir.resolve("x/customers").toString(), "", "name = drop"),
            table(
                "orders",
                orders,
                customers + "/../customers",
                ", mode = overwrite",
                "customer_id = keep"));
    CliRun r = CliRun.of("run", conf.toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(r.err.contains("is the input path of table customers"), r.err);
    assertFalse(Files.exists(dir.resolve("x/customers")));
  }

  @Test
  void anUnwritableReportPathStopsTheRunBeforeAnythingIsWritten() throws IOException {
    String first = dir.resolve("report/customers").toString();
    Path conf = job("report", table("customers", customers, first, "", "name = drop"));
    CliRun r =
        CliRun.of(
            "run", conf.toString(), "--report", dir.resolve("no-such-dir/run.json").toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(r.err.contains("Cannot write the report to"), r.err);
    assertFalse(Files.exists(Path.of(first)));
  }

  @Test
  void anOutputThatExistsForASecondTableStopsTheRunBeforeTheFirst() throws IOException {
    String first = dir.resolve("exists/customers").toString();
    Path second = Files.createDirectories(dir.resolve("exists/orders"));
    Files.writeString(second.resolve("data.csv"), "someone else's table");
    Path conf =
        job(
            "exists",
            table("customers", customers, first, "", "name = drop"),
            table("orders", orders, second.toString(), ", mode = overwrite", "customer_id = keep"));
    CliRun r = CliRun.of("run", conf.toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(
        r.err.contains(
            "Cannot replace output "
                + second
                + " of table orders: it holds a directory that is not"
                + " a table Veil wrote"),
        r.err);
    assertFalse(Files.exists(Path.of(first)));
    assertEquals("someone else's table", Files.readString(second.resolve("data.csv")));
  }

  @Test
  void aLaterTableFailingAtWriteTimeSaysWhichTablesWerePublished() throws IOException {
    String first = dir.resolve("partial/customers").toString();
    Path conf = dir.resolve("partial.conf");
    // Decrypting plain text: the plan is valid, the values fail when the table is written.
    Files.writeString(
        conf,
        "veil {\n  keys { k = \""
            + key
            + "\" }\n  tables = [\n"
            + table("customers", customers, first, "", "name = drop")
            + ",\n"
            + table(
                "orders",
                orders,
                dir.resolve("partial/orders").toString(),
                "",
                "status { op = decrypt, key = k, mode = randomized }")
            + "  ]\n}\n");
    CliRun r = CliRun.of("run", conf.toString());
    assertEquals(3, r.code, r::toString);
    assertTrue(r.err.contains("Invalid value in column status of table orders"), r.err);
    assertTrue(
        r.err.contains(
            "Table orders was not published; already published by this run, and left in place:"
                + " customers"),
        r.err);
    assertFalse(r.err.contains("nothing was published"), r.err);
    assertTrue(Files.exists(Path.of(first, "_veil_report.json")));
    assertFalse(Files.exists(dir.resolve("partial/orders")));
    assertEquals(1, r.err.lines().filter(l -> l.startsWith("veil: ")).count(), r.err);
  }

  @Test
  void overwriteReplacesAVeilTableAndAnEmptyDirectoryButNotAFile() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("overwrite/empty"));
    Path conf =
        job(
            "overwrite-empty",
            table("customers", customers, empty.toString(), ", mode = overwrite", "name = drop"));
    assertEquals(0, CliRun.of("run", conf.toString()).code);
    CliRun again = CliRun.of("run", conf.toString());
    assertEquals(0, again.code, again::toString); // now a table Veil wrote

    Path file = dir.resolve("overwrite/a-file");
    Files.writeString(file, "not a table");
    Path onFile =
        job(
            "overwrite-file",
            table("customers", customers, file.toString(), ", mode = overwrite", "name = drop"));
    CliRun r = CliRun.of("run", onFile.toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(r.err.contains("it holds a file, not a table"), r.err);
    assertTrue(r.err.contains("output.replace-foreign = true"), r.err);
    assertEquals("not a table", Files.readString(file));

    Path forced =
        job(
            "overwrite-forced",
            table(
                "customers",
                customers,
                file.toString(),
                ", mode = overwrite, replace-foreign = true",
                "name = drop"));
    CliRun f = CliRun.of("run", forced.toString());
    assertEquals(0, f.code, f::toString);
    assertTrue(Files.exists(file.resolve("_veil_report.json")));
  }
}
