package io.veil.job.verify;

import io.veil.spark.ColumnPath;
import io.veil.spark.ColumnRewriter;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One pass over what was written for every check that looks at each row: the row count, each kept
 * path's checksum, the rows in each output partition, and the leak check's candidates. Each of
 * these was a pass of its own, and on a table of short columns a pass costs about as much as the
 * read it makes. Spark computes the hashes and texts in its generated code; each task adds them up
 * here, and a tree reduce merges the tasks' results (a few numbers, one count per output partition,
 * and the candidates up to the leak check's cap).
 */
final class OutputScan {
  private OutputScan() {}

  /** What the pass found, per task and then merged. */
  static final class Result implements Serializable {
    private static final long serialVersionUID = 1L;
    long rows;

    /** Three sums per kept path, as {@link Checksum#add} keeps them. */
    final long[] sums;

    /** Rows per output partition, by the partition columns' values as text. */
    final HashMap<List<String>, Long> partitions = new HashMap<>();

    /** The leak check's candidates; null when the table has no leak check. */
    LeakCheck.Candidates candidates;

    Result(int kept, LeakCheck.Probe leak) {
      this.sums = new long[3 * kept];
      this.candidates = leak == null ? null : leak.noCandidates();
    }

    Result merge(Result other) {
      rows += other.rows;
      for (int i = 0; i < sums.length; i++) {
        sums[i] += other.sums[i];
      }
      other.partitions.forEach((k, n) -> partitions.merge(k, n, Long::sum));
      if (candidates != null) {
        candidates.merge(other.candidates);
      }
      return this;
    }

    /**
     * Kept path {@code i}'s checksum as {@link Checksum#of} gives it: a row of three sums, of nulls
     * over no rows (Spark's sum of nothing).
     */
    Row checksum(int i) {
      return rows == 0
          ? RowFactory.create(null, null, null)
          : RowFactory.create(sums[3 * i], sums[3 * i + 1], sums[3 * i + 2]);
    }

    private void count(UTF8String[] key, long rows) {
      if (key == null) {
        return;
      }
      List<String> k = new ArrayList<>(key.length);
      for (UTF8String v : key) {
        k.add(v == null ? null : v.toString());
      }
      partitions.merge(k, rows, Long::sum);
    }

    Map<List<String>, Long> partitionRows() {
      return Collections.unmodifiableMap(partitions);
    }
  }

  /**
   * Reads {@code written} once.
   *
   * @param kept the paths whose checksums to take
   * @param partitionBy the output's partition columns (empty: none)
   * @param leak the prepared leak check, or null
   */
  static Result run(
      Dataset<Row> written, List<ColumnPath> kept, List<String> partitionBy, LeakCheck.Probe leak) {
    List<Column> columns = new ArrayList<>();
    for (ColumnPath p : kept) {
      columns.add(Checksum.hash(p, written.schema()));
    }
    for (String c : partitionBy) {
      columns.add(functions.col(ColumnRewriter.quoteForColumn(c)).cast(DataTypes.StringType));
    }
    if (leak != null) {
      columns.addAll(Arrays.asList(leak.columns()));
    }
    int k = kept.size();
    int p = partitionBy.size();
    JavaRDD<InternalRow> rows =
        written.select(columns.toArray(new Column[0])).queryExecution().toRdd().toJavaRDD();
    if (rows.getNumPartitions() == 0) {
      return new Result(k, leak);
    }
    FlatMapFunction<Iterator<InternalRow>, Result> scan =
        part -> {
          Result r = new Result(k, leak);
          // A file holds one output partition, so rows come in runs of the same key: counted
          // as runs, with no key made per row.
          UTF8String[] key = null;
          long run = 0;
          while (part.hasNext()) {
            InternalRow row = part.next();
            r.rows++;
            for (int i = 0; i < k; i++) {
              Checksum.add(r.sums, 3 * i, row.getLong(i));
            }
            if (p > 0) {
              if (key == null || !sameKey(row, k, key)) {
                r.count(key, run);
                key = keyOf(row, k, p);
                run = 0;
              }
              run++;
            }
            if (leak != null) {
              leak.probe(row, k + p, r.candidates);
            }
          }
          r.count(key, run);
          return Collections.singletonList(r).iterator();
        };
    return rows.mapPartitions(scan).treeReduce(Result::merge);
  }

  private static boolean sameKey(InternalRow row, int at, UTF8String[] key) {
    for (int i = 0; i < key.length; i++) {
      boolean isNull = row.isNullAt(at + i);
      if (isNull != (key[i] == null) || !isNull && !key[i].equals(row.getUTF8String(at + i))) {
        return false;
      }
    }
    return true;
  }

  /** The row's partition values, copied out of its buffer. */
  private static UTF8String[] keyOf(InternalRow row, int at, int n) {
    UTF8String[] key = new UTF8String[n];
    for (int i = 0; i < n; i++) {
      key[i] = row.isNullAt(at + i) ? null : row.getUTF8String(at + i).copy();
    }
    return key;
  }
}
