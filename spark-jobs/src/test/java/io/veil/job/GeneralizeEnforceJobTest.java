package io.veil.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veil.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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
 * {@code enforce = generalize} on a census-like table (age, zip, sex and a diagnosis): the run
 * reaches k and l with at most max-suppressed rows dropped, at the node an exhaustive search on the
 * driver finds of least loss; what cannot be reached fails and publishes nothing.
 */
class GeneralizeEnforceJobTest {
  private static final int ROWS = 20_000;
  private static final int[][] AGE_BANDS = {
    {0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90},
    {0, 10, 20, 30, 40, 50, 60, 70, 80, 90},
    {0, 20, 40, 60, 80}
  };
  private static final int[] ZIP_KEEP = {4, 3, 2, 0};
  private static final String HIERARCHIES =
      "hierarchies {\n"
          + "  age { bands = [[0,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75,80,85,90],"
          + " [0,10,20,30,40,50,60,70,80,90], [0,20,40,60,80]] }\n"
          + "  zip { keep-first = [4, 3, 2, 0] }\n"
          + "}\n";

  @TempDir static Path dir;
  static SparkSession spark;
  static List<Row> census = new ArrayList<>();

  @BeforeAll
  static void census() throws Exception {
    spark = SharedSpark.get();
    Random r = new Random(23);
    String[] diagnoses = {"flu", "cold", "asthma", "diabetes", "migraine", "hiv"};
    for (int i = 0; i < ROWS; i++) {
      int age = Math.min(99, (int) Math.abs(40 + r.nextGaussian() * 20));
      // 300 zips over 30 areas of 10, some areas far more populous than others.
      int area = (int) Math.min(29, Math.abs(r.nextGaussian() * 10));
      String zip = String.format("%03d%02d", 100 + area * 7, r.nextInt(10) * 3);
      census.add(
          RowFactory.create(
              (long) i,
              age,
              zip,
              r.nextBoolean() ? "F" : "M",
              diagnoses[Math.min(5, (int) Math.abs(r.nextGaussian() * 2))]));
    }
    StructType schema =
        new StructType()
            .add("id", DataTypes.LongType)
            .add("age", DataTypes.IntegerType)
            .add("zip", DataTypes.StringType)
            .add("sex", DataTypes.StringType)
            .add("diagnosis", DataTypes.StringType);
    spark.createDataFrame(census, schema).repartition(4).write().parquet(input());
  }

  private static String input() {
    return dir.resolve("census").toString();
  }

  private static CliRun run(String name, String settings) throws Exception {
    Path conf = dir.resolve(name + ".conf");
    Files.writeString(
        conf,
        "veil {\n  tables = [{ name = census, input { path = \""
            + input()
            + "\" }, output { path = \""
            + dir.resolve(name)
            + "\" }\n    unlisted-columns = keep, columns { id = keep }\n"
            + "    quasi-identifiers = [age, zip, sex], sensitive = [diagnosis]\n"
            + settings
            + "\n  }]\n}\n");
    return CliRun.of("run", conf.toString());
  }

  @Test
  void reachesKAndLAtTheNodeOfLeastLoss() throws Exception {
    CliRun r =
        run(
            "generalized",
            "k = 5, l = 2, enforce = generalize, max-suppressed = 0.01\n" + HIERARCHIES);
    assertEquals(0, r.code, r::toString);
    Path out = dir.resolve("generalized");
    JsonNode report = new ObjectMapper().readTree(out.resolve("_veil_report.json").toFile());
    JsonNode g = report.get("generalization");
    int ageLevel = g.at("/levels/age").asInt();
    int zipLevel = g.at("/levels/zip").asInt();
    assertEquals(20, g.get("nodes_in_lattice").asInt(), g::toString);
    assertTrue(g.get("nodes_evaluated").asInt() < 20, g::toString);
    long suppressed = g.get("suppressed_rows").asLong();
    assertTrue(suppressed <= ROWS / 100, g::toString);
    assertEquals(ROWS - suppressed, report.get("rows_out").asLong());
    assertEquals(suppressed, report.at("/k_anonymity/suppressed_rows").asLong());
    assertEquals("passed", report.at("/k_anonymity/status").asText(), report::toString);
    assertTrue(report.at("/k_anonymity/smallest_class").asLong() >= 5);
    assertEquals("passed", report.at("/l_diversity/status").asText());
    assertEquals(
        ageLevel, report.at("/utility/quasi_identifiers/age/generalization_level").asInt());
    assertEquals(
        zipLevel, report.at("/utility/quasi_identifiers/zip/generalization_level").asInt());
    assertEquals(0, report.at("/utility/quasi_identifiers/sex/generalization_level").asInt());

    // The least loss over every node, evaluated here on the driver with the same definitions.
    double best = Double.POSITIVE_INFINITY;
    int[] bestNode = null;
    for (int a = 0; a <= AGE_BANDS.length; a++) {
      for (int z = 0; z <= ZIP_KEEP.length; z++) {
        long s = suppressedAt(a, z, 5, 2);
        if (s <= ROWS / 100) {
          double precision = ((double) a / AGE_BANDS.length + (double) z / ZIP_KEEP.length) / 3;
          double loss = precision + (double) s / ROWS * (1 - precision);
          if (loss < best - 1e-12) {
            best = loss;
            bestNode = new int[] {a, z};
          }
        }
      }
    }
    assertEquals(best, g.get("information_loss").asDouble(), 1e-9, g::toString);
    assertEquals(bestNode[0], ageLevel, g::toString);
    assertEquals(bestNode[1], zipLevel, g::toString);
    assertTrue(ageLevel + zipLevel > 0, "the table needs some generalization: " + g);

    // What was written is the generalized values, and the report says age and zip were generalized.
    Dataset<Row> written = spark.read().parquet(out.toString());
    Set<String> ages = new HashSet<>();
    for (Row row : written.select("age").distinct().collectAsList()) {
      ages.add(String.valueOf(row.get(0)));
    }
    Set<String> expected = new HashSet<>();
    for (Row row : census) {
      expected.add(generalizeAge(row.getInt(1), ageLevel));
    }
    assertTrue(expected.containsAll(ages), ages + " vs " + expected);
    List<String> ops = new ArrayList<>();
    report
        .get("transformed")
        .forEach(c -> ops.add(c.get("path").asText() + ":" + c.get("op").asText()));
    if (ageLevel > 0) {
      assertTrue(ops.contains("age:generalize"), ops::toString);
    }
  }

