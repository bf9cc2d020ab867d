package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short values through the job (issue 20, findings 4 and 5): masks and string truncation never
 * publish a value that keeping its ends would show nearly whole, and the job's verification that
 * promised values changed still passes.
 */
class ShortValuesJobTest {
  @TempDir static Path dir;
  static String input;

  @BeforeAll
  static void data() {
    SparkSession spark = SharedSpark.get();
    input = dir.resolve("people").toString();
    spark
        .sql(
            "SELECT * FROM VALUES (1, 'Li', '12345678', '13812345678'), (2, 'Lag', '13812345678', '1234'),"
                + " (3, 'Zhang Wei', '+86 138-1234-5678', '***'), (4, '', '', ''), (5, NULL, NULL, NULL)"
                + " AS t(id, name, phone, code)")
        .write()
        .parquet(input);
  }

  static Path job(String name, String columns) throws Exception {
    Path f = dir.resolve(name + ".conf");
    Files.writeString(
        f,
        "veil { tables = [{ name = people, input { path = \""
            + input
            + "\" },\n"
            + " output { path = \""
            + dir.resolve(name)
            + "\" }\n columns { id = keep\n"
            + columns
            + "\n } }] }\n");
    return f;
  }

  /** Column values by id. */
  static Map<Integer, String> read(String name, String column) {
    Map<Integer, String> m = new TreeMap<>();
    for (Row r :
        SharedSpark.get()
            .read()
            .parquet(dir.resolve(name).toString())
            .select("id", column)
            .collectAsList()) {
      m.put(r.getInt(0), r.isNullAt(1) ? null : r.getString(1));
    }
    return m;
  }

  @Test
  void masksHideTooLittleOnShortValues() throws Exception {
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "masks",
                    "name { op = mask, keep-first = 1, keep-last = 1 }\n"
                        + "phone { op = mask, preset = phone }\n code { op = mask, keep-first = 3, keep-last = 4 }")
                .toString());
    assertEquals(0, r.code, r::toString);
    assertEquals(List.of("**", "***", "Z*******i", "", "null"), values(read("masks", "name")));
    assertEquals(
        List.of("********", "138****5678", "+86 1**-****-5678", "", "null"),
        values(read("masks", "phone")));
    assertEquals(List.of("138****5678", "****", "***", "", "null"), values(read("masks", "code")));
  }

  @Test
  void stringTruncationPublishesShortValuesUnchanged() throws Exception {
    CliRun r =
        CliRun.of(
            "run",
            job(
                    "truncate",
                    "name { op = truncate, keep-first = 1, keep-last = 1 }\n"
                        + "phone = drop\n code = drop")
                .toString());
    assertEquals(0, r.code, r::toString);
    // By default (on-invalid = mask) a value no longer than what is kept is masked whole.
    assertEquals(List.of("**", "Lg", "Zi", "", "null"), values(read("truncate", "name")));

    r =
        CliRun.of(
            "run",
            job(
                    "truncate-null",
                    "name { op = truncate, keep-first = 1, keep-last = 1,"
                        + " on-invalid = null }\n phone = drop\n code = drop")
                .toString());
    assertEquals(0, r.code, r::toString);
    assertEquals(List.of("null", "Lg", "Zi", "", "null"), values(read("truncate-null", "name")));

    r =
        CliRun.of(
            "run",
            job(
                    "truncate-fail",
                    "name { op = truncate, keep-first = 1, keep-last = 1,"
                        + " on-invalid = fail }\n phone = drop\n code = drop")
                .toString());
    assertEquals(3, r.code, r::toString);
    assertTrue(
        r.err.contains(
            "Invalid value in column name of table people: it has no more characters than"
                + " truncation keeps (2)"),
        r.err);
    assertFalse(r.err.contains("Li"), r.err);
    assertFalse(Files.exists(dir.resolve("truncate-fail")));
  }

  private static List<String> values(Map<Integer, String> byId) {
    return byId.values().stream().map(String::valueOf).toList();
  }
}
