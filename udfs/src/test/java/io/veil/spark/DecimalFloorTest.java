package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.testing.SharedSpark;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.Test;

/**
 * Truncating decimals to a width on their unscaled longs gives exactly what Spark's {@code x -
 * pmod(x, w)} gives: random values of every sign and size, the largest and smallest of each type,
 * zero and null, with widths coarser and finer than the type's scale, in generated code and in a
 * lambda, and with ANSI mode on (Spark 4's default) and off.
 */
class DecimalFloorTest {
  private static final int[][] TYPES = {{5, 0}, {10, 2}, {12, 2}, {18, 4}, {18, 0}, {20, 2}};
  private static final String[] WIDTHS = {
    "1000", "10", "1", "0.05", "0.001", "7", "123456789012345"
  };

  @Test
  void unscaledFloorIsSparksFloor() {
    SparkSession spark = SharedSpark.get();
    String ansi = spark.conf().get("spark.sql.ansi.enabled");
    try {
      for (String mode : List.of("true", "false")) {
        spark.conf().set("spark.sql.ansi.enabled", mode);
        for (int[] t : TYPES) {
          DecimalType type = DataTypes.createDecimalType(t[0], t[1]);
          Dataset<Row> values =
              spark
                  .createDataset(values(type, 3000, t[0] * 31L + t[1]), Encoders.STRING())
                  .toDF("s")
                  .select(functions.col("s").cast(type).as("d"));
          for (String w : WIDTHS) {
            assertSameFloor(
                values,
                type,
                new BigDecimal(w),
                "decimal(" + t[0] + "," + t[1] + ") width " + w + " ansi " + mode);
          }
        }
      }
    } finally {
      spark.conf().set("spark.sql.ansi.enabled", ansi);
    }
  }

  private static void assertSameFloor(
      Dataset<Row> all, DecimalType type, BigDecimal width, String label) {
    // Negative values that floor below the type's smallest overflow it (overflowEdgeIsSparks).
    BigDecimal smallest =
        new BigDecimal(BigInteger.TEN.pow(type.precision()).subtract(BigInteger.ONE), type.scale())
            .negate();
    Column a = all.col("d");
    Dataset<Row> values =
        all.where(
            a.isNull().or(a.geq(0)).or(a.minus(functions.lit(width)).gt(functions.lit(smallest))));
    Column d = values.col("d");
    Column spark = d.minus(functions.pmod(d, functions.lit(width))).cast(type);
    Column veil = TruncateOperation.toWidth(width).apply(d, type);
    Column inLambda =
        functions
            .transform(functions.array(d), x -> TruncateOperation.toWidth(width).apply(x, type))
            .getItem(0);
    List<Row> rows = values.select(spark, veil, inLambda).collectAsList();
    int nulls = 0;
    for (Row r : rows) {
      assertEquals(r.get(0), r.get(1), label);
      assertEquals(r.get(0), r.get(2), label + ", in a lambda");
      nulls += r.isNullAt(1) ? 1 : 0;
    }
    assertEquals(1, nulls, label);
    assertEquals(type, values.select(veil).schema().fields()[0].dataType());
    boolean fast =
        type.precision() <= 18
            && width.movePointRight(type.scale()).stripTrailingZeros().scale() <= 0;
    assertEquals(
        fast,
        values.select(veil).queryExecution().executedPlan().toString().contains("veil_truncate"),
        label);
  }

  /**
   * A negative value within one width of the type's smallest: an error with ANSI on, null with it
   * off.
   */
  @Test
  void overflowEdgeIsSparks() {
    SparkSession spark = SharedSpark.get();
    String ansi = spark.conf().get("spark.sql.ansi.enabled");
    DecimalType type = DataTypes.createDecimalType(3, 0);
    try {
      Dataset<Row> edge = spark.sql("SELECT CAST(-999 AS DECIMAL(3,0)) AS d");
      Column floored = TruncateOperation.toWidth(new BigDecimal(1000)).apply(edge.col("d"), type);
      spark.conf().set("spark.sql.ansi.enabled", "true");
      Exception e =
          org.junit.jupiter.api.Assertions.assertThrows(
              Exception.class, () -> edge.select(floored).collectAsList());
      assertTrue(
          String.valueOf(e.getMessage()).contains("NUMERIC_VALUE_OUT_OF_RANGE"), e.getMessage());
      spark.conf().set("spark.sql.ansi.enabled", "false");
      assertTrue(edge.select(floored).first().isNullAt(0));
      assertEquals(
          0,
          edge.select(
                  TruncateOperation.toWidth(new BigDecimal(1000))
                      .apply(functions.abs(edge.col("d")), type))
              .first()
              .getDecimal(0)
              .intValue());
    } finally {
      spark.conf().set("spark.sql.ansi.enabled", ansi);
    }
  }

  /**
   * Random values of {@code type} (as text, null included): every size from one digit to the
   * precision, both signs, and the largest.
   */
  static List<String> values(DecimalType type, int n, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    BigInteger max = BigInteger.TEN.pow(type.precision()).subtract(BigInteger.ONE);
    out.add(new BigDecimal(max, type.scale()).toPlainString());
    out.add(new BigDecimal(max.negate(), type.scale()).toPlainString());
    out.add("0");
    out.add(null);
    for (int i = 0; i < n; i++) {
      int digits = 1 + random.nextInt(type.precision());
      BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
      BigDecimal v =
          new BigDecimal(random.nextInt(3) == 0 ? unscaled.negate() : unscaled, type.scale());
      out.add(v.toPlainString());
    }
    return out;
  }
}
