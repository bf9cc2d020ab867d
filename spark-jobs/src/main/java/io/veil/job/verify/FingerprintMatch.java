package io.veil.job.verify;

import io.veil.spark.TransformedField;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Tuple2;

/**
 * The leak check's match at any number of values, where Bloom filters of a bounded size would let
 * through a share of the values that grows with them. Each value becomes a 64-bit fingerprint
 * (XXH64 under a random seed per field and run); each task sorts its fingerprints and sends them,
 * in blocks of one hash range, to the task of that range, which compares the input's with the
 * output's. Only fingerprints found on both sides are looked up by their text, as {@link LeakCheck}
 * looks up its collected candidates, so the count stays exact: equal values have equal
 * fingerprints, and a fingerprint shared by unequal values is dropped by the text comparison.
 *
 * <p>It costs one read of each side's checked columns and a shuffle of 8 bytes per distinct input
 * value and 16 per distinct output value; each comparing task holds about {@link #VALUES_PER_TASK}
 * values a side, and the driver only the matches. When more than the cap of distinct fingerprints
 * match (most of a column leaking), their texts are not collected and the fingerprints' count is
 * reported: it can exceed the exact one only by fingerprints shared by unequal values, on average
 * {@code input values * output values / 2^64} per field (2 * 10^-5 at 20M values each).
 *
 * <p>The seed is drawn per run and never leaves the job, so the fingerprints in Spark's shuffle
 * files cannot be recomputed from guessed values without it; the same files of a plain Spark job
 * hold the values themselves.
 */
final class FingerprintMatch {
  /** Values of one side that a comparing task sorts and holds: 2M longs, 16 MB. */
  private static final long VALUES_PER_TASK = 2_000_000;

  private FingerprintMatch() {}

  /**
   * Output values of fields {@code which} (indices into {@code fields}) equal to an input value of
   * the same field, indexed like {@code fields}; {@code expectedValues} (input values of those
   * fields together, an estimate) sizes the comparison, {@code cap} bounds the matches collected.
   */
  static long[] count(
      Dataset<Row> input,
      Dataset<Row> written,
      List<TransformedField> fields,
      List<Integer> which,
      long expectedValues,
      long cap) {
    return count(input, written, fields, which, expectedValues, cap, -1L);
  }

