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

  /** The aggregate over the rows of a dataset with {@code schema}. */
  public static Column of(ColumnPath path, StructType schema) {
    Column h =
        functions.xxhash64(
            PathValues.hashable(PathValues.at(path), PathValues.typeOf(schema, path)));
    return functions.struct(
        functions.sum(functions.shiftrightunsigned(h, 43)),
        functions.sum(
            functions.shiftrightunsigned(h, 21).bitwiseAND(functions.lit((1L << 22) - 1))),
        functions.sum(h.bitwiseAND(functions.lit((1L << 21) - 1))));
  }
}
