package io.veil.job.verify;

import io.veil.job.plan.TablePlan;
import io.veil.spark.ColumnPath;
import io.veil.spark.PathValues;
import io.veil.spark.TransformedField;
import io.veil.spark.Utf8Predicate;
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
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.sketch.BloomFilter;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Leaks: for each transformed field whose op promises to change values, how many output values
 * equal some input value of the same field. Counted exactly, at Spark scale (only counts reach
 * the driver):
 *
 * <ol>
 *   <li>one pass over the input builds a Bloom filter of each field's values;
 *   <li>one pass over the output counts, per field, the values the filters might contain (the
 *       candidates);
 *   <li>only if there are candidates, the output is read again for them, and a semi-join with
 *       the input values of the fields that have any tells the real leaks from the filters' false
 *       positives.
 * </ol>
 *
 * <p>The filters are sized so that a table with no leak usually has no candidate at all and the
 * third step, a second read of both tables and a join, does not run: at 200,000 rows it was more
 * than half of the check's time. A memory budget bounds them, so on large tables some false
 * positives come through and the join runs, on few candidates (broadcast, when few enough, so the
 * input values are not shuffled). Sizing only moves the time; the count is exact either way.
 */
final class LeakCheck {
  /** Expected false positives per field that the filters aim at, when the budget allows it. */
  private static final double TARGET_FALSE_POSITIVES = 0.05;

  /** The most any filter accepts: 1% false positives, as Spark's own Bloom filters default to. */
  private static final double MAX_FPP = 0.01;

  /**
   * Bits for all fields' filters together: 64 MB, which every task that builds them holds once,
   * and the driver twice while merging and broadcasting. Never less than 1% at 5M values a field.
   */
  static final long BUDGET_BITS = 64L * 8 * 1024 * 1024;

  private static final long FLOOR_ITEMS = 5_000_000;

  /** Tasks that build Bloom filters: each one's filters are shipped and merged. */
  private static final int MAX_BLOOM_TASKS = 64;

  /** Distinct candidates broadcast to the join with the input values, instead of shuffling both. */
  private static final long BROADCAST_CANDIDATES = 200_000;

  private LeakCheck() {}

  /**
   * The report entry (leaking values per field path); {@code failures} gets a line per leaking
   * field when {@code fail}.
   */
  static Map<String, Object> run(TablePlan plan, Dataset<Row> written, WriteChecks checks, long rowsIn, boolean fail,
      List<String> failures) {
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
    long[] expected = new long[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      expected[i] = Math.max(1000, checks.inputValues(fields.get(i), rowsIn));
    }
    long[] leaked = count(plan.input(), written, fields, expected, filterBits(expected), BROADCAST_CANDIDATES);
    for (int i = 0; i < fields.size(); i++) {
      counts.put(fields.get(i).path().toString(), leaked[i]);
      if (fail && leaked[i] > 0) {
        failures.add(leaked[i] + " values of " + fields.get(i).path() + " equal an input value of the same column (leak-check = fail)");
      }
    }
    return counts;
  }

  /**
   * Bits of each field's filter, for {@code expected[i]} values in field {@code i}: enough for
   * {@link #TARGET_FALSE_POSITIVES} expected false positives among as many output values. When
   * that exceeds {@link #BUDGET_BITS} for all fields together, the budget is shared in proportion
   * to the values (the same false-positive rate everywhere, which gives the fewest in total); no
   * filter gets fewer bits than 1% false positives at {@code min(values, 5M)} need.
   */
  static long[] filterBits(long[] expected) {
    long[] bits = new long[expected.length];
    long wantedTotal = 0;
    long values = 0;
    for (int i = 0; i < expected.length; i++) {
      long n = Math.max(1, expected[i]);
      bits[i] = BloomFilter.optimalNumOfBits(n, Math.min(MAX_FPP, TARGET_FALSE_POSITIVES / n));
      wantedTotal += bits[i];
      values += n;
    }
    for (int i = 0; i < expected.length; i++) {
      long n = Math.max(1, expected[i]);
      if (wantedTotal > BUDGET_BITS) {
        bits[i] = Math.min(bits[i], (long) ((double) BUDGET_BITS * n / values));
      }
      bits[i] = Math.max(bits[i], BloomFilter.optimalNumOfBits(Math.min(n, FLOOR_ITEMS), MAX_FPP));
    }
    return bits;
  }

