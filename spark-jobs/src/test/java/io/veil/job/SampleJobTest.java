package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.spark.ColumnRewriter;
import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.Metadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample job end to end on embedded Spark, through the CLI as a user runs it. */
class SampleJobTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static String out1;
  static String out2;
  static CliRun first;

  /** What Spark was told each job of the first run is, as its UI and event log show it. */
  static final List<String> jobDescriptions = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void runTwice() throws Exception {
    spark = SharedSpark.get();
    out1 = dir.resolve("run1").toString();
    out2 = dir.resolve("run2").toString();
    SparkListener descriptions =
        new SparkListener() {
          @Override
          public void onJobStart(SparkListenerJobStart job) {
            String d =
                job.properties() == null
                    ? null
                    : job.properties().getProperty("spark.job.description");
            if (d != null) {
              jobDescriptions.add(d);
            }
          }
        };
    spark.sparkContext().addSparkListener(descriptions);
    first =
        CliRun.of(
            "run",
            SampleJob.config(dir, out1).toString(),
            "--report",
            dir.resolve("report.json").toString());
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().removeSparkListener(descriptions);
    assertEquals(0, first.code, first::toString);
    CliRun second = CliRun.of("run", SampleJob.config(dir, out2).toString());
    assertEquals(0, second.code, second::toString);
  }

  @Test
  void sparkJobsAreDescribedByTableAndStage() {
    for (String table : List.of("customers", "orders")) {
      for (String stage : List.of("write", "leak check filters", "verify what was written")) {
        assertTrue(
            jobDescriptions.contains("veil " + table + ": " + stage),
            () -> table + " " + stage + ": " + jobDescriptions);
      }
    }
    assertTrue(
        jobDescriptions.contains("veil customers: row counts per partition"),
        jobDescriptions::toString);
    assertTrue(
        jobDescriptions.stream().allMatch(d -> d.matches("veil (customers|orders): [a-z -]+")),
        jobDescriptions::toString);
    assertNull(
        spark.sparkContext().getLocalProperty("spark.job.description"), "cleared after the run");
  }

  static Dataset<Row> input(String table) {
    return spark
        .read()
        .parquet(SharedSpark.projectDir().resolve("sample-data").resolve(table).toString());
  }

  static Dataset<Row> output(String base, String table) {
    return spark.read().parquet(base + "/" + table);
  }

  @Test
  void rowsOutEqualRowsInAndColumnOrderIsKept() {
    for (String table : List.of("customers", "orders")) {
      Dataset<Row> in = input(table);
      Dataset<Row> out = output(out1, table);
      assertEquals(in.count(), out.count(), table);
      assertTrue(in.count() >= 1000, table);
    }
    List<String> expected =
        Arrays.stream(input("customers").columns()).collect(Collectors.toList());
    assertEquals(expected, Arrays.asList(output(out1, "customers").columns()));
  }

  @Test
  void keptColumnsAreIdentical() {
    Column[] kept = {
      functions.col("customer_id"),
      functions.col("tags"),
      functions.col("country"),
      functions.col("address.city")
    };
    Dataset<Row> in = input("customers").select(kept);
    Dataset<Row> out = output(out1, "customers").select(kept);
    assertEquals(0, in.exceptAll(out).count());
    assertEquals(0, out.exceptAll(in).count());
  }

  @Test
  void pseudonymsJoinAcrossTablesAndRuns() {
    Dataset<Row> customers = output(out1, "customers").select("customer_id", "email");
    Dataset<Row> orders = output(out1, "orders").select("customer_id", "email");
    Dataset<Row> mismatched =
        orders
            .join(customers.withColumnRenamed("email", "c_email"), "customer_id")
            .where("email <> c_email");
    assertEquals(0, mismatched.count());
    assertEquals(
        orders.where("email is not null").count(),
        orders.join(customers.select("email").distinct(), "email").count());
    Dataset<Row> again =
        output(out2, "customers").select("customer_id", "email").withColumnRenamed("email", "e2");
    assertEquals(0, customers.join(again, "customer_id").where("email <> e2").count());
    Row sample = customers.where("email is not null").first();
    assertTrue(sample.getString(1).matches("user_[0-9a-f]{20}"), sample.getString(1));
    assertEquals(
        0,
        customers
            .join(
                input("customers").select("customer_id", "email").withColumnRenamed("email", "raw"),
                "customer_id")
            .where("email = raw")
            .count());
  }

  @Test
  void rerunsGiveByteIdenticalValuesAndTheSameConfigDigest() throws Exception {
    for (String table : List.of("customers", "orders")) {
      // Maps cannot be compared by set operations: compare them as JSON.
      Dataset<Row> a = output(out1, table);
      Dataset<Row> b = output(out2, table);
      if (table.equals("customers")) {
        a = a.withColumn("attributes", functions.to_json(functions.col("attributes")));
        b = b.withColumn("attributes", functions.to_json(functions.col("attributes")));
      }
      assertEquals(0, a.exceptAll(b).count(), table);
      assertEquals(0, b.exceptAll(a).count(), table);
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode r1 = json.readTree(Path.of(out1, "customers", "_veil_report.json").toFile());
    JsonNode r2 = json.readTree(Path.of(out2, "customers", "_veil_report.json").toFile());
    // The two runs used configs differing only in their output paths, so compare a rerun of one.
    CliRun again = CliRun.of("run", SampleJob.config(dir, out1).toString());
    assertEquals(0, again.code, again::toString);
    JsonNode r3 = json.readTree(Path.of(out1, "customers", "_veil_report.json").toFile());
    assertNotEquals(r1.get("run_id").asText(), r3.get("run_id").asText());
    assertEquals(r1.get("config_digest").asText(), r3.get("config_digest").asText());
    assertNotEquals(r1.get("config_digest").asText(), r2.get("config_digest").asText());
  }

  @Test
  void masksAndGeneralizesValues() {
    Row r =
        output(out1, "customers")
            .where("phone is not null and name is not null")
            .orderBy("customer_id")
            .first();
    Row raw = input("customers").where("customer_id = " + r.getAs("customer_id")).first();
    String phone = r.getAs("phone");
    assertEquals(((String) raw.getAs("phone")).length(), phone.length());
    assertTrue(phone.contains("****"), phone);
    String name = r.getAs("name");
    assertTrue(name.matches("[Xx *]+"), name); // Chinese and Latin names alike
    Dataset<Row> dates =
        output(out1, "customers")
            .select(functions.dayofyear(functions.col("birth_date")).as("d"))
            .where("d <> 1");
    assertEquals(0, dates.count());
    assertEquals(0, output(out1, "customers").where("salary % 1000 <> 0").count());
  }

  /** signup_ts and order_ts move by one offset per customer: the time to each order survives. */
  @Test
  void shiftedDatesKeepEachCustomersIntervals() {
    Dataset<Row> before = intervals(input("customers"), input("orders"));
    Dataset<Row> after = intervals(output(out1, "customers"), output(out1, "orders"));
    assertTrue(before.count() >= 1000);
    assertEquals(0, before.exceptAll(after).count());
    assertEquals(0, after.exceptAll(before).count());
    Dataset<Row> unmoved =
        input("customers")
            .select(functions.col("customer_id"), functions.col("signup_ts").as("raw"))
            .join(output(out1, "customers").select("customer_id", "signup_ts"), "customer_id")
            .where("raw = signup_ts");
    assertEquals(0, unmoved.count(), "no signup date keeps its value");
  }

  /** The notes keep their words; the e-mails and phones written in them are gone. */
  @Test
  void notesAreRedactedNotDropped() {
    Dataset<Row> joined =
        input("customers")
            .select(
                functions.col("customer_id"),
                functions.col("notes").as("raw"),
                functions.col("email"),
                functions.col("phone"))
            .join(output(out1, "customers").select("customer_id", "notes"), "customer_id");
    assertEquals(
        0,
        joined
            .where(
                "(email IS NOT NULL AND instr(notes, email) > 0)"
                    + " OR (phone IS NOT NULL AND instr(notes, phone) > 0)")
            .count(),
        "no note keeps its row's e-mail or phone");
    assertTrue(joined.where("notes LIKE '%[EMAIL]%'").count() > 10);
    assertTrue(joined.where("notes LIKE '%[PHONE]%'").count() > 10);
    assertEquals(
        joined.where("instr(raw, '@') = 0 AND NOT raw rlike '[0-9]'").count(),
        joined.where("instr(raw, '@') = 0 AND NOT raw rlike '[0-9]' AND notes = raw").count(),
        "notes without an e-mail or any digit are unchanged");
  }

  /** Per order: its id and the seconds from its customer's signup to it. */
  private static Dataset<Row> intervals(Dataset<Row> customers, Dataset<Row> orders) {
    return orders
        .select("order_id", "customer_id", "order_ts")
        .join(customers.select("customer_id", "signup_ts"), "customer_id")
        .select(
            functions.col("order_id"),
            functions
                .unix_timestamp(functions.col("order_ts"))
                .minus(functions.unix_timestamp(functions.col("signup_ts")))
                .as("seconds"));
  }

  @Test
  void partitioningCompressionMetadataAndReport() throws Exception {
    Path customers = Path.of(out1, "customers");
    assertTrue(
        Files.list(customers).anyMatch(p -> p.getFileName().toString().startsWith("country=")));
    assertTrue(Files.walk(customers).anyMatch(p -> p.toString().endsWith(".snappy.parquet")));
    Metadata m =
        output(out1, "customers")
            .schema()
            .apply("email")
            .metadata()
            .getMetadata(ColumnRewriter.METADATA_KEY);
    Metadata t = m.getMetadataArray("transforms")[0];
    assertEquals("pseudonym", t.getString("with"));
    assertEquals("demo-only-pii", t.getString("key"));
    assertEquals(1, t.getLong("key_version"));
    assertEquals("string", t.getString("original_type"));
    JsonNode report = new ObjectMapper().readTree(customers.resolve("_veil_report.json").toFile());
    assertEquals(input("customers").count(), report.get("rows_in").asLong());
    assertEquals(report.get("rows_in").asLong(), report.get("rows_out").asLong());
    assertEquals("published", report.get("status").asText());
    JsonNode run = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertEquals(2, run.get("tables").size());
    assertTrue(run.get("config_digest").asText().startsWith("sha256:"));
    assertTrue(first.out.contains("customers"), first.out);
  }

  @Test
  void noStagingLeftovers() throws Exception {
    assertFalse(
        Files.list(Path.of(out1)).anyMatch(p -> p.getFileName().toString().startsWith(".")));
  }

  @Test
  void dryRunWritesNothing() {
    String out = dir.resolve("dry").toString();
    CliRun r = CliRun.of("run", SampleJob.config(dir, out).toString(), "--dry-run");
    assertEquals(0, r.code, r::toString);
    assertTrue(r.out.contains("dry run: nothing was read or written"), r.out);
    assertTrue(r.out.contains("email"), r.out);
    assertFalse(Files.exists(Path.of(out)));
  }

  @Test
  void unlistedColumnExits3NamingIt() {
    String out = dir.resolve("unlisted").toString();
    Path conf = SampleJob.config(dir, out, t -> t.replace(SampleJob.NOTES_RULE, ""));
    CliRun r = CliRun.of("run", conf.toString());
    assertEquals(3, r.code, r::toString);
    assertTrue(r.err.contains("Unlisted column notes"), r.err);
    assertTrue(r.err.contains("table customers"), r.err);
    assertFalse(Files.exists(Path.of(out)));
  }

  @Test
  void outputInsideInputIsRefused() {
    Path sample = SharedSpark.projectDir().resolve("sample-data");
    Path conf = SampleJob.config(dir, sample.resolve("customers") + "/anonymized");
    CliRun r = CliRun.of("check", conf.toString());
    assertEquals(2, r.code, r::toString);
    assertTrue(r.err.contains("is inside the input path"), r.err);
    CliRun same =
        CliRun.of(
            "run",
            SampleJob.config(
                    dir,
                    "x",
                    t -> t.replace("\"x/customers\"", "\"" + sample.resolve("customers") + "\""))
                .toString());
    assertEquals(2, same.code, same::toString);
    assertTrue(same.err.contains("is the input path"), same.err);
  }

  @Test
  void checkReadsNoRowsAndReportsValid() {
    CliRun r =
        CliRun.of("check", SampleJob.config(dir, dir.resolve("check").toString()).toString());
    assertEquals(0, r.code, r::toString);
    assertTrue(r.out.contains("is valid"), r.out);
    assertFalse(Files.exists(dir.resolve("check")));
    assertNotEquals("", r.out);
  }
}
