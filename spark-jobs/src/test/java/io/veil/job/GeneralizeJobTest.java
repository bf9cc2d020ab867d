package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code op = generalize}: bands, ages, prefixes and an ARX-format hierarchy file. */
class GeneralizeJobTest {
  static final Path PROJECT = Paths.get(System.getProperty("veil.project.dir", ".."));
  static final Path ZIP =
      PROJECT.resolve("spark-jobs/src/test/resources/hierarchies/zip.csv").toAbsolutePath();
  @TempDir static Path dir;
  static SparkSession spark;
  static String in;
  static CliRun run;

  @BeforeAll
  static void generalize() throws Exception {
    spark = SharedSpark.get();
    in = dir.resolve("in").toString();
    List<String> zips =
        Files.readAllLines(ZIP).stream()
            .filter(l -> !l.isBlank())
            .map(l -> l.split(";")[0])
            .toList();
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < zips.size(); i++) {
      values
          .append(i == 0 ? "" : ", ")
          .append("(")
          .append(i)
          .append(", ")
          .append(i % 100)
          .append(", DATE'1950-01-01' + ")
          .append(i * 61)
          .append(", '")
          .append(zips.get(i))
          .append("', ")
          .append(zips.get(i))
          .append(", CAST(")
          .append(i)
          .append(" / 7.0 AS DECIMAL(9,3)))");
    }
    spark
        .sql("SELECT * FROM VALUES " + values + " AS t(id, age, birth, postcode, zip, score)")
        .write()
        .parquet(in);
    Path conf = dir.resolve("job.conf");
    Files.writeString(
        conf,
        "veil {\n  tables = [{ name = t, input { path = \""
            + in
            + "\" }, output { path = \""
            + dir.resolve("out")
            + "\" }\n    unlisted-columns = keep\n    columns {\n"
            + "      age { op = generalize, bands = [0, 18, 25, 35, 50, 65] }\n"
            + "      birth { op = generalize, bands = [0, 18, 30, 45, 65],"
            + " reference-date = \"2026-01-01\", labels = false }\n"
            + "      postcode { op = generalize, keep-first = 3 }\n"
            + "      zip { op = generalize, hierarchy = \""
            + ZIP
            + "\", level = 2 }\n"
            + "      score { op = generalize, bands = [0, 2.5, 10], labels = false }\n"
            + "    }\n  }]\n}\n");
    run = CliRun.of("run", conf.toString());
  }

  private static Map<Long, Row[]> joined() {
    Dataset<Row> before = spark.read().parquet(in);
    Dataset<Row> after = spark.read().parquet(dir.resolve("out").toString());
    Map<Long, Row[]> m = new HashMap<>();
    for (Row r : before.collectAsList()) {
      m.put(((Number) r.getAs("id")).longValue(), new Row[] {r, null});
    }
    for (Row r : after.collectAsList()) {
      m.get(((Number) r.getAs("id")).longValue())[1] = r;
    }
    return m;
  }

  @Test
  void everyFormWritesItsDocumentedValues() throws Exception {
    assertEquals(0, run.code, run::toString);
    Dataset<Row> out = spark.read().parquet(dir.resolve("out").toString());
    assertEquals(DataTypes.StringType, out.schema().apply("age").dataType());
    assertEquals(DataTypes.IntegerType, out.schema().apply("birth").dataType());
    assertEquals(DataTypes.StringType, out.schema().apply("zip").dataType());
    Map<String, String> zipLevel2 = new HashMap<>();
    for (String line : Files.readAllLines(ZIP)) {
      if (!line.isBlank()) {
        String[] c = line.split(";");
        zipLevel2.put(c[0], c[2]);
      }
    }
    for (Row[] pair : joined().values()) {
      Row a = pair[0];
      Row b = pair[1];
      int age = a.getAs("age");
      String band =
          age < 18
              ? "0-17"
              : age < 25
                  ? "18-24"
                  : age < 35 ? "25-34" : age < 50 ? "35-49" : age < 65 ? "50-64" : "65+";
      assertEquals(band, b.getAs("age"));
      String postcode = a.getAs("postcode");
      assertEquals(postcode.substring(0, 3) + "**", b.getAs("postcode"));
      assertEquals(zipLevel2.get(Integer.toString(a.getAs("zip"))), b.getAs("zip"), "ARX level 2");
      int years =
          java.time.Period.between(
                  ((java.sql.Date) a.getAs("birth")).toLocalDate(),
                  java.time.LocalDate.of(2026, 1, 1))
              .getYears();
      int lower = years < 18 ? 0 : years < 30 ? 18 : years < 45 ? 30 : years < 65 ? 45 : 65;
      assertEquals(lower, (int) b.getAs("birth"), "age band's lower bound");
      double score = ((java.math.BigDecimal) a.getAs("score")).doubleValue();
      double scoreLower = score < 2.5 ? 0 : score < 10 ? 2.5 : 10;
      assertEquals(scoreLower, ((java.math.BigDecimal) b.getAs("score")).doubleValue(), 1e-9);
    }
  }

  @Test
  void aValueBelowTheBandsFailsNamingTheColumnNotTheValue() throws Exception {
    Path conf = dir.resolve("below.conf");
    Files.writeString(
        conf,
        "veil {\n  tables = [{ name = t, input { path = \""
            + in
            + "\" }, output { path = \""
            + dir.resolve("below-out")
            + "\" }\n    unlisted-columns = keep\n    columns {\n"
            + "      age { op = generalize, bands = [10, 20] }\n"
            + "    }\n  }]\n}\n");
    CliRun r = CliRun.of("run", conf.toString());
    assertEquals(3, r.code, r::toString);
    assertTrue(
        r.err.contains(
            "Invalid value in column age of table t: it is below the first band (10)"
                + " (set on-invalid = null to write null instead)"),
        r::toString);
    assertFalse(Files.exists(dir.resolve("below-out")));
    // Nothing staged is left, not even by a task Spark was still killing when the job failed.
    assertFalse(Files.exists(dir.resolve(".veil-staging")));
  }
}
