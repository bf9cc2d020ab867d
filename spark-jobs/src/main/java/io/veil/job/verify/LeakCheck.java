package io.veil.job.verify;

import io.veil.job.plan.TablePlan;
import io.veil.spark.ColumnOperation;
import io.veil.spark.ColumnPath;
import io.veil.spark.PathValues;
import io.veil.spark.TransformedField;
import io.veil.spark.Utf8Predicate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.unsafe.types.UTF8String;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Leaks: for each transformed field whose op promises to change values, how many output values
 * equal some input value of the same field. Counted exactly, at Spark scale (counts and at most
 * {@link #COLLECT_CANDIDATES} candidate values reach the driver):
 *
 * <ol>
 *   <li>one pass over the input builds a Bloom filter of each field's values ({@link
 *       BlockedBloomFilter}: one cache line a value), except for fields whose op compares pieces of
 *       text ({@link Probe});
 *   <li>the verifier's one pass over the output ({@link OutputScan}) counts, per field, the values
 *       the filters might contain (the candidates), and collects them while there are few;
 *   <li>only if there are candidates, the input values of the fields that have any tell the real
 *       leaks from the filters' false positives: the collected candidates are broadcast to one pass
 *       over them; when there were too many to collect, the output is read again for them, a second
 *       filter of the candidates picks out the input values that might be among them, and only
 *       those are joined with them.
 * </ol>
 *
 * <p>The filters are sized so that a table with no leak usually has no candidate at all and the
 * join does not run: at 200,000 rows it was more than half of the check's time. A memory budget
 * bounds them, so on large tables some false positives come through and the exact check runs, on a
 * small share of the values. Sizing only moves the time; the count is exact either way.
 */
final class LeakCheck {
  /** Expected false positives per field that the filters aim at, when the budget allows it. */
  private static final double TARGET_FALSE_POSITIVES = 0.05;

  /** The most any filter accepts: 1% false positives, as Spark's own Bloom filters default to. */
  private static final double MAX_FPP = 0.01;

  /**
   * Bits for all fields' filters together: 64 MB, which every task that builds them holds once, and
   * the driver twice while merging and broadcasting. Never less than 1% at 5M values a field.
   */
  static final long BUDGET_BITS = 64L * 8 * 1024 * 1024;

  private static final long FLOOR_ITEMS = 5_000_000;

  /** Tasks that build Bloom filters: each one's filters are shipped and merged. */
  private static final int MAX_BLOOM_TASKS = 64;

  /**
   * Distinct candidates collected in the pass over the output and looked up in the input values;
   * beyond, the output is read again for them, and only the input values that a filter of the
   * candidates lets through are shuffled into a join with them.
   */
  private static final long COLLECT_CANDIDATES = 200_000;

  /**
   * False positives of the second filter, of the candidates, among the input values: 0.1% of them
   * is a small side of a join, at about 15 bits a candidate.
   */
  private static final double CANDIDATE_FPP = 0.001;

  private LeakCheck() {}

  /**
   * Prepares the leak check of {@code plan}'s table: its fields, and the filters of their input
   * values (one pass over the input). Null when no field's op promises change. The caller passes
   * what {@link Probe#probe} finds in the pass over what was written to {@link #report}.
   */
  static Probe prepare(TablePlan plan, WriteMeasurements measured) {
    List<TransformedField> fields = new ArrayList<>();
    for (TransformedField f : plan.transformed()) {
      // Ops that promise change, string truncation among them: a truncated value equal to
      // another row's input value publishes that value. Date and number truncation, constants
      // and regex replacements promise nothing, since equal values are their design.
      if (f.operation().leakChecked()) {
        fields.add(f);
      }
    }
    if (fields.isEmpty()) {
      return null;
    }
    long[] expected = new long[fields.size()];
    for (int i = 0; i < fields.size(); i++) {
      expected[i] = Math.max(1000, measured.inputValues(fields.get(i)));
    }
    return Probe.build(plan.input(), fields, filterBits(expected), COLLECT_CANDIDATES);
  }

