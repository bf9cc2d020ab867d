package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k-anonymity (fail, suppress) and the leak check on the sample customers. */
class PrivacyChecksTest {
  @TempDir Path dir;

  static final String COLUMNS =
      "customer_id = keep, birth_date { op = truncate, unit = year }, country = keep";

  Path job(String name, String input, String output, String settings, String columns)
      throws Exception {
    Path f = dir.resolve(name + ".conf");
    Files.writeString(
        f,
        "veil { tables = [{ name = customers, input { path = \""
            + input
            + "\" },\n"
            + " output { path = \""
            + output
            + "\" }, unlisted-columns = drop,\n"
            + settings
            + "\n columns { "
            + columns
            + " } }] }\n");
    return f;
  }

  static String sample() {
    return SharedSpark.projectDir().resolve("sample-data/customers").toString();
  }

  @Test
  void smallEquivalenceClassesFailTheRun() throws Exception {
    String out = dir.resolve("fail").toString();
    CliRun r =
        CliRun.of(
            "run",
            job("fail", sample(), out, "quasi-identifiers = [birth_date, country], k = 5", COLUMNS)
                .toString());
    assertEquals(4, r.code, r::toString);
    assertTrue(
        r.err.contains(
            "rows are in equivalence classes smaller than k = 5 over [birth_date, country]"),
        r.err);
    assertFalse(Files.exists(Path.of(out)));
  }

