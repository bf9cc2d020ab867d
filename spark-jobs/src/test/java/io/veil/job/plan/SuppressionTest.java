package io.veil.job.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.job.config.Privacy;
import io.veil.spark.ColumnPath;
import io.veil.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Suppression decided per class over k, l and t, with null quasi-identifier values (a value like
 * any other), entities and both modes.
 */
class SuppressionTest {
  static Dataset<Row> rows;

  @BeforeAll
  static void rows() {
    StructType schema =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("age", DataTypes.IntegerType)
            .add("zip", DataTypes.StringType)
            .add("pid", DataTypes.StringType)
            .add("diagnosis", DataTypes.StringType)
            .add("stay", DataTypes.IntegerType);
    List<Row> r = new ArrayList<>();
    // A (30, 100): 3 rows, one diagnosis. B (null, 100): 2 rows. C (40, null): 4 rows, 2 diagnoses,
    // 2 patients. D (50, 200): 3 rows, 2 diagnoses, long stays.
    r.add(RowFactory.create(1, 30, "100", "p1", "flu", 1));
    r.add(RowFactory.create(2, 30, "100", "p2", "flu", 2));
    r.add(RowFactory.create(3, 30, "100", "p3", "flu", 1));
    r.add(RowFactory.create(4, null, "100", "p4", "flu", 2));
    r.add(RowFactory.create(5, null, "100", "p5", "cold", 1));
    r.add(RowFactory.create(6, 40, null, "p6", "flu", 1));
    r.add(RowFactory.create(7, 40, null, "p6", "cold", 2));
    r.add(RowFactory.create(8, 40, null, "p7", "flu", 1));
    r.add(RowFactory.create(9, 40, null, "p7", "cold", 2));
    r.add(RowFactory.create(10, 50, "200", "p8", "flu", 9));
    r.add(RowFactory.create(11, 50, "200", "p9", "cold", 9));
    r.add(RowFactory.create(12, 50, "200", "p10", "cold", 9));
    rows = SharedSpark.get().createDataFrame(r, schema);
  }

  private static Privacy privacy(
      String entity, String sensitive, Integer l, Double t, Privacy.Enforce enforce) {
    return new Privacy(
        List.of(ColumnPath.parse("age"), ColumnPath.parse("zip")),
        3,
        entity == null ? null : ColumnPath.parse(entity),
        sensitive == null ? List.of() : List.of(ColumnPath.parse(sensitive)),
        l,
        false,
        t,
        enforce,
        1.0,
        Map.of(),
        "off");
  }

  private static Set<Integer> ids(Dataset<Row> d) {
    Set<Integer> ids = new TreeSet<>();
    for (Row r : d.select("id").collectAsList()) {
      ids.add(r.getInt(0));
    }
    return ids;
  }

  private static Dataset<Row> suppress(Privacy p, Observation counted) {
    Suppression s = Suppression.of(p, "t");
    s.prepare(rows);
    Dataset<Row> out = s.apply(rows, counted);
    return out.localCheckpoint(); // evaluated before the cached fates are released
  }

  @Test
  void dropsClassesBelowKIncludingOnesKeyedByNull() throws Exception {
    Observation o = new Observation();
    Dataset<Row> out = suppress(privacy(null, null, null, null, Privacy.Enforce.SUPPRESS), o);
    assertEquals(Set.of(1, 2, 3, 6, 7, 8, 9, 10, 11, 12), ids(out));
    assertEquals(2L, ((Number) o.getAsJava().get(Suppression.SUPPRESSED)).longValue());
    assertEquals(List.of("id", "age", "zip", "pid", "diagnosis", "stay"), List.of(out.columns()));
  }

  @Test
  void perEntityAClassOfFourRowsAndTwoPatientsIsBelowK() {
    Dataset<Row> out =
        suppress(privacy("pid", null, null, null, Privacy.Enforce.SUPPRESS), new Observation());
    assertEquals(Set.of(1, 2, 3, 10, 11, 12), ids(out));
  }

  @Test
  void dropsClassesBelowL() {
    Dataset<Row> out =
        suppress(privacy(null, "diagnosis", 2, null, Privacy.Enforce.SUPPRESS), new Observation());
    assertEquals(Set.of(6, 7, 8, 9, 10, 11, 12), ids(out));
  }

  /**
   * Stays over the table (1: 5 rows, 2: 4, 9: 3): class D holds only 9s, at ordered distance (0.75
   * + 0.25) / 2 = 0.5 from it; A {1, 2, 1} and C {1, 2, 1, 2} are within 0.3.
   */
  @Test
  void dropsClassesAboveT() {
    Dataset<Row> out =
        suppress(privacy(null, "stay", null, 0.3, Privacy.Enforce.SUPPRESS), new Observation());
    assertEquals(Set.of(1, 2, 3, 6, 7, 8, 9), ids(out));
  }

  /**
   * Cells, k alone: only B is below k. It loses age (already null: no cell lost), is classed again
   * as (null, 100), still 2 rows, and loses zip; every row is kept.
   */
  @Test
  void nullsValuesOneQuasiIdentifierAtATime() throws Exception {
    Observation o = new Observation();
    Dataset<Row> out = suppress(privacy(null, null, null, null, Privacy.Enforce.SUPPRESS_CELLS), o);
    assertEquals(12, out.count());
    Map<String, Object> m = o.getAsJava();
    // Step 0: B (null, 100) has 2 rows: age nulled (it was null: no cell lost). Step 1: B is still
    // (null, 100) with 2 rows: zip nulled, 2 cells, and B becomes (null, null) alone.
    assertEquals(0L, ((Number) m.get(Suppression.cells(0))).longValue());
    assertEquals(2L, ((Number) m.get(Suppression.cells(1))).longValue());
    assertEquals(2L, ((Number) m.get(Suppression.ROWS_WITH_CELLS)).longValue());
    for (Row r : out.where("id in (4, 5)").collectAsList()) {
      assertTrue(r.isNullAt(r.fieldIndex("zip")));
    }
    assertEquals(10, out.where("zip is not null or id in (6, 7, 8, 9)").count());
  }

  /** Columns named like suppression's own helpers are written as they are, in both modes. */
  @Test
  void columnsNamedLikeTheHelpersSurvive() {
    Dataset<Row> odd =
        rows.withColumn("__veil_key", org.apache.spark.sql.functions.col("id").multiply(10))
            .withColumn("__VEIL_fate", org.apache.spark.sql.functions.lit("mine"));
    for (Privacy.Enforce e : List.of(Privacy.Enforce.SUPPRESS, Privacy.Enforce.SUPPRESS_CELLS)) {
      Suppression s = Suppression.of(privacy(null, null, null, null, e), "t");
      s.prepare(odd);
      Dataset<Row> out = s.apply(odd, new Observation()).localCheckpoint();
      assertEquals(List.of(odd.columns()), List.of(out.columns()), e.name());
      for (Row r : out.collectAsList()) {
        assertEquals(r.getInt(0) * 10, r.getInt(r.fieldIndex("__veil_key")), e.name());
        assertEquals("mine", r.getString(r.fieldIndex("__VEIL_fate")), e.name());
      }
      assertEquals(e == Privacy.Enforce.SUPPRESS ? 10 : 12, out.count(), e.name());
      s.release();
    }
  }
}