  /**
   * The report entry (leaking values per field path) from what the pass over the output found;
   * {@code failures} gets a line per leaking field when {@code fail}.
   */
  static Map<String, Object> report(
      Probe probe,
      Dataset<Row> input,
      Dataset<Row> written,
      Candidates found,
      boolean fail,
      List<String> failures) {
    Map<String, Object> counts = new LinkedHashMap<>();
    if (probe == null) {
      return counts;
    }
    long[] leaked = probe.match(input, written, found);
    for (int i = 0; i < probe.fields.size(); i++) {
      TransformedField f = probe.fields.get(i);
      counts.put(f.path().toString(), leaked[i]);
      if (fail && leaked[i] > 0) {
        failures.add(
            comparesPieces(f)
                ? leaked[i]
                    + " pieces of personal data redacted from "
                    + f.path()
                    + " are still written in that column (leak-check = fail)"
                : leaked[i]
                    + " values of "
                    + f.path()
                    + " equal an input value of the same column (leak-check = fail)");
      }
    }
    return counts;
  }

  /**
   * Bits of each field's filter, for {@code expected[i]} values in field {@code i}: enough for
   * {@link #TARGET_FALSE_POSITIVES} expected false positives among as many output values. When that
   * exceeds {@link #BUDGET_BITS} for all fields together, the budget is shared in proportion to the
   * values (the same false-positive rate everywhere, which gives the fewest in total); no filter
   * gets fewer bits than 1% false positives at {@code min(values, 5M)} need.
   */
  static long[] filterBits(long[] expected) {
    long[] bits = new long[expected.length];
    long wantedTotal = 0;
    long values = 0;
    for (int i = 0; i < expected.length; i++) {
      long n = Math.max(1, expected[i]);
      bits[i] = BlockedBloomFilter.bitsFor(n, Math.min(MAX_FPP, TARGET_FALSE_POSITIVES / n));
      wantedTotal += bits[i];
      values += n;
    }
    for (int i = 0; i < expected.length; i++) {
      long n = Math.max(1, expected[i]);
      if (wantedTotal > BUDGET_BITS) {
        bits[i] = Math.min(bits[i], (long) ((double) BUDGET_BITS * n / values));
      }
      bits[i] = Math.max(bits[i], BlockedBloomFilter.bitsFor(Math.min(n, FLOOR_ITEMS), MAX_FPP));
    }
    return bits;
  }

  /**
   * Output values of each field equal to an input value of the same field (by their text), with a
   * filter of {@code bits[i]} bits for field {@code i}; up to {@code collectCandidates} distinct
   * candidates are collected and looked up in the input values, more are joined with them. The
   * three passes of a job's check, the output read by {@link OutputScan} alone. Package-private so
   * that tests can force false positives and either path.
   */
  static long[] count(
      Dataset<Row> input,
      Dataset<Row> written,
      List<TransformedField> fields,
      long[] bits,
      long collectCandidates) {
    try (Probe probe = Probe.build(input, fields, bits, collectCandidates)) {
      Candidates found = OutputScan.run(written, List.of(), List.of(), probe).candidates;
      return probe.match(input, written, found);
    }
  }

  /**
   * The leak check between its passes: the fields, the filters of their input values (broadcast),
   * and the test of an output row's values against them. Fields whose op compares pieces of text
   * (redact) have no filter: every piece of personal data found in the output is a candidate, and
   * there are normally none, since the op removed what the same detectors found in the input. So
   * their input is read only when the output holds such pieces, not to fill a filter.
   */
  static final class Probe implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    /** The driver's: the tasks need only what {@link #probe} reads. */
    final transient List<TransformedField> fields;

    private final boolean[] multi;
    private final boolean[] filtered;
    private final Broadcast<BlockedBloomFilter[]> filters;
    private final long cap;

    private Probe(
        List<TransformedField> fields,
        boolean[] multi,
        boolean[] filtered,
        Broadcast<BlockedBloomFilter[]> filters,
        long cap) {
      this.fields = fields;
      this.multi = multi;
      this.filtered = filtered;
      this.filters = filters;
      this.cap = cap;
    }