  /**
   * Output values of each field equal to an input value of the same field (by their text), with
   * a filter of {@code bits[i]} bits for about {@code expected[i]} values (which sets how many hash
   * functions it uses) for field {@code i}; up to {@code broadcastCandidates} candidates are
   * broadcast to the join. Package-private so that tests can force false positives and either join.
   */
  static long[] count(Dataset<Row> input, Dataset<Row> written, List<TransformedField> fields, long[] expected, long[] bits,
      long broadcastCandidates) {
    int n = fields.size();
    boolean[] multi = new boolean[n];
    for (int i = 0; i < n; i++) {
      multi[i] = PathValues.isMulti(fields.get(i).path());
    }
    BloomFilter[] filters = inputFilters(input.select(texts(fields)), multi, expected, bits);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(written.sparkSession().sparkContext());
    Broadcast<BloomFilter[]> shared = jsc.broadcast(filters);
    MightContain[] probes = new MightContain[n];
    for (int i = 0; i < n; i++) {
      probes[i] = new MightContain(shared, i);
    }
    long[] leaked = new long[n];
    Dataset<Row> candidates = null;
    try {
      List<Integer> suspects = new ArrayList<>();
      long total = 0;
      Row counts = candidateCounts(written, fields, probes);
      for (int i = 0; i < n; i++) {
        long c = counts.isNullAt(i) ? 0 : counts.getLong(i);
        if (c > 0) {
          suspects.add(i);
          total += c;
        }
      }
      if (suspects.isEmpty()) {
        return leaked;
      }
      // Kept for the two joins below, then released: in local mode the executors' blocks live in
      // the driver's heap, and on a cluster they would hold executor memory until GC.
      Column suspected = null; // CASE f WHEN i THEN the probe of field i ... END
      for (int i : suspects) {
        Column probe = Utf8Predicate.call(probes[i], functions.col("v"));
        suspected = suspected == null ? functions.when(functions.col("f").equalTo(i), probe)
            : suspected.when(functions.col("f").equalTo(i), probe);
      }
      candidates = values(written, fields, suspects).where(suspected).persist(StorageLevel.MEMORY_AND_DISK());
      scala.collection.immutable.Seq<String> key = CollectionConverters.asScala(List.of("f", "v")).toSeq();
      Dataset<Row> distinct = candidates.distinct();
      if (total <= broadcastCandidates) {
        distinct = functions.broadcast(distinct);
      }
      Dataset<Row> matched = values(input, fields, suspects).join(distinct, key, "left_semi").distinct();
      for (Row r : candidates.join(matched, key, "left_semi").groupBy("f").count().collectAsList()) {
        leaked[r.getInt(0)] = r.getLong(1);
      }
      return leaked;
    } finally {
      if (candidates != null) {
        candidates.unpersist(false);
      }
      shared.destroy();
    }
  }

  /**
   * Per field, how many of its output values the filters might contain, in one aggregation over
   * {@code written}: a field's values are counted where they are (in their arrays), not exploded
   * into rows, which is most of the work when there is nothing more to do.
   */
  private static Row candidateCounts(Dataset<Row> written, List<TransformedField> fields, MightContain[] probes) {
    Column[] counts = new Column[fields.size()];
    Column[] texts = texts(fields);
    for (int i = 0; i < counts.length; i++) {
      MightContain probe = probes[i];
      Column perRow = PathValues.isMulti(fields.get(i).path())
          ? functions.aggregate(texts[i], functions.lit(0L),
              (acc, x) -> acc.plus(functions.when(Utf8Predicate.call(probe, x), 1L).otherwise(0L)))
          : functions.when(Utf8Predicate.call(probe, texts[i]), 1L).otherwise(0L);
      counts[i] = functions.sum(perRow);
    }
    return written.agg(counts[0], java.util.Arrays.copyOfRange(counts, 1, counts.length)).first();
  }

