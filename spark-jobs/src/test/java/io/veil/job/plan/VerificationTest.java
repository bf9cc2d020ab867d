package io.veil.job.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.job.config.JobConfig;
import io.veil.job.config.JobConfigLoader;
import io.veil.job.report.TableReport;
import io.veil.job.rewrite.MeasuredWrite;
import io.veil.job.verify.VerificationFailedException;
import io.veil.job.verify.Verifier;
import io.veil.spark.ColumnAction;
import io.veil.spark.ColumnPath;
import io.veil.spark.StringOperation;
import io.veil.spark.op.OperationSettings;
import io.veil.spark.op.Operations;
import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each verification check catches the damage it is for, and names it without values. */
class VerificationTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static Dataset<Row> input;
  static io.veil.job.config.TableConfig table;

  @BeforeAll
  static void data() throws Exception {
    spark = SharedSpark.get();
    String in = dir.resolve("in").toString();
    spark
        .sql(
            "SELECT id, concat('secret-', id) AS name, named_struct('city', 'c' || (id % 3), 'zip', '1000') AS address,"
                + " cast(id % 2 AS string) AS part FROM range(100)")
        .write()
        .partitionBy("part")
        .parquet(in);
    input = spark.read().parquet(in);
    Path conf = dir.resolve("job.conf");
    Files.writeString(
        conf,
        "veil { tables = [{ name = t, input { path = \""
            + in
            + "\" }, output { path = \""
            + dir.resolve("out")
            + "\" }, unlisted-columns = keep, columns { name = keep } }] }");
    JobConfig c = JobConfigLoader.load(conf);
    table = c.tables().get(0);
  }

  /** A plan whose name column goes through {@code op}; the rest kept. */
  static TablePlan plan(UDF1<String, String> function, boolean promise) {
    return plan(input, function, promise);
  }

  /** A plan over {@code rows} whose name column goes through {@code op}; the rest kept. */
  static TablePlan plan(Dataset<Row> rows, UDF1<String, String> function, boolean promise) {
    Map<ColumnPath, ColumnAction> rules = new LinkedHashMap<>();
    StringOperation op =
        new StringOperation("mask", "veil_test", function, promise ? c -> c.isNotNull() : null);
    OperationSettings settings =
        Operations.fromRecord(Map.of("op", "mask", "char", "*", "keep-first", 0, "keep-last", 0));
    rules.put(ColumnPath.parse("name"), ColumnAction.transform(settings, op));
    rules.put(ColumnPath.parse("address.zip"), ColumnAction.transform(settings, op));
    return new TablePlan(table, rows, rules, List.of("part"), "snappy", Map.of(), Map.of());
  }

  static String verify(TablePlan plan, UnaryOperator<Dataset<Row>> damage) {
    MeasuredWrite write = new MeasuredWrite(plan);
    String staging = dir.resolve("staging-" + System.nanoTime()).toString();
    damage.apply(write.rows()).write().partitionBy("part").parquet(staging);
    TableReport report = new TableReport(plan, "run", "digest");
    try {
      Dataset<Row> written = spark.read().schema(write.rows().schema()).parquet(staging);
      new Verifier(spark).verify(plan, written, write.measurements(), report);
      return null;
    } catch (VerificationFailedException e) {
      assertEquals("failed", ((Map<?, ?>) report.toMap().get("verification")).get("status"));
      return e.getMessage();
    } finally {
      spark.sparkContext().setJobDescription(null); // the job runner clears it after each table
    }
  }

  @Test
  void aGoodWritePasses() {
    assertEquals(null, verify(plan(s -> "x" + s, true), d -> d));
  }

  @Test
  void missingRowsFail() {
    String m = verify(plan(s -> "x" + s, true), d -> d.where("id <> 7"));
    assertTrue(m.contains("100 rows read but 99 written"), m);
    assertTrue(m.contains("output partitions have a different row count"), m);
    assertTrue(m.startsWith("Verification failed for table t, nothing published"), m);
  }

  @Test
  void aChangedKeptColumnFailsItsChecksum() {
    String m =
        verify(plan(s -> "x" + s, true), d -> d.withColumn("id", functions.col("id").plus(1)));
    assertTrue(m.contains("column id was to be kept as it was but its checksum changed"), m);
    String nested =
        verify(
            plan(s -> "x" + s, true),
            d ->
                d.withColumn(
                    "address",
                    functions.col("address").withField("city", functions.lit("elsewhere"))));
    assertTrue(nested.contains("column address.city was to be kept as it was"), nested);
  }

  @Test
  void unchangedValuesFailWhereTheOpPromisedChange() {
    String m = verify(plan(s -> s, true), d -> d);
    assertTrue(m.contains("100 values of name were not changed by mask"), m);
    assertTrue(m.contains("100 values of address.zip were not changed by mask"), m);
    assertFalse(m.contains("secret-"), "no value in the message");
    assertEquals(null, verify(plan(s -> s, false), d -> d), "no promise, no failure");
  }

  @Test
  void columnsNamedLikeTheWritesOwnHelpersAreWrittenAndChecked() {
    // The write adds input values and hashes beside the output's columns, named __veil_...
    Dataset<Row> odd =
        input
            .withColumn("__veil_in_0", functions.concat(functions.lit("n"), functions.col("id")))
            .withColumn("__VEIL_hash_0", functions.col("id").plus(1));
    TablePlan plan = plan(odd, s -> "x" + s, true);
    assertEquals(null, verify(plan, d -> d));
    String m =
        verify(plan, d -> d.withColumn("__VEIL_hash_0", functions.col("__VEIL_hash_0").plus(1)));
    assertTrue(m.contains("column __VEIL_hash_0 was to be kept as it was"), m);
    assertEquals("___veil_", HelperColumns.prefix(odd.columns()));
  }

  /**
   * Under a collation that ignores case, an op that changes only the case still changed the value:
   * unchanged means the same bytes, as the ops promise.
   */
  @Test
  void aValueChangedOnlyInCaseIsChangedUnderACaseInsensitiveCollation() {
    Dataset<Row> collated =
        input.withColumn("name", functions.expr("concat('N', id) COLLATE UTF8_LCASE"));
    assertEquals(
        "STRING COLLATE UTF8_LCASE", collated.schema().apply("name").dataType().sql(), "collated");
    // name: "N5" becomes "n5"; address.zip (no letters) gets a prefix.
    UDF1<String, String> lowerOrPrefixed = s -> s.startsWith("N") ? s.toLowerCase() : "x" + s;
    assertEquals(null, verify(plan(collated, lowerOrPrefixed, true), d -> d));
    String m = verify(plan(collated, s -> s, true), d -> d);
    assertTrue(m.contains("100 values of name were not changed by mask"), m);
  }
}
