package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import io.veil.ops.DateShift;
import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code op = shift} on two tables of visits, many per person: each person's dates move by one
 * offset in both tables and in two runs, intervals survive, no date keeps its value, and {@code
 * unshift} restores every date.
 */
class ShiftJobTest {
  private static final int PATIENTS = 300;
  private static final int MAX_DAYS = 365;
  @TempDir static Path dir;
  private static SparkSession spark;
  private static byte[] key;
  private static Path keyFile;
  private static String visitsIn;
  private static String labsIn;

  private static final StructType VISITS =
      new StructType()
          .add("visit_id", DataTypes.LongType)
          .add("patient_id", DataTypes.StringType)
          .add("visit_date", DataTypes.DateType)
          .add("admitted_at", DataTypes.TimestampNTZType)
          .add("followups", DataTypes.createArrayType(DataTypes.DateType));

  private static final StructType LABS =
      new StructType()
          .add("lab_id", DataTypes.LongType)
          .add(
              "patient",
              new StructType().add("id", DataTypes.LongType).add("ward", DataTypes.StringType))
          .add("taken", DataTypes.DateType);

  @BeforeAll
  static void tables() throws Exception {
    spark = SharedSpark.get();
    key = new byte[32];
    new Random(11).nextBytes(key);
    keyFile = dir.resolve("pii.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(key));
    Random r = new Random(5);
    List<Row> visits = new ArrayList<>();
    List<Row> labs = new ArrayList<>();
    long id = 0;
    for (int p = 0; p < PATIENTS; p++) {
      LocalDate first = LocalDate.of(2020, 1, 1).plusDays(r.nextInt(1500));
      for (int v = 0; v < 5; v++) {
        LocalDate day = first.plusDays(r.nextInt(400));
        List<Date> followups =
            List.of(Date.valueOf(day.plusDays(7)), Date.valueOf(day.plusDays(30)));
        visits.add(
            RowFactory.create(
                id++,
                Integer.toString(1000 + p),
                Date.valueOf(day),
                day.atTime(8 + r.nextInt(10), r.nextInt(60)),
                v == 4 ? null : followups));
        labs.add(
            RowFactory.create(
                id, RowFactory.create(1000L + p, "w" + r.nextInt(3)), Date.valueOf(day)));
      }
    }
    visits.add(RowFactory.create(id++, "1000", null, null, null)); // no dates: nothing to shift
    visitsIn = dir.resolve("visits").toString();
    labsIn = dir.resolve("labs").toString();
    spark.createDataFrame(visits, VISITS).write().parquet(visitsIn);
    spark.createDataFrame(labs, LABS).write().parquet(labsIn);
  }

  private static Path config(
      String name, String visits, String labs, String op, boolean pseudonymize) throws Exception {
    String extra = "";
    String shift = "{ op = " + op + ", key = pii, max-days = " + MAX_DAYS + extra;
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(
        conf,
        "veil {\n"
            + "  keys { pii = \"file:"
            + keyFile
            + "\" }\n"
            + "  tables = [{\n"
            + "    name = visits\n"
            + "    input { path = \""
            + visits
            + "\" }\n"
            + "    output { path = \""
            + dir.resolve(name + "-visits")
            + "\" }\n"
            + "    unlisted-columns = keep, leak-check = fail\n"
            + "    columns {\n"
            + "      visit_date "
            + shift
            + ", by = patient_id }\n"
            + "      admitted_at "
            + shift
            + ", by = patient_id }\n"
            + "      \"followups[]\" "
            + shift
            + ", by = patient_id }\n"
            + (pseudonymize
                ? "      patient_id { op = replace, with = pseudonym, key = pii }\n"
                : "")
            + "    }\n"
            + "  }, {\n"
            + "    name = labs\n"
            + "    input { path = \""
            + labs
            + "\" }\n"
            + "    output { path = \""
            + dir.resolve(name + "-labs")
            + "\" }\n"
            + "    unlisted-columns = keep\n"
            + "    columns { taken "
            + shift
            + ", by = patient.id } }\n"
            + "  }]\n"
            + "}\n");
    return conf;
  }

  private static Dataset<Row> read(String path) {
    return spark.read().parquet(path);
  }

  private static Map<Long, Row> byId(Dataset<Row> df, String idColumn) {
    Map<Long, Row> m = new HashMap<>();
    for (Row row : df.collectAsList()) {
      m.put(((Number) row.getAs(idColumn)).longValue(), row);
    }
    return m;
  }

  private static long days(Date from, Date to) {
    return ChronoUnit.DAYS.between(from.toLocalDate(), to.toLocalDate());
  }

  @Test
  void everyPersonsDatesMoveByOneKeyedOffsetInBothTablesAndBack() throws Exception {
    CliRun first = CliRun.of("run", config("first", visitsIn, labsIn, "shift", true).toString());
    assertEquals(0, first.code, first::toString);
    CliRun second = CliRun.of("run", config("second", visitsIn, labsIn, "shift", true).toString());
    assertEquals(0, second.code, second::toString);

    Map<Long, Row> before = byId(read(visitsIn), "visit_id");
    Map<Long, Row> after = byId(read(dir.resolve("first-visits").toString()), "visit_id");
    Map<Long, Row> again = byId(read(dir.resolve("second-visits").toString()), "visit_id");
    DateShift expected = new DateShift(KeyMaterial.of(key), 1, MAX_DAYS);
    Map<String, Long> offsets = new HashMap<>();
    for (Map.Entry<Long, Row> e : before.entrySet()) {
      Row in = e.getValue();
      Row out = after.get(e.getKey());
      assertEquals(out, again.get(e.getKey()), "two runs give the same table");
      String person = in.getAs("patient_id");
      assertNotEquals(person, out.getAs("patient_id"), "pseudonymized; the offset used the input");
      Date date = in.getAs("visit_date");
      if (date == null) {
        assertTrue(out.isNullAt(out.fieldIndex("visit_date")));
        continue;
      }
      long offset = days(date, out.getAs("visit_date"));
      assertEquals(expected.offset(person), offset, "the offset of HMAC(key, patient_id)");
      assertTrue(offset != 0 && Math.abs(offset) <= MAX_DAYS, "offset " + offset);
      Long known = offsets.putIfAbsent(person, offset);
      assertEquals(known == null ? offset : known, offset, "one offset per person");
      LocalDateTime admitted = in.getAs("admitted_at");
      LocalDateTime shifted = out.getAs("admitted_at");
      assertEquals(admitted.plusDays(offset), shifted, "timestamps keep their time of day");
      List<Date> followups = in.getList(in.fieldIndex("followups"));
      if (followups != null) {
        List<Date> moved = out.getList(out.fieldIndex("followups"));
        for (int i = 0; i < followups.size(); i++) {
          assertEquals(
              offset,
              days(followups.get(i), moved.get(i)),
              "dates inside arrays too; offset of the output id: "
                  + expected.offset((String) out.getAs("patient_id")));
        }
      }
    }
    assertEquals(PATIENTS, offsets.size());
    assertTrue(offsets.values().stream().distinct().count() > 100, "offsets vary by person");

    // The labs table: the same person (a long inside a struct there) has the same offset.
    Map<Long, Row> labsBefore = byId(read(labsIn), "lab_id");
    Map<Long, Row> labsAfter = byId(read(dir.resolve("first-labs").toString()), "lab_id");
    for (Map.Entry<Long, Row> e : labsBefore.entrySet()) {
      Row in = e.getValue();
      String person = Long.toString(in.getStruct(in.fieldIndex("patient")).getLong(0));
      long offset = days(in.getAs("taken"), labsAfter.get(e.getKey()).getAs("taken"));
      assertEquals(offsets.get(person), offset, "the same offset in both tables");
    }

    // Intervals between one person's visits survive.
    for (Row a : before.values()) {
      for (Row b : before.values()) {
        if (a.getAs("patient_id").equals(b.getAs("patient_id"))
            && a.getAs("visit_date") != null
            && b.getAs("visit_date") != null) {
          Row a2 = after.get((Long) a.getAs("visit_id"));
          Row b2 = after.get((Long) b.getAs("visit_id"));
          assertEquals(
              days(a.getAs("visit_date"), b.getAs("visit_date")),
              days(a2.getAs("visit_date"), b2.getAs("visit_date")));
        }
      }
    }

    // unshift restores every date of a shifted table whose by column is still the input's.
    CliRun plain = CliRun.of("run", config("plain", visitsIn, labsIn, "shift", false).toString());
    assertEquals(0, plain.code, plain::toString);
    CliRun back =
        CliRun.of(
            "run",
            config(
                    "back",
                    dir.resolve("plain-visits").toString(),
                    dir.resolve("plain-labs").toString(),
                    "unshift",
                    false)
                .toString());
    assertEquals(0, back.code, back::toString);
    assertSameRows(read(visitsIn), read(dir.resolve("back-visits").toString()));
    assertSameRows(read(labsIn), read(dir.resolve("back-labs").toString()));
  }

  private static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    Dataset<Row> a =
        actual.select(
            java.util.Arrays.stream(expected.columns())
                .map(actual::col)
                .toArray(org.apache.spark.sql.Column[]::new));
    assertEquals(expected.count(), a.count());
    assertEquals(0, expected.exceptAll(a).count(), "every row restored");
  }