  /**
   * Whether field {@code field}'s filter might hold a value, tested on the UTF-8 bytes Spark
   * holds, as the filters were filled. A Java UDF decoded every output value into a Java string,
   * and {@code mightContainString} encoded it back into bytes.
   */
  private static final class MightContain implements Utf8Predicate {
    private static final long serialVersionUID = 1L;
    private final Broadcast<BloomFilter[]> filters;
    private final int field;

    MightContain(Broadcast<BloomFilter[]> filters, int field) {
      this.filters = filters;
      this.field = field;
    }

    @Override
    public boolean test(UTF8String value) {
      return filters.value()[field].mightContainBinary(value.getBytes());
    }

    @Override
    public String toString() {
      return "veil_bloom_might_contain";
    }
  }

  /** Each field's values as text: a string, or an array of strings for a field under arrays or maps. */
  private static Column[] texts(List<TransformedField> fields) {
    Column[] c = new Column[fields.size()];
    for (int i = 0; i < c.length; i++) {
      ColumnPath path = fields.get(i).path();
      DataType text = PathValues.isMulti(path) ? DataTypes.createArrayType(DataTypes.StringType) : DataTypes.StringType;
      c[i] = WriteChecks.valuesAt(path).cast(text).as("t" + i);
    }
    return c;
  }

  /**
   * One Bloom filter per field of the values in {@code in}. Each task builds its own filters and
   * a tree reduce merges them: the filters are made where they are filled, so no empty filter
   * travels inside the task closure, and the input is read in at most {@link #MAX_BLOOM_TASKS}
   * tasks, since every task's filters are merged into the result. The values are read where they
   * are (one column per field, arrays walked in place) and put as Spark holds them, UTF-8 bytes,
   * which is what {@code putString} hashes: no rows exploded, no Java strings.
   */
  private static BloomFilter[] inputFilters(Dataset<Row> texts, boolean[] multi, long[] expected, long[] bits) {
    JavaRDD<InternalRow> rows = texts.queryExecution().toRdd().toJavaRDD();
    int tasks = Math.min(rows.getNumPartitions(), Math.min(MAX_BLOOM_TASKS, rows.context().defaultParallelism()));
    FlatMapFunction<Iterator<InternalRow>, BloomFilter[]> build = part -> {
      BloomFilter[] f = emptyFilters(expected, bits);
      while (part.hasNext()) {
        InternalRow r = part.next(); // one column per field, as texts() selects them
        for (int i = 0; i < multi.length; i++) {
          if (r.isNullAt(i)) {
            continue;
          }
          if (!multi[i]) {
            f[i].putBinary(r.getUTF8String(i).getBytes());
            continue;
          }
          ArrayData values = r.getArray(i);
          for (int j = 0; j < values.numElements(); j++) {
            if (!values.isNullAt(j)) {
              f[i].putBinary(values.getUTF8String(j).getBytes());
            }
          }
        }
      }
      return Collections.singletonList(f).iterator();
    };
    if (tasks == 0) {
      return emptyFilters(expected, bits); // an RDD of no partitions: nothing to reduce
    }
    return rows.coalesce(tasks).mapPartitions(build).treeReduce((a, b) -> {
      for (int i = 0; i < a.length; i++) {
        a[i].mergeInPlace(b[i]);
      }
      return a;
    });
  }

  private static BloomFilter[] emptyFilters(long[] expected, long[] bits) {
    BloomFilter[] f = new BloomFilter[expected.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = BloomFilter.create(expected[i], bits[i]); // hash functions: the best number for that many values
    }
    return f;
  }

  /**
   * The non-null values of the fields numbered {@code which} (indices into {@code fields}), one
   * row each {@code (f: field index, v: value as text)}, exploded through arrays and maps, in one
   * pass over {@code df} that reads only those fields' columns.
   */
  private static Dataset<Row> values(Dataset<Row> df, List<TransformedField> fields, List<Integer> which) {
    List<Column> parts = new ArrayList<>();
    for (int i : which) {
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
