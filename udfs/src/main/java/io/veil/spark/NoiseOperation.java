package io.veil.spark;

import io.veil.ops.KeyedNoise;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.ShortType;

/**
 * Adds keyed noise to numbers ({@link KeyedNoise}), keeping the column's type: integers stay
 * integers (rounded, and held within the type's range), decimals keep their scale (and precision: a
 * result beyond it is held at the largest value the type holds), floats and doubles take the noise
 * as it is. {@code round-to} rounds the noisy value to a multiple; {@code min} and {@code max}
 * clamp it. The noise's scale is absolute ({@code scale}) or relative to each value ({@code
 * relative}: 0.05 is 5% of the value).
 */
public final class NoiseOperation implements ColumnOperation {
  /**
   * How the noise is sized and bounded.
   *
   * @param scale the distribution's scale, or null when relative
   * @param relative the scale as a share of each value's magnitude, or null
   * @param roundTo a multiple the result is rounded to, or null
   * @param min the smallest result, or null
   * @param max the largest result, or null
   */
  public record Shape(
      KeyedNoise noise,
      BigDecimal scale,
      BigDecimal relative,
      BigDecimal roundTo,
      BigDecimal min,
      BigDecimal max)
      implements Serializable {}

  private final Shape shape;
  private final Column by;

  /**
   * @param by the row's identity, resolved against the input; null for noise that depends on the
   *     value only
   */
  public NoiseOperation(Shape shape, Column by) {
    this.shape = shape;
    this.by = by;
  }

  /** The same noise, with the identity from another column (a SQL call's argument). */
  public NoiseOperation by(Column other) {
    return new NoiseOperation(shape, other);
  }

  @Override
  public String name() {
    return "noise";
  }

  @Override
  public String rejectType(DataType type) {
    return SparkTypes.isNumeric(type) ? null : "noise takes numbers";
  }

  @Override
  public DataType resultType(DataType type) {
    return type;
  }

  @Override
  public Column apply(Column input, DataType type) {
    Column identity =
        by == null ? functions.lit(null).cast(DataTypes.StringType) : by.cast("string");
    Shape s = shape;
    if (type instanceof DecimalType d) {
      int scale = d.scale();
      BigDecimal largest =
          BigDecimal.TEN.pow(d.precision() - scale).subtract(BigDecimal.ONE.movePointLeft(scale));
      UDF2<BigDecimal, String, BigDecimal> f =
          (v, b) -> v == null ? null : noisyDecimal(s, v, b, scale, largest);
      return functions.udf(f, type).withName("veil_noise").apply(input, identity);
    }
    if (SparkTypes.isIntegral(type)) {
      BigDecimal[] range = integralRange(type);
      long[] exact = exactLongBounds(s, range[0], range[1]);
      if (exact != null && by == null) {
        // Spark's generated code calls the noise on the long as it holds it: no boxing, no UDF.
        return MethodCall.of(
                new NoisyLongs(s, exact),
                NoisyLongs.class,
                "apply",
                DataTypes.LongType,
                true,
                input.cast(DataTypes.LongType))
            .cast(type);
      }
      UDF2<Long, String, Long> f =
          exact == null
              ? (v, b) -> v == null ? null : noisyLong(s, v, b, range[0], range[1])
              : (v, b) -> v == null ? null : noisyLong(s, v, b, exact);
      return functions
          .udf(f, DataTypes.LongType)
          .withName("veil_noise")
          .apply(input.cast(DataTypes.LongType), identity)
          .cast(type);
    }
    boolean isFloat = type instanceof FloatType;
    UDF2<Double, String, Double> f = (v, b) -> v == null ? null : noisyDouble(s, v, b, isFloat);
    return functions
        .udf(f, DataTypes.DoubleType)
        .withName("veil_noise")
        .apply(input.cast(DataTypes.DoubleType), identity)
        .cast(type);
  }

