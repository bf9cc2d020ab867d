package io.veil.job.verify;

import io.veil.job.plan.TablePlan;
import io.veil.spark.ColumnOperation;
import io.veil.spark.ColumnPath;
import io.veil.spark.PathValues;
import io.veil.spark.TransformedField;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Leaks: for each transformed field whose op promises to change values, how many output values
 * equal some input value of the same field. Counted exactly, at Spark scale (counts and at most
 * {@link #COLLECT_CANDIDATES} candidate values reach the driver), in one of two ways:
 *
 * <ul>
 *   <li>While Bloom filters of the fields' input values fit {@link #BUDGET_BITS} with few false
 *       positives: one pass over the input builds them ({@link BlockedBloomFilter}: one cache line
 *       a value); the verifier's one pass over the output ({@link OutputScan}) collects, per field,
 *       the values the filters might contain (the candidates); and only if there are candidates,
 *       one pass over the input values of the fields that have any looks them up (broadcast).
 *   <li>On larger tables, where a filter of bounded size would let through a share of the values
 *       that grows with them (and the candidates with its square), {@link FingerprintMatch}
 *       compares the fields' 64-bit fingerprints in a shuffle, hash range by hash range, and looks
 *       up by text only the fingerprints found on both sides: linear in the values, with bounded
 *       memory in every task and on the driver.
 * </ul>
 *
 * <p>Fields whose op compares pieces of text (redact) have neither: every piece of personal data
 * found in the output is a candidate, and there are normally none. Too many candidates to collect
 * (a real leak of most values) go to {@link FingerprintMatch} too.
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
   * beyond, {@link FingerprintMatch} compares the fields' fingerprints.
   */
  private static final long COLLECT_CANDIDATES = 200_000;

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
    long[] bits = filterBits(expected);
    int[] filtered =
        IntStream.range(0, fields.size()).filter(i -> !comparesPieces(fields.get(i))).toArray();
    boolean fit =
        filtersFit(
            Arrays.stream(filtered).mapToLong(i -> expected[i]).toArray(),
            Arrays.stream(filtered).mapToLong(i -> bits[i]).toArray());
    return Probe.build(
        plan.input(), fields, fit ? bits : null, COLLECT_CANDIDATES, Arrays.stream(expected).sum());
  }

  /**
   * Whether filters of {@code bits} let through few enough of {@code expected} values to collect (a
   * quarter of the cap, on average): otherwise the fingerprints' comparison costs less than reading
   * the output again for the candidates and looking them up.
   */
  static boolean filtersFit(long[] expected, long[] bits) {
    double falsePositives = 0;
    for (int i = 0; i < expected.length; i++) {
      falsePositives +=
          expected[i] * BlockedBloomFilter.falsePositiveRate((double) bits[i] / expected[i]);
    }
    return falsePositives <= COLLECT_CANDIDATES / 4.0;
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
   * filter of {@code bits[i]} bits for field {@code i}, or by fingerprints when {@code bits} is
   * null; up to {@code collectCandidates} distinct candidates are collected and looked up in the
   * input values, more are compared by fingerprints. The passes of a job's check, the output read
   * by {@link OutputScan} alone. Package-private so that tests can force false positives and every
   * path.
   */
  static long[] count(
      Dataset<Row> input,
      Dataset<Row> written,
      List<TransformedField> fields,
      long[] bits,
      long collectCandidates) {
    try (Probe probe = Probe.build(input, fields, bits, collectCandidates, 0)) {
      Candidates found = OutputScan.run(written, List.of(), List.of(), probe).candidates;
      return probe.match(input, written, found);
    }
  }

  /**
   * The leak check between its passes: the fields, the filters of their input values (broadcast),
   * and the test of an output row's values against them. Fields whose op compares pieces of text
   * (redact) have no filter: every piece of personal data found in the output is a candidate, and
   * there are normally none, since the op removed what the same detectors found in the input. So
   * their input is read only when the output holds such pieces, not to fill a filter. Without
   * filters (a large table) the other fields are not tested in the output scan at all: {@link
   * FingerprintMatch} compares them.
   */
  static final class Probe implements Serializable, AutoCloseable {
    private static final long serialVersionUID = 1L;

    /** The driver's: the tasks need only what {@link #probe} reads. */
    final transient List<TransformedField> fields;

    /** Fields compared by fingerprints, not tested in the output scan; the driver's. */
    private final transient List<Integer> fingerprinted;

    /** Input values of all fields together, an estimate; the driver's. */
    private final transient long expectedValues;

    /** The fields the output scan tests, indices into {@link #fields}. */
    private final int[] probed;

    private final boolean[] multi;
    private final boolean[] filtered;
    private final Broadcast<BlockedBloomFilter[]> filters;
    private final long cap;
    private final int fieldCount;

    private Probe(
        List<TransformedField> fields,
        List<Integer> fingerprinted,
        long expectedValues,
        int[] probed,
        boolean[] multi,
        boolean[] filtered,
        Broadcast<BlockedBloomFilter[]> filters,
        long cap) {
      this.fields = fields;
      this.fingerprinted = fingerprinted;
      this.expectedValues = expectedValues;
      this.probed = probed;
      this.multi = multi;
      this.filtered = filtered;
      this.filters = filters;
      this.cap = cap;
      this.fieldCount = fields.size();
    }

    /**
     * One pass over {@code input} fills the filters of the fields that have one, of {@code bits[i]}
     * bits for field {@code i}; none when {@code bits} is null.
     */
    static Probe build(
        Dataset<Row> input,
        List<TransformedField> fields,
        long[] bits,
        long cap,
        long expectedValues) {
      List<Integer> probed = new ArrayList<>();
      List<Integer> fingerprinted = new ArrayList<>();
      List<Integer> withFilters = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        if (comparesPieces(fields.get(i))) {
          probed.add(i);
        } else if (bits == null) {
          fingerprinted.add(i);
        } else {
          probed.add(i);
          withFilters.add(i);
        }
      }
      int n = probed.size();
      boolean[] multi = new boolean[n];
      boolean[] filtered = new boolean[n];
      for (int j = 0; j < n; j++) {
        multi[j] = isMulti(fields.get(probed.get(j)));
        filtered[j] = withFilters.contains(probed.get(j));
      }
      List<TransformedField> filteredFields = new ArrayList<>();
      long[] filterBits = new long[withFilters.size()];
      boolean[] filteredMulti = new boolean[withFilters.size()];
      for (int k = 0; k < withFilters.size(); k++) {
        filteredFields.add(fields.get(withFilters.get(k)));
        filterBits[k] = bits[withFilters.get(k)];
        filteredMulti[k] = isMulti(filteredFields.get(k));
      }
      BlockedBloomFilter[] built =
          withFilters.isEmpty()
              ? new BlockedBloomFilter[0]
              : inputFilters(input.select(texts(filteredFields)), filteredMulti, filterBits);
      BlockedBloomFilter[] byProbed = new BlockedBloomFilter[n];
      for (int j = 0, k = 0; j < n; j++) {
        byProbed[j] = filtered[j] ? built[k++] : null;
      }
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext());
      return new Probe(
          fields,
          fingerprinted,
          expectedValues,
          probed.stream().mapToInt(Integer::intValue).toArray(),
          multi,
          filtered,
          jsc.broadcast(byProbed),
          cap);
    }

    /**
     * The columns the pass over the output selects for {@link #probe}: one text per field tested.
     */
    Column[] columns() {
      List<TransformedField> tested = new ArrayList<>();
      for (int i : probed) {
        tested.add(fields.get(i));
      }
      return texts(tested);
    }

    /** What a task of the output scan starts from: no candidates, for each of the fields. */
    Candidates noCandidates() {
      return new Candidates(fieldCount, cap);
    }

    /**
     * Tests the values of one output row, whose tested fields' texts ({@link #columns}) start at
     * column {@code offset}: values a filter might contain, and every piece of a field without one,
     * are candidates.
     */
    void probe(InternalRow row, int offset, Candidates found) {
      BlockedBloomFilter[] f = filters.value();
      eachValue(
          row,
          offset,
          multi,
          (j, v) -> {
            if (!filtered[j] || f[j].mightContain(v)) {
              found.add(probed[j], v, 1);
            }
          });
    }

    /**
     * Leaks: the candidates collected looked up in one pass over the input (none without
     * candidates), and the fields without filters, or with too many candidates to collect, compared
     * by fingerprints.
     */
    long[] match(Dataset<Row> input, Dataset<Row> written, Candidates found) {
      List<Integer> suspects = new ArrayList<>();
      for (int i : probed) {
        if (found.counts[i] > 0) {
          suspects.add(i);
        }
      }
      long[] leaked = new long[fields.size()];
      List<Integer> byFingerprint = new ArrayList<>(fingerprinted);
      if (!suspects.isEmpty() && found.values != null) {
        leaked = matchCollected(input, fields, suspects, found);
      } else {
        byFingerprint.addAll(suspects);
      }
      if (!byFingerprint.isEmpty()) {
        long[] compared =
            FingerprintMatch.count(input, written, fields, byFingerprint, expectedValues, cap);
        for (int i : byFingerprint) {
          leaked[i] = compared[i];
        }
      }
      return leaked;
    }

    @Override
    public void close() {
      filters.destroy();
    }
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
     * {@code count} occurrences of {@code value} in field {@code field}. The value may point into a
     * row's reused buffer: it is looked up as it is (most candidates are values seen before, such
     * as a truncated date or a rounded amount) and copied only when kept.
     */
    void add(int field, UTF8String value, long count) {
      counts[field] += count;
      if (values == null) {
        return;
      }
      HashMap<UTF8String, Long> seen = values.get(field);
      Long before = seen.get(value);
      if (before != null) {
        seen.put(value, before + count); // replaces the count only: the kept key stays
      } else if (distinct < cap) {
        seen.put(value.copy(), count);
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
          add(i, e.getKey(), e.getValue());
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
  static long[] matchCollected(
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
  interface ValueSink {
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
  static void eachValue(InternalRow r, int offset, boolean[] multi, ValueSink sink) {
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
   * Each field's values as text: a string, or an array of strings for a field under arrays or maps
   * or one whose op compares pieces of its values ({@link ColumnOperation#leakValues}).
   */
  static Column[] texts(List<TransformedField> fields) {
    Column[] c = new Column[fields.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = text(fields.get(i)).as("t" + i);
    }
    return c;
  }

  static boolean isMulti(TransformedField f) {
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
}