    /** One pass over {@code input} fills the filters of the fields that have one. */
    static Probe build(Dataset<Row> input, List<TransformedField> fields, long[] bits, long cap) {
      int n = fields.size();
      boolean[] multi = new boolean[n];
      boolean[] filtered = new boolean[n];
      List<TransformedField> withFilters = new ArrayList<>();
      List<Long> filterBits = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        multi[i] = isMulti(fields.get(i));
        filtered[i] = !comparesPieces(fields.get(i));
        if (filtered[i]) {
          withFilters.add(fields.get(i));
          filterBits.add(bits[i]);
        }
      }
      BlockedBloomFilter[] built =
          withFilters.isEmpty()
              ? new BlockedBloomFilter[0]
              : inputFilters(
                  input.select(texts(withFilters)),
                  onlyFiltered(multi, filtered),
                  filterBits.stream().mapToLong(Long::longValue).toArray());
      BlockedBloomFilter[] byField = new BlockedBloomFilter[n];
      for (int i = 0, j = 0; i < n; i++) {
        byField[i] = filtered[i] ? built[j++] : null;
      }
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext());
      return new Probe(fields, multi, filtered, jsc.broadcast(byField), cap);
    }

    /** The columns the pass over the output selects for {@link #probe}: one text per field. */
    Column[] columns() {
      return texts(fields);
    }

    Candidates noCandidates() {
      return new Candidates(multi.length, cap);
    }

    /**
     * Tests the values of one output row, whose fields' texts ({@link #columns}) start at column
     * {@code offset}: values a filter might contain, and every piece of a field without one, are
     * candidates.
     */
    void probe(InternalRow row, int offset, Candidates found) {
      BlockedBloomFilter[] f = filters.value();
      eachValue(
          row,
          offset,
          multi,
          (i, v) -> {
            if (!filtered[i] || f[i].mightContain(v)) {
              found.add(i, v.getBytes(), 1);
            }
          });
    }

    /**
     * Leaks among the candidates: none without candidates; the collected ones looked up in one pass
     * over the input; or, when there were too many to collect, a join.
     */
    long[] match(Dataset<Row> input, Dataset<Row> written, Candidates found) {
      List<Integer> suspects = new ArrayList<>();
      for (int i = 0; i < multi.length; i++) {
        if (found.counts[i] > 0) {
          suspects.add(i);
        }
      }
      if (suspects.isEmpty()) {
        return new long[fields.size()];
      }
      return found.values != null
          ? matchCollected(input, fields, suspects, found)
          : matchShuffled(input, written, fields, suspects, filters);
    }

    @Override
    public void close() {
      filters.destroy();
    }
  }

  private static boolean[] onlyFiltered(boolean[] multi, boolean[] filtered) {
    int n = 0;
    for (boolean b : filtered) {
      n += b ? 1 : 0;
    }
    boolean[] m = new boolean[n];
    for (int i = 0, j = 0; i < multi.length; i++) {
      if (filtered[i]) {
        m[j++] = multi[i];
      }
    }
    return m;
  }

  /**
   * What the pass over the output found: per field, how many values the filters might contain, and,
   * while there are at most {@code cap} distinct ones in all, those values with their counts. Each
   * task makes one, and a tree reduce merges them.
   */
  static final class Candidates implements Serializable {
    private static final long serialVersionUID = 1L;
    long[] counts;

    /** Per field, candidate value (UTF-8) to how often it occurs; null once over the cap. */
    ArrayList<HashMap<UTF8String, Long>> values;

    long distinct;
    long cap;

    Candidates(int fields, long cap) {
      this.counts = new long[fields];
      this.cap = cap;
      this.values = new ArrayList<>();
      for (int i = 0; i < fields; i++) {
        values.add(new HashMap<>());
      }
    }

    /**
     * {@code count} occurrences of {@code value} in field {@code field}; the bytes are copied if
     * kept.
     */
    void add(int field, byte[] value, long count) {
      counts[field] += count;
      if (values == null) {
        return;
      }
      HashMap<UTF8String, Long> seen = values.get(field);
      UTF8String key = UTF8String.fromBytes(value);
      Long before = seen.get(key);
      if (before != null) {
        seen.put(key, before + count);
      } else if (distinct < cap) {
        seen.put(UTF8String.fromBytes(value.clone()), count);
        distinct++;
      } else {
        values = null; // too many to hold: the caller reads the output again and shuffles
      }
    }

    Candidates merge(Candidates other) {
      if (other.values == null) {
        values = null;
      }
      for (int i = 0; i < counts.length; i++) {
        if (values == null) {
          counts[i] += other.counts[i];
          continue;
        }
        long taken = 0;
        for (Map.Entry<UTF8String, Long> e : other.values.get(i).entrySet()) {
          add(i, e.getKey().getBytes(), e.getValue());
          taken += e.getValue();
        }
        counts[i] += other.counts[i] - taken; // add() counted what it took; other counted them all
      }
      return this;
    }
  }

  /**
   * Leaks among collected candidates: one pass over the input values of the suspect fields looks
   * each up among the candidates of its field (broadcast: there are at most the cap of them),
   * comparing UTF-8 bytes, and each candidate found there counts as often as it occurs in the
   * output. A join would explode every input value into a row of its own first: at 5M rows that
   * took 20 s, for a few thousand candidates.
   */
  private static long[] matchCollected(
      Dataset<Row> input, List<TransformedField> fields, List<Integer> suspects, Candidates found) {
    int m = suspects.size();
    Column[] texts = texts(fields);
    Column[] read = new Column[m];
    boolean[] multi = new boolean[m];
    ArrayList<HashMap<UTF8String, Long>> wanted = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      int i = suspects.get(j);
      read[j] = texts[i];
      multi[j] = isMulti(fields.get(i));
      wanted.add(found.values.get(i));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext());
    Broadcast<ArrayList<HashMap<UTF8String, Long>>> shared = jsc.broadcast(wanted);
    try {
      JavaRDD<InternalRow> rows = input.select(read).queryExecution().toRdd().toJavaRDD();
      FlatMapFunction<Iterator<InternalRow>, ArrayList<HashSet<UTF8String>>> match =
          part -> {
            ArrayList<HashMap<UTF8String, Long>> candidates = shared.value();
            ArrayList<HashSet<UTF8String>> hits = new ArrayList<>();
            for (int j = 0; j < m; j++) {
              hits.add(new HashSet<>());
            }
            ValueSink lookUp =
                (j, v) -> {
                  if (candidates.get(j).containsKey(v) && !hits.get(j).contains(v)) {
                    hits.get(j).add(v.copy()); // v points into the row's buffer
                  }
                };
            while (part.hasNext()) {
              eachValue(part.next(), multi, lookUp);
            }
            return Collections.singletonList(hits).iterator();
          };
      long[] leaked = new long[fields.size()];
      if (rows.getNumPartitions() == 0) {
        return leaked;
      }
      ArrayList<HashSet<UTF8String>> hits =
          rows.mapPartitions(match)
              .treeReduce(
                  (a, b) -> {
                    for (int j = 0; j < m; j++) {
                      a.get(j).addAll(b.get(j));
                    }
                    return a;
                  });
      for (int j = 0; j < m; j++) {
        for (UTF8String v : hits.get(j)) {
          leaked[suspects.get(j)] += wanted.get(j).get(v);
        }
      }
      return leaked;
    } finally {
      shared.destroy();
    }
  }

  /**
   * Takes the values of a row's fields: field number, and the value as Spark holds it (only valid
   * during the call).
   */
  @FunctionalInterface
  private interface ValueSink {
    void accept(int field, UTF8String value);
  }

  /**
   * Every non-null value of {@code r}, a row of one text column per field (as {@link #texts}
   * selects them): a string, or each non-null element of an array for a field under arrays.
   */
  private static void eachValue(InternalRow r, boolean[] multi, ValueSink sink) {
    eachValue(r, 0, multi, sink);
  }

  /** The same, for a row whose fields start at column {@code offset}. */
  private static void eachValue(InternalRow r, int offset, boolean[] multi, ValueSink sink) {
    for (int i = 0; i < multi.length; i++) {
      if (r.isNullAt(offset + i)) {
        continue;
      }
      if (!multi[i]) {
        sink.accept(i, r.getUTF8String(offset + i));
        continue;
      }
      ArrayData values = r.getArray(offset + i);
      for (int j = 0; j < values.numElements(); j++) {
        if (!values.isNullAt(j)) {
          sink.accept(i, values.getUTF8String(j));
        }
      }
    }
  }

  /**
   * Leaks when there were too many candidates to collect. The output is read again for the suspect
   * fields' candidates, counted per distinct value; a second, small filter of those values (the
   * candidates are a few percent of the values at most, short of a real leak) picks out the input
   * values that might be among them; and only those are joined with the candidates. Joining every
   * input value instead shuffled the whole of the checked columns: at 10M rows that took more time
   * than the rest of the job.
   */
  private static long[] matchShuffled(
      Dataset<Row> input,
      Dataset<Row> written,
      List<TransformedField> fields,
      List<Integer> suspects,
      Broadcast<BlockedBloomFilter[]> shared) {
    // Kept for the filter and the join below, then released: in local mode the executors'
    // blocks live in the driver's heap, and on a cluster they would hold executor memory.
    Dataset<Row> candidates =
        values(written, fields, suspects)
            .where(
                probeOf(
                    suspects,
                    i ->
                        comparesPieces(fields.get(i)) // no filter: every piece found is a candidate
                            ? functions.lit(true)
                            : Utf8Predicate.call(new MightContain(shared, i), functions.col("v"))))
            .groupBy("f", "v")
            .count()
            .persist(StorageLevel.MEMORY_AND_DISK());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext());
    try {
      Broadcast<BlockedBloomFilter[]> ofCandidates =
          jsc.broadcast(candidateFilters(candidates, fields.size(), suspects));
      try {
        Dataset<Row> matched =
            values(input, fields, suspects)
                .where(
                    probeOf(
                        suspects,
                        i ->
                            Utf8Predicate.call(
                                new MightContain(ofCandidates, i), functions.col("v"))))
                .distinct();
        scala.collection.immutable.Seq<String> key =
            CollectionConverters.asScala(List.of("f", "v")).toSeq();
        long[] leaked = new long[fields.size()];
        for (Row r :
            candidates
                .join(matched, key, "left_semi")
                .groupBy("f")
                .agg(functions.sum("count"))
                .collectAsList()) {
          leaked[r.getInt(0)] = r.getLong(1);
        }
        return leaked;
      } finally {
        ofCandidates.destroy();
      }
    } finally {
      candidates.unpersist(false);
    }
  }

  /**
   * One filter per suspect field of its distinct candidates {@code (f, v, count)}, indexed by field
   * (null for the others), each sized for {@link #CANDIDATE_FPP}; the bits of all together stay
   * within {@link #BUDGET_BITS}, which only a real leak of most values would reach.
   */
  private static BlockedBloomFilter[] candidateFilters(
      Dataset<Row> candidates, int fieldCount, List<Integer> suspects) {
    long[] distinct = new long[fieldCount];
    for (Row r : candidates.groupBy("f").count().collectAsList()) {
      distinct[r.getInt(0)] = r.getLong(1);
    }
    int m = suspects.size();
    long[] bits = new long[m];
    long total = 0;
    Column[] columns = new Column[m];
    for (int j = 0; j < m; j++) {
      int i = suspects.get(j);
      bits[j] = BlockedBloomFilter.bitsFor(distinct[i], CANDIDATE_FPP);
      total += bits[j];
      columns[j] = functions.when(functions.col("f").equalTo(i), functions.col("v")).as("t" + j);
    }
    for (int j = 0; j < m && total > BUDGET_BITS; j++) {
      bits[j] =
          Math.max(BlockedBloomFilter.BLOCK_BITS, (long) ((double) bits[j] * BUDGET_BITS / total));
    }
    BlockedBloomFilter[] built = inputFilters(candidates.select(columns), new boolean[m], bits);
    BlockedBloomFilter[] byField = new BlockedBloomFilter[fieldCount];
    for (int j = 0; j < m; j++) {
      byField[suspects.get(j)] = built[j];
    }
    return byField;
  }

  /** {@code CASE f WHEN i THEN test(i) ... END} over the suspect fields. */
  private static Column probeOf(List<Integer> suspects, IntFunction<Column> test) {
    Column c = null;
    for (int i : suspects) {
      Column when = functions.col("f").equalTo(i);
      c = c == null ? functions.when(when, test.apply(i)) : c.when(when, test.apply(i));
    }
    return c;
  }

  /**
   * Whether field {@code field}'s filter might hold a value, tested on the UTF-8 bytes Spark holds,
   * as the filters were filled. A Java UDF decoded every output value into a Java string, and
   * {@code mightContainString} encoded it back into bytes.
   */
  private static final class MightContain implements Utf8Predicate {
    private static final long serialVersionUID = 1L;
    private final Broadcast<BlockedBloomFilter[]> filters;
    private final int field;

    MightContain(Broadcast<BlockedBloomFilter[]> filters, int field) {
      this.filters = filters;
      this.field = field;
    }

    @Override
    public boolean test(UTF8String value) {
      return filters.value()[field].mightContain(value);
    }

    @Override
    public String toString() {
      return "veil_bloom_might_contain";
    }
  }

  /**
   * Each field's values as text: a string, or an array of strings for a field under arrays or maps
   * or one whose op compares pieces of its values ({@link ColumnOperation#leakValues}).
   */
  private static Column[] texts(List<TransformedField> fields) {
    Column[] c = new Column[fields.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = text(fields.get(i)).as("t" + i);
    }
    return c;
  }

  private static boolean isMulti(TransformedField f) {
    return PathValues.isMulti(f.path()) || comparesPieces(f);
  }

  private static boolean comparesPieces(TransformedField f) {
    return f.operation() != null
        && f.operation().leakValues(functions.lit(null).cast(DataTypes.StringType)) != null;
  }

  /** One field's values as text or an array of texts, as {@link #isMulti} says. */
  private static Column text(TransformedField f) {
    ColumnPath path = f.path();
    ColumnOperation op = f.operation();
    Column v = PathValues.at(path);
    if (comparesPieces(f)) {
      return PathValues.isMulti(path)
          ? functions.flatten(
              functions.transform(v, x -> op.leakValues(x.cast(DataTypes.StringType))))
          : op.leakValues(v.cast(DataTypes.StringType));
    }
    return PathValues.isMulti(path)
        ? v.cast(DataTypes.createArrayType(DataTypes.StringType))
        : v.cast(DataTypes.StringType);
  }

  /**
   * One Bloom filter per field of the values in {@code in}. Each task builds its own filters and a
   * tree reduce merges them: the filters are made where they are filled, so no empty filter travels
   * inside the task closure, and the input is read in at most {@link #MAX_BLOOM_TASKS} tasks, since
   * every task's filters are merged into the result. The values are read where they are (one column
   * per field, arrays walked in place) and hashed as Spark holds them, UTF-8 bytes: no rows
   * exploded, no Java strings, no copies.
   */
  private static BlockedBloomFilter[] inputFilters(
      Dataset<Row> texts, boolean[] multi, long[] bits) {
    JavaRDD<InternalRow> rows = texts.queryExecution().toRdd().toJavaRDD();
    int tasks =
        Math.min(
            rows.getNumPartitions(),
            Math.min(MAX_BLOOM_TASKS, rows.context().defaultParallelism()));
    FlatMapFunction<Iterator<InternalRow>, BlockedBloomFilter[]> build =
        part -> {
          BlockedBloomFilter[] f = emptyFilters(bits);
          ValueSink put = (i, v) -> f[i].put(v);
          while (part.hasNext()) {
            eachValue(part.next(), multi, put);
          }
          return Collections.singletonList(f).iterator();
        };
    if (tasks == 0) {
      return emptyFilters(bits); // an RDD of no partitions: nothing to reduce
    }
    return rows.coalesce(tasks)
        .mapPartitions(build)
        .treeReduce(
            (a, b) -> {
              for (int i = 0; i < a.length; i++) {
                a[i].merge(b[i]);
              }
              return a;
            });
  }

  private static BlockedBloomFilter[] emptyFilters(long[] bits) {
    BlockedBloomFilter[] f = new BlockedBloomFilter[bits.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = new BlockedBloomFilter(bits[i]);
    }
    return f;
  }

  /**
   * The non-null values of the fields numbered {@code which} (indices into {@code fields}), one row
   * each {@code (f: field index, v: value as text)}, exploded through arrays and maps, in one pass
   * over {@code df} that reads only those fields' columns.
   */
  private static Dataset<Row> values(
      Dataset<Row> df, List<TransformedField> fields, List<Integer> which) {
    List<Column> parts = new ArrayList<>();
    for (int i : which) {
      Column index = functions.lit(i);
      Column v = text(fields.get(i));
      parts.add(
          isMulti(fields.get(i))
              ? functions.coalesce(
                  functions.transform(v, x -> functions.struct(index.as("f"), x.as("v"))),
                  functions.array())
              : functions.array(functions.struct(index.as("f"), v.as("v"))));
    }
    Column all = parts.size() == 1 ? parts.get(0) : functions.concat(parts.toArray(new Column[0]));
    return df.select(functions.explode(all).as("e"))
        .select(functions.col("e.f").as("f"), functions.col("e.v").as("v"))
        .where(functions.col("v").isNotNull());
  }
}