  private static double noiseFor(Shape s, String text, double magnitude, String by) {
    double unit = s.noise().unitNoise(text, by);
    double scale =
        s.scale() != null ? s.scale().doubleValue() : s.relative().doubleValue() * magnitude;
    return unit * scale;
  }

  static BigDecimal noisyDecimal(Shape s, BigDecimal v, String by, int scale, BigDecimal largest) {
    double n = noiseFor(s, v.toPlainString(), v.abs().doubleValue(), by);
    BigDecimal r = v.add(new BigDecimal(n));
    r = bounded(s, r).setScale(scale, RoundingMode.HALF_EVEN);
    return r.max(largest.negate()).min(largest);
  }

  /**
   * The bounds of {@link #noisyLong(Shape, long, String, long[])}, when the shape allows it: {@code
   * round-to} (1 when absent), {@code min} and {@code max} (the long range when absent), and the
   * type's range, all integers; null otherwise (a fractional {@code round-to} or bound), for which
   * the {@link BigDecimal} way stays.
   */
  static long[] exactLongBounds(Shape s, BigDecimal typeMin, BigDecimal typeMax) {
    Long step = s.roundTo() == null ? Long.valueOf(1) : integer(s.roundTo());
    Long min = s.min() == null ? Long.valueOf(Long.MIN_VALUE) : integer(s.min());
    Long max = s.max() == null ? Long.valueOf(Long.MAX_VALUE) : integer(s.max());
    if (step == null || step < 1 || step > EXACT || min == null || max == null) {
      return null;
    }
    return new long[] {step, min, max, typeMin.longValueExact(), typeMax.longValueExact()};
  }

  /** Doubles hold every integer up to 2^52 and every sum below computes in a long exactly. */
  private static final long EXACT = 1L << 52;