  @Test
  void aNullPersonFailsTheRunWithoutItsValuesOrBecomesNull() throws Exception {
    String in = dir.resolve("nulls").toString();
    spark
        .sql(
            "SELECT 1 AS id, CAST(NULL AS STRING) AS person, DATE'2024-05-06' AS day"
                + " UNION ALL SELECT 2, 'p', DATE'2024-05-07'")
        .write()
        .parquet(in);
    String rule = "day { op = shift, key = pii, by = person, max-days = 30";
    CliRun failed = CliRun.of("run", single("fail", in, rule + " }").toString());
    assertEquals(3, failed.code, failed::toString);
    assertTrue(
        failed.err.contains(
            "Invalid value in column day of table t: person is null, so it has no offset"
                + " (set on-invalid = null to write null instead)"),
        failed::toString);
    assertFalse(failed.err.contains("2024-05-06"), "no cell value in the message");
    assertFalse(Files.exists(dir.resolve("fail-out")), "nothing published");

    CliRun nulled = CliRun.of("run", single("null", in, rule + ", on-invalid = null }").toString());
    assertEquals(0, nulled.code, nulled::toString);
    Map<Long, Row> out = byId(read(dir.resolve("null-out").toString()), "id");
    assertTrue(out.get(1L).isNullAt(out.get(1L).fieldIndex("day")));
    assertNotEquals(Date.valueOf("2024-05-07"), out.get(2L).getAs("day"));
  }

  @Test
  void aByThatIsMissingOrUnderAnArrayIsNamedWithItsLine() throws Exception {
    String rule = "visit_date { op = shift, key = pii, by = nobody, max-days = 30 }";
    CliRun missing = CliRun.of("run", single("missing", visitsIn, rule).toString());
    assertEquals(3, missing.code, missing::toString);
    assertTrue(missing.err.contains("no column nobody in the input"), missing::toString);
    assertTrue(missing.err.contains("missing.conf:"), missing::toString);
  }

  private static Path single(String name, String in, String rule) throws Exception {
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(
        conf,
        "veil {\n  keys { pii = \"file:"
            + keyFile
            + "\" }\n  tables = [{ name = t, input { path = \""
            + in
            + "\" }, output { path = \""
            + dir.resolve(name + "-out")
            + "\" }\n    unlisted-columns = keep\n    columns {\n      "
            + rule
            + "\n    }\n  }]\n}\n");
    return conf;
  }
}
