package io.veil.job.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.job.config.Privacy;
import io.veil.spark.ColumnPath;
import io.veil.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The privacy measures on a table small enough to work out by hand (the figures in the comments),
 * per row and per entity.
 */
class PrivacyChecksTest {
  static Dataset<Row> visits;

  /**
   * Three classes over (age, zip): A = (30-39, 123**) holds patient 1 twice (flu), 2 (cold) and 3
   * (flu); B = (40-49, 456**) holds 4 (flu), 5 (hiv), 6 (cold), 7 (flu); C = (40-49, 789**) holds
   * patient 1 again (cancer). Scores are 10 but for patient 5's 30.
   */
  @BeforeAll
  static void data() {
    StructType schema =
        new StructType()
            .add("age", DataTypes.StringType)
            .add("zip", DataTypes.StringType)
            .add("pid", DataTypes.StringType)
            .add("diagnosis", DataTypes.StringType)
            .add("score", DataTypes.IntegerType);
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create("30-39", "123**", "p1", "flu", 10));
    rows.add(RowFactory.create("30-39", "123**", "p1", "flu", 10));
    rows.add(RowFactory.create("30-39", "123**", "p2", "cold", 10));
    rows.add(RowFactory.create("30-39", "123**", "p3", "flu", 10));
    rows.add(RowFactory.create("40-49", "456**", "p4", "flu", 10));
    rows.add(RowFactory.create("40-49", "456**", "p5", "hiv", 30));
    rows.add(RowFactory.create("40-49", "456**", "p6", "cold", 10));
    rows.add(RowFactory.create("40-49", "456**", "p7", "flu", 10));
    rows.add(RowFactory.create("40-49", "789**", "p1", "cancer", 10));
    visits = SharedSpark.get().createDataFrame(rows, schema);
  }

  private static Privacy privacy(String entity, Integer l, boolean entropy, Double t) {
    return new Privacy(
        List.of(ColumnPath.parse("age"), ColumnPath.parse("zip")),
        2,
        entity == null ? null : ColumnPath.parse(entity),
        List.of(ColumnPath.parse("diagnosis"), ColumnPath.parse("score")),
        l,
        entropy,
        t,
        Privacy.Enforce.FAIL,
        0.01,
        Map.of(),
        "report");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> m, String... path) {
    Map<String, Object> at = m;
    for (String p : path) {
      at = (Map<String, Object>) at.get(p);
    }
    return at;
  }

  @Test
  void perEntityClassesCountDistinctPeople() {
    List<String> failures = new ArrayList<>();
    Map<String, Object> m =
        PrivacyChecks.measure(visits, privacy("pid", null, false, null), 0, failures);
    Map<String, Object> k = section(m, "k_anonymity");
    assertEquals(1L, k.get("smallest_class")); // C: patient 1 alone
    assertEquals(3L, k.get("classes"));
    assertEquals(1L, k.get("classes_below_k"));
    assertEquals("pid", k.get("entity"));
    assertEquals(1, failures.size(), failures::toString);
    // Classes of 3, 4 and 1 patients, holding 4, 4 and 1 rows, in power-of-two buckets.
    assertEquals(
        List.of(
            Map.of("from", 1L, "to", 1L, "classes", 1L, "rows", 1L),
            Map.of("from", 2L, "to", 3L, "classes", 1L, "rows", 4L),
            Map.of("from", 4L, "to", 7L, "classes", 1L, "rows", 4L)),
        k.get("class_size_histogram"));

    Map<String, Object> risk = section(m, "risk");
    assertEquals(1.0, (double) risk.get("prosecutor_max"), 1e-12);
    // Per record 1/(its class's entities): (4 * 1/3 + 4 * 1/4 + 1 * 1/1) / 9
    assertEquals((4.0 / 3 + 1 + 1) / 9, (double) risk.get("prosecutor_avg"), 1e-12);
    assertEquals(1.0 / 9, (double) risk.get("records_at_risk"), 1e-12);
    assertEquals(1.0 / 7, (double) risk.get("entities_at_risk"), 1e-12); // patient 1 of 7
    assertEquals(1.0 / 9, (double) risk.get("sample_uniques"), 1e-12);

    // Counted once per patient, class and value: A {flu 2, cold 1}, B {flu 2, hiv 1, cold 1}, C
    // {cancer 1}. Entropy l: A e^0.6365 = 1.89 -> 1, B e^1.0397 = 2.83 -> 2, C 1.
    Map<String, Object> diagnosis = section(m, "l_diversity", "attributes", "diagnosis");
    assertEquals(1L, diagnosis.get("smallest_distinct_l"));
    assertEquals(1L, diagnosis.get("smallest_entropy_l"));
    assertEquals("measured", section(m, "l_diversity").get("status"));

    // The table: flu 4, cold 2, hiv 1, cancer 1 of 8. C holds only cancer: (7/8 + 2/8 + 1/8
    // + 4/8)/2 = 0.875; A 0.25; B 0.125.
    Map<String, Object> t = section(m, "t_closeness", "attributes", "diagnosis");
    assertEquals("total-variation", t.get("distance"));
    assertEquals(0.875, (double) t.get("largest_t"), 1e-12);
    // Scores: the table holds 10 seven times and 30 once; each class is 1/8 away, ordered.
    Map<String, Object> score = section(m, "t_closeness", "attributes", "score");
    assertEquals("ordered-earth-movers", score.get("distance"));
    assertEquals(0.125, (double) score.get("largest_t"), 1e-12);
    assertEquals(0.875, (double) section(m, "t_closeness").get("largest_t"), 1e-12);
  }

  /** Class C dropped: 9 rows in, 8 out; zip loses a value; diagnosis loses its one cancer. */
  @Test
  void utilityComparesTheInputWithWhatWasWritten() {
    Dataset<Row> written = visits.where("zip <> '789**'");
    Map<String, Object> u =
        PrivacyChecks.utility(
            visits, written, privacy("pid", null, false, null), 9, 8, Map.of(), Map.of());
    assertEquals(9L, u.get("rows_in"));
    assertEquals(8L, u.get("rows_out"));
    Map<String, Object> zip = section(u, "quasi_identifiers", "zip");
    assertEquals(3L, zip.get("distinct_before"));
    assertEquals(2L, zip.get("distinct_after"));
    assertEquals(0, zip.get("generalization_level"));
    // flu 5/9 -> 5/8, cold 2/9 -> 2/8, hiv 1/9 -> 1/8, cancer 1/9 -> 0.
    double expected = 0.5 * (5.0 / 8 - 5.0 / 9 + 2.0 / 8 - 2.0 / 9 + 1.0 / 8 - 1.0 / 9 + 1.0 / 9);
    assertEquals(
        expected, (double) section(u, "sensitive", "diagnosis").get("total_variation"), 1e-12);
    assertEquals(
        0.0,
        (double)
            section(
                    PrivacyChecks.utility(
                        visits, visits, privacy(null, null, false, null), 9, 9, Map.of(), Map.of()),
                    "sensitive",
                    "score")
                .get("total_variation"),
        1e-12);
  }

  @Test
  void perRowClassesCountRowsAndRequirementsFail() {
    List<String> failures = new ArrayList<>();
    Map<String, Object> m =
        PrivacyChecks.measure(visits, privacy(null, 2, false, 0.5), 0, failures);
    assertEquals(1L, section(m, "k_anonymity").get("smallest_class"));
    assertEquals(3.0 / 9, (double) section(m, "risk").get("prosecutor_avg"), 1e-12);
    assertTrue(!section(m, "risk").containsKey("entities_at_risk"));
    // Per row, A holds flu three times and cold once: still 2 distinct values.
    assertEquals(
        1L, section(m, "l_diversity", "attributes", "diagnosis").get("smallest_distinct_l"));
    assertEquals("failed", section(m, "l_diversity").get("status"));
    assertEquals("failed", section(m, "t_closeness").get("status"));
    // k, l (diagnosis and score: C has one value of each), t (diagnosis).
    assertEquals(4, failures.size(), failures::toString);
    for (String f : failures) {
      assertTrue(!f.contains("cancer") && !f.contains("p1"), "no value in a message: " + f);
    }
  }
}
