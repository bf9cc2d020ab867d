package io.veil.job.verify;

import io.veil.job.config.Privacy;
import io.veil.job.plan.TablePlan;
import io.veil.spark.ColumnPath;
import io.veil.spark.PathValues;
import io.veil.spark.TransformedField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.sketch.BloomFilter;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the output still reveals, measured at Spark scale (only aggregates reach the driver):
 * k-anonymity over the quasi-identifiers, and leaks, i.e. output values equal to some input value
 * of the same column.
 */
final class PrivacyChecks {
  /** Bloom filters are sized for at most this many values each (about 6 MB at 1%). */
  private static final long MAX_BLOOM_ITEMS = 5_000_000;

  private static final double BLOOM_FPP = 0.01;

  /** Tasks that build Bloom filters: each one's filters are shipped and merged. */
  private static final int MAX_BLOOM_TASKS = 64;

  private PrivacyChecks() {}

  /**
   * Equivalence classes of the written table over the quasi-identifiers.
   *
   * @return the report entry; {@code failures} gets a line when a class is smaller than k
   */
  static Map<String, Object> kAnonymity(Dataset<Row> written, Privacy privacy, long suppressed, List<String> failures) {
    Column[] keys = privacy.quasiIdentifiers().stream().map(WriteChecks::valuesAt).toArray(Column[]::new);
    Dataset<Row> classes = written.groupBy(keys).count();
    Column small = functions.col("count").lt(privacy.k());
    Row r = classes.agg(
        functions.min("count"),
        functions.count(functions.lit(1)),
        functions.sum(functions.when(small, 1L).otherwise(0L)),
        functions.sum(functions.when(small, functions.col("count")).otherwise(0L)),
        functions.sum("count")).first();
    long rows = r.isNullAt(4) ? 0 : r.getLong(4);
    long smallest = r.isNullAt(0) ? 0 : r.getLong(0);
    long belowRows = r.isNullAt(3) ? 0 : r.getLong(3);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quasi_identifiers", privacy.quasiIdentifiers().stream().map(ColumnPath::toString).toList());
    m.put("k", privacy.k());
    m.put("smallest_class", smallest);
    m.put("classes", r.getLong(1));
    m.put("classes_below_k", r.isNullAt(2) ? 0 : r.getLong(2));
    m.put("share_of_rows_below_k", rows == 0 ? 0.0 : (double) belowRows / rows);
    m.put("enforce", privacy.suppress() ? "suppress" : "fail");
    m.put("suppressed_rows", suppressed);
    boolean ok = rows == 0 || smallest >= privacy.k();
    m.put("status", ok ? "passed" : "failed");
    if (!ok) {
      failures.add(belowRows + " rows are in equivalence classes smaller than k = " + privacy.k()
          + " over " + m.get("quasi_identifiers") + " (smallest class: " + smallest + " rows)");
    }
    return m;
  }