  private static Long integer(BigDecimal d) {
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      return null; // a fraction, or beyond a long
    }
  }

  /**
   * {@link #noisyLong(Shape, long, String, BigDecimal, BigDecimal)} in long arithmetic, with the
   * same result: the exact sum of the value and the noise, rounded half-even to a multiple of
   * {@code round-to}, then clamped to {@code min}, {@code max} and the type's range ({@code bounds}
   * from {@link #exactLongBounds}; clamping to whole bounds before or after rounding to a whole
   * multiple gives the same). The noise splits exactly into its whole part and a fraction in (-1,
   * 1) (their difference is exact by Sterbenz's lemma); values or noise too large for that take the
   * {@link BigDecimal} way.
   */
  static long noisyLong(Shape s, long v, String by, long[] bounds) {
    return withNoise(s, v, noiseFor(s, Long.toString(v), Math.abs((double) v), by), bounds);
  }

  /** {@link #noisyLong(Shape, long, String, long[])} once the noise {@code n} is drawn. */
  static long withNoise(Shape s, long v, double n, long[] bounds) {
    if (!(Math.abs(n) < EXACT) || v > Long.MAX_VALUE / 4 || v < -(Long.MAX_VALUE / 4)) {
      return withNoise(s, v, n, BigDecimal.valueOf(bounds[3]), BigDecimal.valueOf(bounds[4]));
    }
    long whole = (long) n; // toward zero
    double twice = 2 * (n - whole); // exact, in (-2, 2)
    long step = bounds[0];
    long sum = v + whole; // the exact sum is sum + twice / 2
    long quotient = Math.floorDiv(sum, step);
    long remainder = sum - quotient * step; // in [0, step)
    // The sum over step is quotient + (remainder + twice / 2) / step: compare 2 * remainder +
    // twice with step and -step, as twice against a long (exact where it matters, below 2 either
    // way); a tie goes to the even multiple.
    long upAt = step - 2 * remainder;
    long downAt = -step - 2 * remainder;
    boolean odd = (quotient & 1) != 0;
    long k = quotient;
    if (twice > upAt || (twice == upAt && odd)) {
      k = quotient + 1;
    } else if (twice < downAt || (twice == downAt && odd)) {
      k = quotient - 1;
    }
    long r = k * step;
    r = Math.max(r, bounds[1]);
    r = Math.min(r, bounds[2]);
    r = Math.max(r, bounds[3]);
    return Math.min(r, bounds[4]);
  }

  /**
   * Noise on whole numbers without {@code by}, as Spark's generated code calls it ({@link
   * MethodCall}). Its {@code toString} is what plans show, never the key.
   */
  public static final class NoisyLongs implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Shape shape;
    private final long[] bounds;

    NoisyLongs(Shape shape, long[] bounds) {
      this.shape = shape;
      this.bounds = bounds;
    }

    /** The noisy value (Spark calls this for non-null values only). */
    public long apply(long v) {
      return noisyLong(shape, v, null, bounds);
    }

    @Override
    public String toString() {
      return "veil_noise"; // never the key
    }
  }

  static long noisyLong(Shape s, long v, String by, BigDecimal min, BigDecimal max) {
    double n = noiseFor(s, Long.toString(v), Math.abs((double) v), by);
    return withNoise(s, v, n, min, max);
  }

  /** The noisy value in {@link BigDecimal}s, once the noise {@code n} is drawn. */
  static long withNoise(Shape s, long v, double n, BigDecimal min, BigDecimal max) {
    BigDecimal r = bounded(s, BigDecimal.valueOf(v).add(new BigDecimal(n)));
    return r.setScale(0, RoundingMode.HALF_EVEN).max(min).min(max).longValueExact();
  }

  static double noisyDouble(Shape s, double v, String by, boolean isFloat) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v; // no noise makes them less telling
    }
    String text = isFloat ? Float.toString((float) v) : Double.toString(v);
    double r = v + noiseFor(s, text, Math.abs(v), by);
    if (s.roundTo() != null) {
      double step = s.roundTo().doubleValue();
      r = Math.round(r / step) * step;
    }
    if (s.min() != null) {
      r = Math.max(r, s.min().doubleValue());
    }
    if (s.max() != null) {
      r = Math.min(r, s.max().doubleValue());
    }
    return r;
  }

  /** Rounded to {@code round-to}, then clamped to {@code min} and {@code max}. */
  private static BigDecimal bounded(Shape s, BigDecimal r) {
    if (s.roundTo() != null) {
      r = r.divide(s.roundTo(), 0, RoundingMode.HALF_EVEN).multiply(s.roundTo());
    }
    if (s.min() != null) {
      r = r.max(s.min());
    }
    if (s.max() != null) {
      r = r.min(s.max());
    }
    return r;
  }

  private static BigDecimal[] integralRange(DataType type) {
    long min;
    long max;
    if (type instanceof ByteType) {
      min = Byte.MIN_VALUE;
      max = Byte.MAX_VALUE;
    } else if (type instanceof ShortType) {
      min = Short.MIN_VALUE;
      max = Short.MAX_VALUE;
    } else if (type instanceof IntegerType) {
      min = Integer.MIN_VALUE;
      max = Integer.MAX_VALUE;
    } else {
      min = Long.MIN_VALUE;
      max = Long.MAX_VALUE;
    }
    return new BigDecimal[] {BigDecimal.valueOf(min), BigDecimal.valueOf(max)};
  }

  @Override
  public boolean promisesChange() {
    return false; // noise may round to nothing, or be clamped back
  }

  @Override
  public Column mustChange(Column input, DataType type) {
    throw new UnsupportedOperationException("noise promises no change");
  }

  /** The column's mean and standard deviation before and after, for the report. */
  @Override
  public Map<String, Column> metrics(Column input, Column output, DataType type) {
    Map<String, Column> m = new LinkedHashMap<>();
    m.put("mean_before", functions.avg(input));
    m.put("stddev_before", functions.stddev_samp(input));
    m.put("mean_after", functions.avg(output));
    m.put("stddev_after", functions.stddev_samp(output));
    return m;
  }
}
