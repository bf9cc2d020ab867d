package io.veil.job.verify;

import io.veil.spark.ColumnPath;
import io.veil.spark.PathValues;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Order-independent checksum of the values at a path: the sum of their 64-bit hashes, kept exact as
 * three sums of 21 or 22-bit slices of each hash (a struct of three longs, which cannot overflow
 * below 2^41 rows). Summing primitive longs costs a fraction of a decimal sum, and this runs over
 * every kept column twice: while writing and over what was written.
 */
public final class Checksum {
  private Checksum() {}

  private static final long LOW_22 = (1L << 22) - 1;
  private static final long LOW_21 = (1L << 21) - 1;

  /** The aggregate over the rows of a dataset with {@code schema}. */
  public static Column of(ColumnPath path, StructType schema) {
    return ofHashes(hash(path, schema));
  }

  /** The aggregate over a column of {@link #hash}es, computed where the values were at hand. */
  public static Column ofHashes(Column h) {
    return functions.struct(
        functions.sum(functions.shiftrightunsigned(h, 43)),
        functions.sum(functions.shiftrightunsigned(h, 21).bitwiseAND(functions.lit(LOW_22))),
        functions.sum(h.bitwiseAND(functions.lit(LOW_21))));
  }

  /** Each row's 64-bit hash of the value at {@code path}, which {@link #of} sums. */
  public static Column hash(ColumnPath path, StructType schema) {
    return functions.xxhash64(
        PathValues.hashable(PathValues.at(path), PathValues.typeOf(schema, path)));
  }

  /**
   * Adds one row's {@link #hash} to {@code sums}, the three slices {@link #of} sums, so that a pass
   * that is not a Spark aggregate gets the same checksum.
   */
  static void add(long[] sums, int at, long h) {
    sums[at] += h >>> 43;
    sums[at + 1] += (h >>> 21) & LOW_22;
    sums[at + 2] += h & LOW_21;
  }
}
