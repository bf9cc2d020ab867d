package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code op = noise} on a table of 20,000 rows: reproducible, unbiased, clamped, same types. */
class NoiseJobTest {
  private static final int ROWS = 20_000;
  @TempDir static Path dir;
  static SparkSession spark;
  static String in;
  static CliRun first;
  static CliRun second;

  @BeforeAll
  static void runTwice() throws Exception {
    spark = SharedSpark.get();
    byte[] key = new byte[32];
    new Random(21).nextBytes(key);
    Path keyFile = dir.resolve("pii.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
    in = dir.resolve("in").toString();
    spark
        .range(ROWS)
        .selectExpr(
            "id",
            // 499 people and 50 salaries: every (person, salary) pair differs, so each row's noise
            // is its own draw.
            "CAST(id % 499 AS STRING) AS person",
            "CAST(30000 + (id % 50) * 1000 AS INT) AS salary",
            "CAST(((id * 31) % 10000) / 100.0 AS DECIMAL(8,2)) AS amount",
            "CAST(id % 90 AS DOUBLE) AS score",
            "CAST(id % 100 AS SMALLINT) AS age")
        .write()
        .parquet(in);
    first = CliRun.of("run", config(keyFile, "one").toString(), "--report", report("one"));
    second = CliRun.of("run", config(keyFile, "two").toString());
  }

  private static String report(String name) {
    return dir.resolve(name + "-report.json").toString();
  }

  private static Path config(Path keyFile, String name) throws Exception {
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(
        conf,
        "veil {\n  keys { pii = \"file:"
            + keyFile
            + "\" }\n  tables = [{ name = t, input { path = \""
            + in
            + "\" }, output { path = \""
            + dir.resolve(name)
            + "\" }\n    unlisted-columns = keep\n    columns {\n"
            + "      salary { op = noise, key = pii, scale = 500, by = person, round-to = 10 }\n"
            + "      amount { op = noise, key = pii, distribution = gaussian, relative = 0.05 }\n"
            + "      score { op = noise, key = pii, distribution = uniform, scale = 5, min = 0,"
            + " max = 89 }\n"
            + "      age { op = noise, key = pii, scale = 3, min = 0, max = 120 }\n"
            + "    }\n  }]\n}\n");
    return conf;
  }

  private static Dataset<Row> output(String name) {
    return spark.read().parquet(dir.resolve(name).toString());
  }

  @Test
  void twoRunsWriteTheSameValues() {
    assertEquals(0, first.code, first::toString);
    assertEquals(0, second.code, second::toString);
    assertEquals(0, output("one").exceptAll(output("two")).count());
    assertEquals(ROWS, output("one").count());
  }

  @Test
  void typesScalesAndClampsHold() {
    Dataset<Row> out = output("one");
    assertEquals(DataTypes.IntegerType, out.schema().apply("salary").dataType());
    assertEquals(new DecimalType(8, 2), out.schema().apply("amount").dataType());
    assertEquals(DataTypes.ShortType, out.schema().apply("age").dataType());
    assertEquals(0, out.where("salary % 10 <> 0").count(), "rounded to 10");
    assertEquals(0, out.where("score < 0 OR score > 89").count(), "clamped");
    assertEquals(0, out.where("age < 0 OR age > 120").count(), "clamped");
    Dataset<Row> joined =
        spark
            .read()
            .parquet(in)
            .selectExpr("id", "salary AS raw", "score AS raw_score")
            .join(out, "id");
    assertTrue(joined.where("salary <> raw").count() > ROWS * 0.9, "most salaries moved");
    assertTrue(joined.where("abs(score - raw_score) > 5").count() == 0, "uniform within scale");
  }

  @Test
  void meansStayWithinThreeStandardErrors() {
    Row before = spark.read().parquet(in).selectExpr("avg(salary)").first();
    Row after = output("one").selectExpr("avg(salary)").first();
    // Laplace of scale 500: standard deviation 707, standard error 707 / sqrt(20,000) = 5.
    double standardError = 500 * Math.sqrt(2) / Math.sqrt(ROWS);
    assertTrue(
        Math.abs(before.getDouble(0) - after.getDouble(0)) < 3 * standardError,
        before.getDouble(0) + " vs " + after.getDouble(0));
  }

  @Test
  void equalValuesOfDifferentPeopleGetDifferentNoise() {
    Dataset<Row> joined =
        spark.read().parquet(in).selectExpr("id", "salary AS raw").join(output("one"), "id");
    long raws = joined.select("raw").distinct().count();
    long pairs = joined.select("raw", "salary").distinct().count();
    assertTrue(pairs > raws, "one raw salary, several noisy ones: " + raws + " vs " + pairs);
  }

  @Test
  void theReportGivesMeanAndDeviationBeforeAndAfter() throws Exception {
    JsonNode salary =
        new ObjectMapper()
            .readTree(Files.readString(Path.of(report("one"))))
            .findValue("operation_metrics")
            .get("salary");
    assertTrue(salary != null, "operation_metrics.salary");
    for (String m : new String[] {"mean_before", "stddev_before", "mean_after", "stddev_after"}) {
      assertTrue(salary.get(m).isNumber(), m + " in " + salary);
    }
    assertTrue(salary.get("stddev_after").asDouble() > salary.get("stddev_before").asDouble());
  }
}
