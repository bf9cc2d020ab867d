package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The census table is what its generator promises (a person's visits share their quasi-identifiers;
 * the same seed gives the same rows), and the census jobs run as whole Veil jobs that pass:
 * generalize reaches k = 5 and l = 2 within 1% suppressed, the measures pass per person. Timings
 * are not checked.
 */
class CensusBenchTest {
  @Test
  void aPersonsVisitsShareTheirQuasiIdentifiersAndTheSeedFixesTheRows() {
    SparkSession spark = SharedSpark.get();
    Dataset<Row> t = CensusGenerator.table(spark, 5000, 7, 2);
    assertEquals(List.of(CensusGenerator.COLUMNS), List.of(t.columns()));
    assertEquals(5000, t.count());
    Row r =
        t.agg(
                functions.countDistinct(functions.col("person_id")),
                functions.min("age"),
                functions.max("age"),
                functions.min(functions.length(functions.col("zip"))),
                functions.max(functions.length(functions.col("zip"))),
                functions.countDistinct(functions.col("diagnosis")),
                functions.sum(functions.when(functions.col("diagnosis").isNull(), 1).otherwise(0)))
            .first();
    assertEquals(3125, r.getLong(0)); // 5000 / 1.6
    assertTrue(r.getInt(1) >= 0 && r.getInt(2) == 90, r.toString());
    assertEquals(5, r.getInt(3));
    assertEquals(5, r.getInt(4));
    assertEquals(CensusGenerator.DIAGNOSES.length, r.getLong(5));
    assertEquals(0, r.getLong(6));
    long inconsistent =
        t.groupBy("person_id")
            .agg(
                functions.countDistinct(
                    functions.col("age"), functions.col("zip"), functions.col("sex")))
            .where("`count(DISTINCT age, zip, sex)` > 1")
            .count();
    assertEquals(0, inconsistent);
    assertEquals(
        t.orderBy("person_id", "diagnosis", "cost").collectAsList(),
        CensusGenerator.table(spark, 5000, 7, 3)
            .orderBy("person_id", "diagnosis", "cost")
            .collectAsList());
  }

  @Test
  void theCensusJobsRunAsWholeVeilJobsThatPass(@TempDir Path dir) {
    SparkSession spark = SharedSpark.get();
    String data = dir.resolve("data").toString();
    CensusBench.generate(spark, data, CensusBench.MIN_ROWS);
    assertEquals(
        CensusBench.MIN_ROWS, spark.read().parquet(data + "/" + CensusBench.TABLE).count());
    Benchmark bench = new Benchmark(spark, data, dir.resolve("scratch").toString(), 1);
    CensusBench census = new CensusBench(spark, data, dir.resolve("scratch").toString());
    census.addTo(bench, List.of("census"));
    bench.run(new PrintStream(new ByteArrayOutputStream(), true));
    assertEquals(
        List.of(CensusBench.COPY, CensusBench.GENERALIZE, CensusBench.MEASURES),
        bench.results().stream().map(r -> r.name).toList());
    List<String> lines = census.lines();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("k_anonymity passed"), lines.get(0));
    assertTrue(lines.get(0).contains("l_diversity passed"), lines.get(0));
    assertTrue(lines.get(0).contains("of 40 nodes"), lines.get(0));
    long suppressed =
        Long.parseLong(lines.get(0).replaceAll(".*levels \\{[^}]*\\}, (\\d+) of .*", "$1"));
    assertTrue(suppressed <= CensusBench.MIN_ROWS / 100, lines.get(0));
    assertTrue(lines.get(1).startsWith(CensusBench.MEASURES + ": smallest class "), lines.get(1));
    // Their ratios are to the census table's copy, in the "vs copy" column.
    String table =
        new BenchmarkReport(bench.results(), 1000, "4.1.1", "local[2]", 1, 1, 0, 2, null, lines)
            .table();
    assertTrue(
        table.matches(
            "(?s).*\\| "
                + java.util.regex.Pattern.quote(CensusBench.GENERALIZE)
                + " \\|[^\n]*\\| [0-9.]+x \\| - \\|.*"),
        table);
    assertTrue(CensusBench.selected(List.of(), CensusBench.MIN_ROWS));
    assertTrue(!CensusBench.selected(List.of(), CensusBench.MIN_ROWS - 1));
    assertTrue(CensusBench.alone(List.of("census generalize")));
    assertTrue(!CensusBench.alone(List.of("census", "pseudonym")));
  }
}