  @Test
  void failsAndPublishesNothingWhenNoNodeReachesTheModel() throws Exception {
    CliRun r =
        run("unreachable", "k = 100000, enforce = generalize, max-suppressed = 0\n" + HIERARCHIES);
    assertEquals(4, r.code, r::toString);
    assertTrue(r.err.contains("no combination of the hierarchies' levels meets k = 100000"), r.err);
    assertFalse(Files.exists(dir.resolve("unreachable")));
  }

  /**
   * Suppression now covers l: with enforce = suppress and l = 3, rows of classes with fewer than 3
   * diagnoses are dropped as well as those of classes below k.
   */
  @Test
  void suppressDropsClassesBelowLToo() throws Exception {
    CliRun r = run("suppressed", "k = 2, l = 3, enforce = suppress");
    assertEquals(0, r.code, r::toString);
    Path out = dir.resolve("suppressed");
    JsonNode report = new ObjectMapper().readTree(out.resolve("_veil_report.json").toFile());
    assertEquals("passed", report.at("/l_diversity/status").asText(), report::toString);
    assertEquals(suppressedAt(0, 0, 2, 3), report.at("/k_anonymity/suppressed_rows").asLong());
  }

  /** suppress-cells with l: every row kept, the classes that remain each hold 3 diagnoses. */
  @Test
  void suppressCellsReachesLKeepingEveryRow() throws Exception {
    CliRun r = run("cells", "k = 2, l = 3, enforce = suppress-cells, max-suppressed = 1");
    assertEquals(0, r.code, r::toString);
    Path out = dir.resolve("cells");
    JsonNode report = new ObjectMapper().readTree(out.resolve("_veil_report.json").toFile());
    assertEquals(ROWS, report.get("rows_out").asLong());
    assertEquals("passed", report.at("/l_diversity/status").asText(), report::toString);
    assertTrue(report.at("/k_anonymity/rows_with_suppressed_cells").asLong() > 0);
  }

  /** Rows in classes below k or with fewer than l diagnoses, at levels (age, zip). */
  private static long suppressedAt(int ageLevel, int zipLevel, int k, int l) {
    Map<List<String>, long[]> sizes = new HashMap<>();
    Map<List<String>, Set<String>> diagnoses = new HashMap<>();
    for (Row row : census) {
      List<String> key =
          List.of(
              generalizeAge(row.getInt(1), ageLevel),
              generalizeZip(row.getString(2), zipLevel),
              row.getString(3));
      sizes.computeIfAbsent(key, x -> new long[1])[0]++;
      diagnoses.computeIfAbsent(key, x -> new HashSet<>()).add(row.getString(4));
    }
    long s = 0;
    for (Map.Entry<List<String>, long[]> e : sizes.entrySet()) {
      if (e.getValue()[0] < k || diagnoses.get(e.getKey()).size() < l) {
        s += e.getValue()[0];
      }
    }
    return s;
  }

  private static String generalizeAge(int age, int level) {
    if (level == 0) {
      return String.valueOf(age);
    }
    int[] b = AGE_BANDS[level - 1];
    for (int i = b.length - 1; i >= 0; i--) {
      if (age >= b[i]) {
        return i == b.length - 1 ? b[i] + "+" : b[i] + "-" + (b[i + 1] - 1);
      }
    }
    throw new IllegalStateException();
  }

  private static String generalizeZip(String zip, int level) {
    if (level == 0) {
      return zip;
    }
    int keep = ZIP_KEEP[level - 1];
    return zip.substring(0, keep) + "*".repeat(zip.length() - keep);
  }
}
