package io.veil.job.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.veil.spark.ColumnPath;
import io.veil.testing.SharedSpark;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one read of what was written gives what a Spark aggregate of each check gives: the row count,
 * each kept path's checksum (as {@link Checksum#of} sums it, nulls over no rows), and the rows per
 * partition value, nulls among them.
 */
class OutputScanTest {
  static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.LongType)
          .add("name", DataTypes.StringType)
          .add("born", DataTypes.DateType)
          .add("tags", DataTypes.createArrayType(DataTypes.StringType))
          .add(
              "address",
              new StructType().add("city", DataTypes.StringType).add("zip", DataTypes.StringType))
          .add("country", DataTypes.StringType);
  static final List<ColumnPath> KEPT =
      List.of(
          ColumnPath.parse("id"),
          ColumnPath.parse("name"),
          ColumnPath.parse("born"),
          ColumnPath.parse("tags"),
          ColumnPath.parse("address.city"));

  static SparkSession spark;
  static Dataset<Row> table;

  @BeforeAll
  static void data() {
    spark = SharedSpark.get();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      rows.add(
          RowFactory.create(
              (long) i * 7919,
              i % 13 == 0 ? null : "name " + i,
              i % 11 == 0 ? null : Date.valueOf("1980-01-01"),
              i % 5 == 0 ? null : Arrays.asList("a" + i, null, "b"),
              RowFactory.create(i % 3 == 0 ? null : "city " + (i % 40), "z" + i),
              i % 17 == 0 ? null : "c" + (i % 4)));
    }
    // Several partitions, and rows of one country not all together, as files of a real table are.
    table = spark.createDataFrame(rows, SCHEMA).repartition(4);
  }

  @Test
  void givesWhatEachAggregateGives() {
    OutputScan.Result r = OutputScan.run(table, KEPT, List.of("country"), null);
    assertEquals(table.count(), r.rows);
    for (int i = 0; i < KEPT.size(); i++) {
      Row aggregate = table.agg(Checksum.of(KEPT.get(i), SCHEMA)).first().getStruct(0);
      assertEquals(aggregate, r.checksum(i), KEPT.get(i).toString());
    }
    Map<List<String>, Long> expected = new TreeMap<>(OutputScanTest::compareKeys);
    for (Row g : table.groupBy("country").count().collectAsList()) {
      expected.put(Arrays.asList(g.getString(0)), g.getLong(1));
    }
    Map<List<String>, Long> actual = new TreeMap<>(OutputScanTest::compareKeys);
    actual.putAll(r.partitionRows());
    assertEquals(expected, actual);
    assertNull(r.candidates, "no leak check asked for");
  }

  @Test
  void anEmptyTableHasTheChecksumsOfNoRows() {
    Dataset<Row> empty = table.limit(0);
    OutputScan.Result r = OutputScan.run(empty, KEPT, List.of("country"), null);
    assertEquals(0, r.rows);
    assertEquals(empty.agg(Checksum.of(KEPT.get(1), SCHEMA)).first().getStruct(0), r.checksum(1));
    assertEquals(Map.of(), r.partitionRows());
  }

  private static int compareKeys(List<String> a, List<String> b) {
    String x = a.get(0);
    String y = b.get(0);
    return x == null ? (y == null ? 0 : -1) : y == null ? 1 : x.compareTo(y);
  }
}