  /**
   * The same with fingerprints cut to the bits of {@code mask}: tests shorten them to make unequal
   * values share fingerprints.
   */
  static long[] count(
      Dataset<Row> input,
      Dataset<Row> written,
      List<TransformedField> fields,
      List<Integer> which,
      long expectedValues,
      long cap,
      long mask) {
    int m = which.size();
    boolean[] multi = new boolean[m];
    List<TransformedField> selected = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      selected.add(fields.get(which.get(j)));
      multi[j] = LeakCheck.isMulti(selected.get(j));
    }
    Column[] texts = LeakCheck.texts(selected);
    long[] seeds = new SecureRandom().longs(m).toArray();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext());
    int ranges =
        (int)
            Math.min(
                10_000,
                Math.max(
                    jsc.defaultParallelism(),
                    (expectedValues + VALUES_PER_TASK - 1) / VALUES_PER_TASK));
    Fingerprints fp = new Fingerprints(multi, seeds, mask, ranges);
    JavaPairRDD<Integer, Block> in = rows(input, texts).mapPartitionsToPair(fp.blocks(false));
    JavaPairRDD<Integer, Block> out = rows(written, texts).mapPartitionsToPair(fp.blocks(true));
    Matches matched =
        in.union(out)
            .partitionBy(new HashPartitioner(ranges))
            .mapPartitions(compare(m, cap))
            .treeReduce(Matches::merge);
    long[] byFingerprint = new long[fields.size()];
    for (int j = 0; j < m; j++) {
      byFingerprint[which.get(j)] = matched.counts[j];
    }
    if (matched.sets == null || Arrays.stream(matched.counts).sum() == 0) {
      return byFingerprint; // too many to look up by text, or none at all
    }
    LeakCheck.Candidates found = texts(written, texts, fp, matched, fields.size(), which, cap, jsc);
    if (found.values == null) { // more texts than fingerprints: only shared fingerprints do that
      return byFingerprint;
    }
    List<Integer> suspects = which.stream().filter(i -> found.counts[i] > 0).toList();
    return suspects.isEmpty()
        ? new long[fields.size()]
        : LeakCheck.matchCollected(input, fields, suspects, found);
  }

  private static JavaRDD<InternalRow> rows(Dataset<Row> df, Column[] texts) {
    return df.select(texts).queryExecution().toRdd().toJavaRDD();
  }

  /**
   * The texts of the output values whose fingerprints matched, with how often each occurs: one more
   * read of the output's checked columns, which only a leak (or a shared fingerprint) causes.
   */
  private static LeakCheck.Candidates texts(
      Dataset<Row> written,
      Column[] texts,
      Fingerprints fp,
      Matches matched,
      int fieldCount,
      List<Integer> which,
      long cap,
      JavaSparkContext jsc) {
    long[][] sets = new long[which.size()][];
    for (int j = 0; j < sets.length; j++) {
      sets[j] = matched.sets.get(j).stream().mapToLong(Long::longValue).sorted().toArray();
    }
    int[] index = which.stream().mapToInt(Integer::intValue).toArray();
    Broadcast<long[][]> shared = jsc.broadcast(sets);
    try {
      FlatMapFunction<Iterator<InternalRow>, LeakCheck.Candidates> collect =
          part -> {
            long[][] wanted = shared.value();
            LeakCheck.Candidates found = new LeakCheck.Candidates(fieldCount, cap);
            while (part.hasNext()) {
              LeakCheck.eachValue(
                  part.next(),
                  0,
                  fp.multi,
                  (j, v) -> {
                    if (Arrays.binarySearch(wanted[j], fp.of(j, v)) >= 0) {
                      found.add(index[j], v, 1);
                    }
                  });
            }
            return List.of(found).iterator();
          };
      JavaRDD<InternalRow> rows = rows(written, texts);
      return rows.getNumPartitions() == 0
          ? new LeakCheck.Candidates(fieldCount, cap)
          : rows.mapPartitions(collect).treeReduce(LeakCheck.Candidates::merge);
    } finally {
      shared.destroy();
    }
  }

  /** How values become fingerprints and fingerprints ranges: the tasks' copy. */
  private static final class Fingerprints implements Serializable {
    private static final long serialVersionUID = 1L;
    final boolean[] multi;
    private final long[] seeds;
    private final long mask;
    private final int ranges;

    Fingerprints(boolean[] multi, long[] seeds, long mask, int ranges) {
      this.multi = multi;
      this.seeds = seeds;
      this.mask = mask;
      this.ranges = ranges;
    }

    long of(int field, UTF8String v) {
      return XXH64.hashUnsafeBytes(v.getBaseObject(), v.getBaseOffset(), v.numBytes(), seeds[field])
          & mask;
    }

    /**
     * The range of fingerprint {@code h}: its high 32 bits, taken as signed so that ranges follow
     * the signed order a sort gives, scaled to the number of ranges.
     */
    int range(long h) {
      return (int) ((((h >> 32) + (1L << 31)) * ranges) >>> 32);
    }

    /**
     * A task's fingerprints, per field sorted once and cut into one block per range: distinct for
     * the input, with how often each occurs for the output.
     */
    PairFlatMapFunction<Iterator<InternalRow>, Integer, Block> blocks(boolean output) {
      return part -> {
        LongList[] values = new LongList[multi.length];
        for (int j = 0; j < values.length; j++) {
          values[j] = new LongList();
        }
        while (part.hasNext()) {
          LeakCheck.eachValue(part.next(), 0, multi, (j, v) -> values[j].add(of(j, v)));
        }
        List<Tuple2<Integer, Block>> blocks = new ArrayList<>();
        for (int j = 0; j < values.length; j++) {
          long[] sorted = values[j].sorted();
          values[j] = null;
          int start = 0;
          while (start < sorted.length) {
            int range = range(sorted[start]);
            int end = start + 1;
            while (end < sorted.length && range(sorted[end]) == range) {
              end++;
            }
            blocks.add(new Tuple2<>(range, Block.of(j, sorted, start, end, output)));
            start = end;
          }
        }
        return blocks.iterator();
      };
    }
  }

  /**
   * One task's sorted fingerprints of one field in one range: distinct, and for the output with how
   * often each occurs.
   */
  static final class Block implements Serializable {
    private static final long serialVersionUID = 1L;
    final int field;
    final long[] hashes;

    /** Occurrences of each hash; null for the input's. */
    final long[] counts;

    private Block(int field, long[] hashes, long[] counts) {
      this.field = field;
      this.hashes = hashes;
      this.counts = counts;
    }

    static Block of(int field, long[] sorted, int from, int to, boolean counted) {
      long[] hashes = new long[to - from];
      long[] counts = counted ? new long[to - from] : null;
      int n = 0;
      for (int i = from; i < to; i++) {
        if (n == 0 || hashes[n - 1] != sorted[i]) {
          hashes[n++] = sorted[i];
        }
        if (counted) {
          counts[n - 1]++;
        }
      }
      return new Block(field, Arrays.copyOf(hashes, n), counted ? Arrays.copyOf(counts, n) : null);
    }
  }

  /**
   * The comparison of one range: the input's fingerprints of each field into one sorted array, and
   * each output fingerprint looked up in it.
   */
  private static FlatMapFunction<Iterator<Tuple2<Integer, Block>>, Matches> compare(
      int fields, long cap) {
    return part -> {
      List<List<long[]>> inputs = new ArrayList<>();
      List<List<Block>> outputs = new ArrayList<>();
      for (int j = 0; j < fields; j++) {
        inputs.add(new ArrayList<>());
        outputs.add(new ArrayList<>());
      }
      while (part.hasNext()) {
        Block b = part.next()._2();
        if (b.counts == null) {
          inputs.get(b.field).add(b.hashes);
        } else {
          outputs.get(b.field).add(b);
        }
      }
      Matches found = new Matches(fields, cap);
      for (int j = 0; j < fields; j++) {
        if (inputs.get(j).isEmpty() || outputs.get(j).isEmpty()) {
          continue;
        }
        long[] in = concat(inputs.get(j));
        inputs.set(j, null);
        Arrays.sort(in);
        for (Block out : outputs.get(j)) {
          for (int i = 0; i < out.hashes.length; i++) {
            if (Arrays.binarySearch(in, out.hashes[i]) >= 0) {
              found.add(j, out.hashes[i], out.counts[i]);
            }
          }
        }
      }
      return List.of(found).iterator();
    };
  }

  private static long[] concat(List<long[]> arrays) {
    long[] all = new long[arrays.stream().mapToInt(a -> a.length).sum()];
    int at = 0;
    for (long[] a : arrays) {
      System.arraycopy(a, 0, all, at, a.length);
      at += a.length;
    }
    return all;
  }

  /**
   * Per field, how many output values have fingerprints among the input's, and while there are at
   * most the cap of distinct ones in all, those fingerprints.
   */
  static final class Matches implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] counts;

    /** Per field, the matched fingerprints; null once over the cap. */
    ArrayList<HashSet<Long>> sets;

    private long distinct;
    private final long cap;

    Matches(int fields, long cap) {
      this.counts = new long[fields];
      this.cap = cap;
      this.sets = new ArrayList<>();
      for (int j = 0; j < fields; j++) {
        sets.add(new HashSet<>());
      }
    }

    void add(int field, long hash, long occurrences) {
      counts[field] += occurrences;
      keep(field, hash);
    }

    private void keep(int field, long hash) {
      if (sets == null || sets.get(field).contains(hash)) {
        return;
      }
      if (distinct < cap) {
        sets.get(field).add(hash);
        distinct++;
      } else {
        sets = null; // too many to look up by text: the fingerprints' count stands
      }
    }

    Matches merge(Matches other) {
      for (int j = 0; j < counts.length; j++) {
        counts[j] += other.counts[j];
      }
      if (other.sets == null) {
        sets = null;
      }
      for (int j = 0; j < counts.length && sets != null; j++) {
        for (long h : other.sets.get(j)) {
          keep(j, h);
        }
      }
      return this;
    }
  }

  /** A growable array of longs: a task's fingerprints of one field, unboxed. */
  private static final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[size++] = v;
    }

    long[] sorted() {
      long[] a = Arrays.copyOf(values, size);
      Arrays.sort(a);
      return a;
    }
  }
}
