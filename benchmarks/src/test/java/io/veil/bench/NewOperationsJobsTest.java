package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import io.veil.ops.Pseudonymizer;
import io.veil.spark.PseudonymOperation;
import io.veil.testing.SharedSpark;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * The bench's shift and noise jobs: each follows the pseudonym of its columns, its baseline, and
 * both are picked by the op's word; they do what veil_shift and veil_noise do (every date of a
 * customer moved by the same 1 to 365 days, salaries noisy, whole thousands, none below 0); the
 * report compares them with the pseudonyms. Timings are not checked.
 */
class NewOperationsJobsTest {
  private static List<BenchJob> jobs() {
    KeyMaterial key = KeyMaterial.random(32);
    return Benchmark.newOperations(key, PseudonymOperation.onBytes(new Pseudonymizer(key, "", 20)));
  }

  @Test
  void eachOperationFollowsThePseudonymOfItsColumnsAndTheWordPicksBoth() {
    List<BenchJob> jobs = jobs();
    assertEquals(
        List.of(
            Benchmark.PSEUDONYM_SHIFTED,
            Benchmark.SHIFT,
            Benchmark.PSEUDONYM_NOISED,
            Benchmark.NOISE),
        jobs.stream().map(j -> j.name).toList());
    assertEquals(Benchmark.PSEUDONYM_SHIFTED, jobs.get(1).baseline);
    assertEquals(Benchmark.PSEUDONYM_NOISED, jobs.get(3).baseline);
    assertTrue(jobs.get(1).columns.startsWith("birth_date, signup_ts by customer_id"));
    assertTrue(jobs.get(0).columns.startsWith("birth_date, signup_ts"));
    for (String word : List.of("shift", "noise")) {
      List<String> picked =
          jobs.stream().map(j -> j.name).filter(n -> Benchmark.selected(n, List.of(word))).toList();
      assertEquals(2, picked.size(), word + ": " + picked);
    }
    assertFalse(Benchmark.textJobsSelected(List.of("shift", "noise")));
  }

  @Test
  void shiftMovesACustomersDatesTogetherAndNoiseKeepsTheSalaryShape() {
    SparkSession spark = SharedSpark.get();
    Dataset<Row> customers =
        spark.sql(
            "SELECT id AS customer_id, date_add(DATE'1980-01-01', CAST(id * 37 % 9000 AS INT)) AS"
                + " birth_date, timestamp_seconds(1600000000 + id * 86400) AS signup_ts,"
                + " CAST(30000 + id * 997 % 90000 AS INT) AS salary FROM range(1, 500)");
    Map<String, BenchJob> jobs = jobs().stream().collect(Collectors.toMap(j -> j.name, j -> j));
    Dataset<Row> shifted = jobs.get(Benchmark.SHIFT).transform.apply(customers);
    assertEquals(customers.schema().asNullable(), shifted.schema().asNullable());
    List<Row> before = customers.orderBy("customer_id").collectAsList();
    List<Row> after = shifted.orderBy("customer_id").collectAsList();
    for (int i = 0; i < before.size(); i++) {
      long days =
          ChronoUnit.DAYS.between(
              before.get(i).getDate(1).toLocalDate(), after.get(i).getDate(1).toLocalDate());
      assertTrue(Math.abs(days) >= 1 && Math.abs(days) <= 365, "moved " + days);
      long signup =
          ChronoUnit.DAYS.between(
              before.get(i).getTimestamp(2).toLocalDateTime().toLocalDate(),
              after.get(i).getTimestamp(2).toLocalDateTime().toLocalDate());
      assertEquals(days, signup, "both dates of one customer move alike");
      assertEquals(before.get(i).getInt(3), after.get(i).getInt(3), "shift leaves the salary");
    }
    Dataset<Row> noisy = jobs.get(Benchmark.NOISE).transform.apply(customers);
    assertEquals(DataTypes.IntegerType, noisy.schema().apply("salary").dataType());
    List<Row> salaries = noisy.orderBy("customer_id").collectAsList();
    int changed = 0;
    for (int i = 0; i < before.size(); i++) {
      int s = salaries.get(i).getInt(3);
      assertEquals(0, s % 1000, "rounded to 1000: " + s);
      assertTrue(s >= 0);
      changed += Math.round(before.get(i).getInt(3) / 1000.0) * 1000 == s ? 0 : 1;
      assertEquals(before.get(i).getDate(1), salaries.get(i).getDate(1), "noise leaves the date");
    }
    assertTrue(changed > before.size() / 4, "noise moved " + changed + " salaries");
    // The baselines write the same columns as text.
    Dataset<Row> pseudonyms = jobs.get(Benchmark.PSEUDONYM_SHIFTED).transform.apply(customers);
    assertEquals(DataTypes.StringType, pseudonyms.schema().apply("birth_date").dataType());
    assertEquals(DataTypes.StringType, pseudonyms.schema().apply("signup_ts").dataType());
    assertEquals(LocalDate.class, before.get(0).getDate(1).toLocalDate().getClass());
  }

  @Test
  void theReportGivesEachOperationsRatioToThePseudonyms() {
    List<Benchmark.Result> results =
        List.of(
            new Benchmark.Result(Benchmark.COPY, "all", null, new double[] {10}),
            new Benchmark.Result(
                Benchmark.PSEUDONYM, "name, email, phone", "spark sha2()", new double[] {16}),
            new Benchmark.Result(
                Benchmark.PSEUDONYM_SHIFTED, "birth_date, signup_ts", null, new double[] {14}),
            new Benchmark.Result(
                Benchmark.SHIFT,
                "birth_date, signup_ts by customer_id",
                Benchmark.PSEUDONYM_SHIFTED,
                new double[] {12}));
    BenchmarkReport report =
        new BenchmarkReport(results, 1_000_000, "4.1.1", "local[2]", 1, 1, 0, 2, null, List.of());
    assertTrue(
        report.table().contains("| veil shift | birth_date, signup_ts by customer_id | 12.00 |"));
    assertTrue(report.table().contains("| 1.20x | 0.86x |"), report.table());
    List<String> lines = report.newOperationLines();
    assertEquals(1, lines.size(), lines.toString()); // noise did not run
    // 2 s over the copy on 2 cores for 2M values: 2,000 ns; the pseudonyms 4,000 and 4,000.
    assertEquals(
        "veil shift (birth_date, signup_ts by customer_id): 0.86x the pseudonym of the same"
            + " columns (target: at most 1.00x), 0.75x veil pseudonym (name, email, phone); over"
            + " the copy, 2,000 ns per value, the same columns' pseudonym 4,000 ns, veil"
            + " pseudonym's 4,000 ns (core-ns)",
        lines.get(0));
  }
}
