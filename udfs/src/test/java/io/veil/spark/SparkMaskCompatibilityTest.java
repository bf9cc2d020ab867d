package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.veil.ops.Masker;
import io.veil.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * With uncased letters counted as "other", Veil's class masking must give exactly Spark's built-in
 * {@code mask()} for the same arguments. Compared on random strings of the Basic Multilingual Plane
 * (Spark masks UTF-16 units, Veil code points: they agree wherever those are the same thing).
 */
public class SparkMaskCompatibilityTest {
  private static final String POOL =
      "AbCdXyZ019 -_@.#$%&*()[]éÉßøÆ王伟欧阳娜İıǅʰー٣٤٥０１ＡＢａｂ\u0301\u05D0\u05D1\u0645\u062D\t\n¼Ⅻ";

  public static List<String> randomStrings(int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int len = r.nextInt(24);
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < len; j++) {
        if (r.nextInt(4) == 0) {
          sb.append((char) (0x20 + r.nextInt(0xD7FF - 0x20))); // any BMP char below surrogates
        } else {
          sb.append(POOL.charAt(r.nextInt(POOL.length())));
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void equalsSparkMaskOnRandomStrings() {
    SparkSession spark = SharedSpark.get();
    List<String> values = randomStrings(5000, 42);
    Dataset<Row> df = spark.createDataset(values, Encoders.STRING()).toDF("s");
    // (upper, lower, digit, other) as Spark takes them; null keeps a class.
    List<String[]> argumentSets =
        List.of(
            new String[] {"X", "x", "n", null},
            new String[] {"Q", "q", "d", "o"},
            new String[] {null, "q", "d", "o"},
            new String[] {null, null, null, "*"},
            new String[] {"Y", null, "#", null});
    int compared = 0;
    for (String[] a : argumentSets) {
      Masker masker = Masker.byClass(0, 0, cp(a[0]), cp(a[1]), cp(a[2]), cp(a[3]), Masker.AS_OTHER);
      Column builtin =
          functions.call_function("mask", df.col("s"), lit(a[0]), lit(a[1]), lit(a[2]), lit(a[3]));
      List<Row> rows = df.select(df.col("s"), builtin).collectAsList();
      for (Row row : rows) {
        assertEquals(
            row.getString(1), masker.mask(row.getString(0)), () -> "arguments " + List.of(a));
        compared++;
      }
    }
    assertEquals(5 * 5000, compared);
  }

  @Test
  void differsOnlyForSupplementaryCharactersWhenOtherIsMasked() {
    SparkSession spark = SharedSpark.get();
    String emoji = "a\uD83D\uDE42"; // a🙂
    Row row = spark.sql("SELECT mask('a\uD83D\uDE42', 'X', 'x', 'n', 'o')").first();
    assertEquals("xoo", row.getString(0)); // Spark: one mask char per UTF-16 unit
    Masker m = Masker.byClass(0, 0, 'X', 'x', 'n', 'o', Masker.AS_OTHER);
    assertEquals("xo", m.mask(emoji)); // Veil: one per code point, length kept
    Row kept = spark.sql("SELECT mask('a\uD83D\uDE42')").first();
    assertEquals(
        kept.getString(0),
        Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, Masker.AS_OTHER).mask(emoji));
  }

  private static int cp(String s) {
    return s == null ? Masker.KEEP : s.codePointAt(0);
  }

  private static Column lit(String s) {
    return s == null ? functions.lit(null).cast("string") : functions.lit(s);
  }
}
