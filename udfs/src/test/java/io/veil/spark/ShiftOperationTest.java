package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import io.veil.ops.DateShift;
import io.veil.testing.SharedSpark;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timestamps shifted by days keep their time of day in the session's time zone, as Spark's {@code
 * timestamp_add(DAY, ...)} does: in zones with daylight saving across its changes, and in zones of
 * one fixed offset (and for timestamps without a zone), where the shift adds microseconds instead.
 * Shifted by seconds, they move on the instants' timeline, as Spark's {@code timestamp_add(SECOND,
 * ...)} moves them.
 */
class ShiftOperationTest {
  private static final ShiftOffsets OFFSETS =
      new ShiftOffsets(new DateShift(KeyMaterial.of(new byte[32]), 1, 365), false, "p");
  private static final ShiftOffsets SECONDS =
      new ShiftOffsets(new DateShift(KeyMaterial.of(new byte[32]), 1, 365 * 86_400L), false, "p");

  @TempDir static Path dir;

  private static final int TIMES = 1300;

  /**
   * The i-th local time: every 7 hours through 2024, across each zone's daylight saving changes.
   */
  private static LocalDateTime local(int i) {
    return LocalDateTime.of(2024, 1, 1, 0, 30).plusHours(7L * i);
  }

  private static String person(int i) {
    return "person-" + (i % 97);
  }