  /**
   * For each transformed field whose op promises to change values: how many output values equal
   * any input value of the same field. Spark Bloom filters of the input values (one per field,
   * built in one pass) find candidates among the output values, and a semi-join with the input
   * values counts exactly. Three passes in all, whatever the number of fields; the filters are
   * capped in size, so a larger table only raises the false-positive rate, never the count.
   */
  static Map<String, Object> leaks(TablePlan plan, Dataset<Row> written, long rowsIn, boolean fail, List<String> failures) {
    List<TransformedField> fields = new ArrayList<>();
    for (TransformedField f : plan.transformed()) {
      if (f.operation().mustChange(functions.lit(null).cast(f.originalType()), f.originalType()) != null) {
        fields.add(f); // truncation and constants equal input values by design
      }
    }
    Map<String, Object> counts = new LinkedHashMap<>();
    if (fields.isEmpty()) {
      return counts;
    }
    Dataset<Row> in = values(plan.input(), fields);
    Dataset<Row> out = values(written, fields);
    BloomFilter[] filters = inputFilters(in, fields.size(), Math.max(1000, Math.min(rowsIn, MAX_BLOOM_ITEMS)));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(written.sparkSession().sparkContext());
    Broadcast<BloomFilter[]> shared = jsc.broadcast(filters);
    // Spark may evaluate this before the null filter: conjunctions have no order.
    UDF2<Integer, String, Boolean> mightContain = (f, v) -> v != null && shared.value()[f].mightContainString(v);
    // Kept for the two joins below, then released: in local mode the executors' blocks live in
    // the driver's heap, and on a cluster they would hold executor memory until garbage collection.
    Dataset<Row> candidates = out.where(functions.udf(mightContain, DataTypes.BooleanType)
        .withName("veil_bloom_might_contain").apply(functions.col("f"), functions.col("v")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Map<Integer, Long> leaked = new LinkedHashMap<>();
    try {
      Dataset<Row> matched = in.join(candidates.distinct(), CollectionConverters.asScala(List.of("f", "v")).toSeq(), "left_semi").distinct();
      for (Row r : candidates.join(matched, CollectionConverters.asScala(List.of("f", "v")).toSeq(), "left_semi")
          .groupBy("f").count().collectAsList()) { // one row per leaking field
        leaked.put(r.getInt(0), r.getLong(1));
      }
    } finally {
      candidates.unpersist(false);
      shared.destroy();
    }
    for (int i = 0; i < fields.size(); i++) {
      long n = leaked.getOrDefault(i, 0L);
      counts.put(fields.get(i).path().toString(), n);
      if (fail && n > 0) {
        failures.add(n + " values of " + fields.get(i).path() + " equal an input value of the same column (leak-check = fail)");
      }
    }
    return counts;
  }

  /**
   * One Bloom filter per field of the values in {@code in}. Each task builds its own filters and
   * a tree reduce merges them: the filters are made where they are filled, so no empty filter (6
   * MB per field at the cap) travels inside the task closure, and the input is read in at most
   * {@link #MAX_BLOOM_TASKS} tasks, since every task's filters are merged into the result.
   */
  private static BloomFilter[] inputFilters(Dataset<Row> in, int fields, long expected) {
    JavaRDD<Row> rows = in.javaRDD();
    int tasks = Math.min(rows.getNumPartitions(), Math.min(MAX_BLOOM_TASKS, rows.context().defaultParallelism()));
    FlatMapFunction<Iterator<Row>, BloomFilter[]> build = part -> {
      BloomFilter[] f = emptyFilters(fields, expected);
      while (part.hasNext()) {
        Row r = part.next();
        f[r.getInt(0)].putString(r.getString(1));
      }
      return Collections.singletonList(f).iterator();
    };
    if (tasks == 0) {
      return emptyFilters(fields, expected); // an RDD of no partitions: nothing to reduce
    }
    return rows.coalesce(tasks).mapPartitions(build).treeReduce((a, b) -> {
      for (int i = 0; i < a.length; i++) {
        a[i].mergeInPlace(b[i]);
      }
      return a;
    });
  }

  private static BloomFilter[] emptyFilters(int fields, long expected) {
    BloomFilter[] f = new BloomFilter[fields];
    for (int i = 0; i < fields; i++) {
      f[i] = BloomFilter.create(expected, BLOOM_FPP);
    }
    return f;
  }

  /**
   * The non-null values of every field, one row each {@code (f: field index, v: value as text)},
   * exploded through arrays and maps, in one pass over {@code df}.
   */
  private static Dataset<Row> values(Dataset<Row> df, List<TransformedField> fields) {
    List<Column> parts = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      ColumnPath path = fields.get(i).path();
      Column index = functions.lit(i);
      Column v = WriteChecks.valuesAt(path);
      parts.add(PathValues.isMulti(path)
          ? functions.coalesce(functions.transform(v, x -> functions.struct(index.as("f"), x.cast(DataTypes.StringType).as("v"))),
              functions.array())
          : functions.array(functions.struct(index.as("f"), v.cast(DataTypes.StringType).as("v"))));
    }
    Column all = parts.size() == 1 ? parts.get(0) : functions.concat(parts.toArray(new Column[0]));
    return df.select(functions.explode(all).as("e"))
        .select(functions.col("e.f").as("f"), functions.col("e.v").as("v"))
        .where(functions.col("v").isNotNull());
  }
}
