package io.veil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.veil.ops.Masker;
import io.veil.testing.SharedSpark;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The benchmark compares Veil's keep-first/last mask with a built-in Spark expression; that is a
 * fair comparison only if both write the same values, so check they do, on random strings of every
 * length around the kept ends, with accents, CJK and characters beyond the BMP.
 */
class KeepFirstLastBaselineTest {
  private static final String POOL =
      "AbZ09 -@.é王伟ー\uD83D\uDE42\uD840\uDC0B"; // ends with two surrogate pairs

  @Test
  void builtinExpressionWritesExactlyVeilsPositionalMask() {
    SparkSession spark = SharedSpark.get();
    Random r = new Random(7);
    List<String> values = new ArrayList<>(Arrays.asList("", "a", "abcdefg", "abcdefgh", null));
    for (int i = 0; i < 3000; i++) {
      int length = r.nextInt(16);
      StringBuilder sb = new StringBuilder();
      while (sb.codePointCount(0, sb.length()) < length) {
        int at = r.nextInt(POOL.length() - 1);
        int cp = POOL.codePointAt(at);
        if (Character.isLowSurrogate(POOL.charAt(at))) {
          continue; // the middle of a pair
        }
        sb.appendCodePoint(cp);
      }
      values.add(sb.toString());
    }
    Dataset<Row> df = spark.createDataset(values, Encoders.STRING()).toDF("s");
    Masker veil = Masker.positional(3, 4, '*');
    List<Row> rows =
        df.select(df.col("s"), Benchmark.keepFirstLast(df.col("s"), 3, 4, "*")).collectAsList();
    assertEquals(values.size(), rows.size());
    for (Row row : rows) {
      if (row.isNullAt(0)) {
        assertNull(row.get(1));
      } else {
        assertEquals(
            veil.mask(row.getString(0)),
            row.getString(1),
            () -> "value of " + row.getString(0).length() + " chars");
      }
    }
  }
}