  /**
   * A session in {@code zone} and its table of the {@link #TIMES} local times, as {@code ts}
   * (TIMESTAMP, that local time in the zone) and {@code ntz} (TIMESTAMP_NTZ), with their person
   * {@code p} and index {@code i}, read from Parquet: over local rows Spark's optimizer would
   * compute the shift itself.
   */
  private static Dataset<Row> times(SparkSession s, String zone, String name) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < TIMES; i++) {
      Instant instant = local(i).atZone(ZoneId.of(zone)).toInstant();
      rows.add(RowFactory.create(i, person(i), Timestamp.from(instant), local(i)));
    }
    StructType schema =
        new StructType()
            .add("i", DataTypes.IntegerType)
            .add("p", DataTypes.StringType)
            .add("ts", DataTypes.TimestampType)
            .add("ntz", DataTypes.TimestampNTZType);
    String path = dir.resolve(name + "-" + zone.replace('/', '_').replace(':', '_')).toString();
    s.createDataFrame(rows, schema).write().parquet(path);
    return s.read().parquet(path);
  }

  private static SparkSession sessionIn(String zone) {
    SparkSession s = SharedSpark.get().newSession();
    s.conf().set("spark.sql.session.timeZone", zone);
    SparkSession.setActiveSession(s);
    return s;
  }

  private static ShiftOperation shift(ShiftOffsets offsets, ShiftOperation.Unit unit) {
    return new ShiftOperation(
        "shift",
        offsets,
        unit,
        functions.col("p"),
        new OnInvalid(OnInvalid.Remedy.FAIL, "column ts of table t", ""));
  }

  @Test
  void daysKeepTheTimeOfDayInEveryZone() {
    for (String zone : List.of("UTC", "+08:00", "America/New_York", "Europe/Berlin")) {
      SparkSession s = sessionIn(zone);
      try {
        ShiftOperation shift = shift(OFFSETS, ShiftOperation.Unit.DAYS);
        Column ts = shift.apply(functions.col("ts"), DataTypes.TimestampType);
        Column ntz = shift.apply(functions.col("ntz"), DataTypes.TimestampNTZType);
        Dataset<Row> shifted =
            times(s, zone, "days")
                .select(ts.as("ts"), ntz.as("ntz"), functions.col("i"))
                .orderBy("i");
        List<Row> out = shifted.collectAsList();
        assertEquals(TIMES, out.size());
        for (int i = 0; i < out.size(); i++) {
          long days = OFFSETS.offset(UTF8String.fromString(person(i)));
          Instant expected = local(i).atZone(ZoneId.of(zone)).plusDays(days).toInstant();
          assertEquals(expected, out.get(i).getTimestamp(0).toInstant(), zone + " " + i);
          assertEquals(local(i).plusDays(days), out.get(i).get(1), zone + " " + i);
        }
        // One call per value, in every zone; Spark's arithmetic only inside it.
        String plan = shifted.queryExecution().optimizedPlan().toString();
        assertTrue(plan.contains("addDays"), plan);
        assertFalse(plan.contains("timestampadd"), plan);
      } finally {
        SparkSession.setActiveSession(SharedSpark.get());
      }
    }
  }

  /**
   * Timestamps shifted by seconds land on the instant Spark's own {@code timestamp_add(SECOND,
   * ...)} gives, and java.time's: in zones with daylight saving, across its changes, too.
   */
  @Test
  void secondsMoveTheInstantInEveryZone() {
    for (String zone : List.of("UTC", "America/New_York", "Europe/Berlin")) {
      SparkSession s = sessionIn(zone);
      try {
        ShiftOperation shift = shift(SECONDS, ShiftOperation.Unit.SECONDS);
        Column offset =
            MethodCall.of(
                SECONDS,
                ShiftOffsets.class,
                "offset",
                DataTypes.LongType,
                true,
                functions.col("p"));
        Dataset<Row> df = times(s, zone, "seconds");
        List<Row> out =
            df.select(
                    shift.apply(functions.col("ts"), DataTypes.TimestampType).as("ts"),
                    shift.apply(functions.col("ntz"), DataTypes.TimestampNTZType).as("ntz"),
                    functions.timestamp_add("SECOND", offset, functions.col("ts")).as("spark"),
                    functions.timestamp_add("SECOND", offset, functions.col("ntz")).as("sparkNtz"),
                    functions.col("i"))
                .orderBy("i")
                .collectAsList();
        assertEquals(TIMES, out.size());
        for (int i = 0; i < out.size(); i++) {
          Row r = out.get(i);
          long seconds = SECONDS.offset(UTF8String.fromString(person(i)));
          Instant expected = local(i).atZone(ZoneId.of(zone)).toInstant().plusSeconds(seconds);
          assertEquals(expected, r.getTimestamp(0).toInstant(), zone + " " + i);
          assertEquals(r.getTimestamp(2), r.getTimestamp(0), zone + " " + i);
          assertEquals(local(i).plusSeconds(seconds), r.get(1), zone + " " + i);
          assertEquals(r.get(3), r.get(1), zone + " " + i);
        }
        String plan =
            df.select(shift.apply(functions.col("ts"), DataTypes.TimestampType))
                .queryExecution()
                .optimizedPlan()
                .toString();
        assertTrue(plan.contains("addSeconds"), plan);
        assertFalse(plan.contains("timestampadd"), plan);
      } finally {
        SparkSession.setActiveSession(SharedSpark.get());
      }
    }
  }

  /** A result beyond Spark's timestamps fails as Spark's own timestamp_add does. */
  @Test
  void overflowFailsAsSparksOwn() {
    UTF8String by = UTF8String.fromString("person-1");
    long days = OFFSETS.offset(by);
    // Offsets go either way: the farthest timestamp in the offset's direction.
    long edge = days > 0 ? Long.MAX_VALUE - 1 : Long.MIN_VALUE + 1;
    for (String zone : List.of("UTC", "America/New_York")) {
      Exception ours =
          assertThrows(
              Exception.class, () -> OFFSETS.addDays(days, edge, UTF8String.fromString(zone)));
      Exception spark =
          assertThrows(
              Exception.class,
              () -> DateTimeUtils.timestampAdd("DAY", days, edge, DateTimeUtils.getZoneId(zone)));
      assertEquals(spark.getClass(), ours.getClass(), zone);
      assertEquals(spark.getMessage(), ours.getMessage(), zone);
    }
    long seconds = SECONDS.offset(by);
    long secondsEdge = seconds > 0 ? Long.MAX_VALUE - 1 : Long.MIN_VALUE + 1;
    for (String zone : List.of("UTC", "America/New_York")) {
      Exception ours =
          assertThrows(Exception.class, () -> SECONDS.addSeconds(seconds, secondsEdge));
      Exception spark =
          assertThrows(
              Exception.class,
              () ->
                  DateTimeUtils.timestampAdd(
                      "SECOND", seconds, secondsEdge, DateTimeUtils.getZoneId(zone)));
      assertEquals(spark.getClass(), ours.getClass(), zone);
      assertEquals(spark.getMessage(), ours.getMessage(), zone);
    }
  }
}