  @Test
  void suppressionDropsThoseRowsAndReportsHowMany() throws Exception {
    SparkSession spark = SharedSpark.get();
    String out = dir.resolve("suppress").toString();
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "suppress",
                    sample(),
                    out,
                    "quasi-identifiers = [birth_date, country], k = 5, enforce = suppress",
                    COLUMNS)
                .toString());
    assertEquals(0, r.code, r::toString);
    JsonNode report = new ObjectMapper().readTree(Path.of(out, "_veil_report.json").toFile());
    JsonNode k = report.get("k_anonymity");
    long suppressed = k.get("suppressed_rows").asLong();
    assertTrue(suppressed > 0, k::toString);
    assertTrue(k.get("smallest_class").asLong() >= 5, k::toString);
    assertEquals(0.0, k.get("share_of_rows_below_k").asDouble());
    Dataset<Row> written = spark.read().parquet(out);
    assertEquals(2000 - suppressed, written.count());
    assertEquals(report.get("rows_in").asLong() - suppressed, report.get("rows_out").asLong());
    long smallest =
        written
            .groupBy("birth_date", "country")
            .count()
            .agg(functions.min("count"))
            .first()
            .getLong(0);
    assertTrue(smallest >= 5);
    assertEquals("passed", report.at("/verification/partition_row_counts").asText());
  }

  /**
   * suppress-cells keeps every row: birth years are nulled first (the first quasi-identifier), then
   * countries, for the rows whose classes stay below k; every class then holds k rows, and the
   * report counts the cells; with max-suppressed too low the run fails and publishes nothing.
   */
  @Test
  void cellSuppressionKeepsEveryRowAndNullsFewValues() throws Exception {
    SparkSession spark = SharedSpark.get();
    String out = dir.resolve("cells").toString();
    String settings =
        "quasi-identifiers = [birth_date, country], k = 5, enforce = suppress-cells,"
            + " max-suppressed = 0.5";
    CliRun r = CliRun.of("run", job("cells", sample(), out, settings, COLUMNS).toString());
    assertEquals(0, r.code, r::toString);
    JsonNode report = new ObjectMapper().readTree(Path.of(out, "_veil_report.json").toFile());
    JsonNode k = report.get("k_anonymity");
    assertEquals("suppress-cells", k.get("enforce").asText());
    assertEquals("passed", k.get("status").asText(), k::toString);
    assertTrue(k.get("smallest_class").asLong() >= 5, k::toString);
    long lost = k.get("rows_with_suppressed_cells").asLong();
    assertTrue(lost > 0, k::toString);
    Dataset<Row> written = spark.read().parquet(out);
    assertEquals(2000, written.count());
    assertEquals(2000, report.get("rows_out").asLong());
    long birthNulled = report.at("/utility/quasi_identifiers/birth_date/cells_suppressed").asLong();
    long countryNulled = report.at("/utility/quasi_identifiers/country/cells_suppressed").asLong();
    assertEquals(lost, birthNulled, report.get("utility")::toString);
    assertTrue(countryNulled < birthNulled, report.get("utility")::toString);
    assertEquals(
        birthNulled + spark.read().parquet(sample()).where("birth_date is null").count(),
        written.where("birth_date is null").count());
    long smallest =
        written
            .groupBy("birth_date", "country")
            .count()
            .agg(functions.min("count"))
            .first()
            .getLong(0);
    assertTrue(smallest >= 5);

    String tight = dir.resolve("tight").toString();
    CliRun failed =
        CliRun.of(
            "run",
            job(
                    "tight",
                    sample(),
                    tight,
                    "quasi-identifiers = [birth_date, country], k = 5, enforce = suppress-cells,"
                        + " max-suppressed = 0.001",
                    COLUMNS)
                .toString());
    assertEquals(4, failed.code, failed::toString);
    assertTrue(failed.err.contains("more than max-suppressed = 0.001"), failed.err);
    assertFalse(Files.exists(Path.of(tight)));
  }

  @Test
  void coarseQuasiIdentifiersPass() throws Exception {
    String out = dir.resolve("coarse").toString();
    CliRun r =
        CliRun.of(
            "run",
            job("coarse", sample(), out, "quasi-identifiers = [country], k = 50", COLUMNS)
                .toString());
    assertEquals(0, r.code, r::toString);
    JsonNode k =
        new ObjectMapper().readTree(Path.of(out, "_veil_report.json").toFile()).get("k_anonymity");
    assertEquals("passed", k.get("status").asText());
    assertEquals(5, k.get("classes").asLong());
  }

  @Test
  void unknownQuasiIdentifierIsADataMismatch() throws Exception {
    CliRun r =
        CliRun.of(
            "check",
            job(
                    "qi",
                    sample(),
                    dir.resolve("qi").toString(),
                    "quasi-identifiers = [zip], k = 5",
                    COLUMNS)
                .toString());
    assertEquals(3, r.code, r::toString);
    assertTrue(r.err.contains("Invalid quasi-identifier zip: no such column in the output"), r.err);
  }

  @Test
  void leakCheckCountsOutputValuesEqualToInputValues() throws Exception {
    SparkSession spark = SharedSpark.get();
    String in = dir.resolve("phones").toString();
    // One input value was masked upstream already: masking the raw phone reproduces it exactly.
    spark
        .sql(
            "SELECT * FROM VALUES (1, '13812345678'), (2, '138****5678'), (3, '13900001111'), (4, NULL) AS t(id, phone)")
        .write()
        .parquet(in);
    String report = dir.resolve("leak-report").toString();
    CliRun ok =
        CliRun.of(
            "run",
            job("leak-report", in, report, "", "id = keep, phone { op = mask, preset = phone }")
                .toString());
    assertEquals(0, ok.code, ok::toString);
    JsonNode leaks =
        new ObjectMapper()
            .readTree(Path.of(report, "_veil_report.json").toFile())
            .get("leak_check");
    assertEquals(1, leaks.get("phone").asLong(), leaks::toString);
    String fail = dir.resolve("leak-fail").toString();
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "leak-fail",
                    in,
                    fail,
                    "leak-check = fail",
                    "id = keep, phone { op = mask, preset = phone }")
                .toString());
    assertEquals(4, r.code, r::toString);
    assertTrue(
        r.err.contains(
            "1 values of phone equal an input value of the same column (leak-check = fail)"),
        r.err);
    assertFalse(r.err.contains("138****5678"), "no value in the message");
    assertFalse(Files.exists(Path.of(fail)));
  }

  /**
   * Issue 20, finding 5: the leak check skipped truncation. String truncation is checked (an output
   * equal to another row's input value publishes that value); date and number truncation, whose
   * equal values are their design, are not.
   */
  @Test
  void leakCheckSkipsTruncation() throws Exception {
    SparkSession spark = SharedSpark.get();
    String in = dir.resolve("postcodes").toString();
    // Truncating 100085 to its district writes 100, which row 2 holds whole.
    spark
        .sql(
            "SELECT * FROM VALUES (1, '100085', DATE'1990-07-15'), (2, '100', DATE'1990-01-01'),"
                + " (3, '200120', DATE'1985-03-02') AS t(id, postcode, d)")
        .write()
        .parquet(in);
    String columns =
        "id = keep, postcode { op = truncate, keep-first = 3 }, d { op = truncate, unit = year }";
    String report = dir.resolve("truncate-report").toString();
    CliRun ok = CliRun.of("run", job("truncate-report", in, report, "", columns).toString());
    assertEquals(0, ok.code, ok::toString);
    JsonNode leaks =
        new ObjectMapper()
            .readTree(Path.of(report, "_veil_report.json").toFile())
            .get("leak_check");
    assertEquals(1, leaks.get("postcode").asLong(), leaks::toString);
    assertFalse(leaks.has("d"), leaks::toString);
    String fail = dir.resolve("truncate-fail").toString();
    CliRun r =
        CliRun.of("run", job("truncate-fail", in, fail, "leak-check = fail", columns).toString());
    assertEquals(4, r.code, r::toString);
    assertTrue(
        r.err.contains("1 values of postcode equal an input value of the same column"), r.err);
    assertFalse(Files.exists(Path.of(fail)));
  }
}
