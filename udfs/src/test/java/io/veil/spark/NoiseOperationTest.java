package io.veil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.veil.keys.KeyMaterial;
import io.veil.ops.KeyedNoise;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Noise on integers in long arithmetic gives what the {@link BigDecimal} way gives, for every value
 * and noise: ties at half a step, noise just below zero, values at the type's bounds, noise too
 * large for the long way.
 */
class NoiseOperationTest {
  private static final KeyedNoise NOISE =
      new KeyedNoise(KeyMaterial.of(new byte[32]), KeyedNoise.Distribution.LAPLACE);

  private static NoiseOperation.Shape shape(
      double scale, Integer roundTo, Integer min, Integer max) {
    return new NoiseOperation.Shape(
        NOISE,
        BigDecimal.valueOf(scale),
        null,
        roundTo == null ? null : BigDecimal.valueOf(roundTo),
        min == null ? null : BigDecimal.valueOf(min),
        max == null ? null : BigDecimal.valueOf(max));
  }

  private static final long[][] TYPES = {
    {Byte.MIN_VALUE, Byte.MAX_VALUE},
    {Integer.MIN_VALUE, Integer.MAX_VALUE},
    {Long.MIN_VALUE, Long.MAX_VALUE}
  };

  private static List<NoiseOperation.Shape> shapes() {
    return List.of(
        shape(2000, 1000, 0, null),
        shape(5, null, null, null),
        shape(5, 1, null, null),
        shape(3, 2, -40, 40),
        shape(50, 7, null, 100),
        shape(1e9, 3, null, null));
  }

  /** Noises of every kind: random, ties at half a step of every step used, around zero, huge. */
  private static List<Double> noises() {
    List<Double> n = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 2000; i++) {
      n.add(random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-3, 17)));
    }
    for (int k = -5; k <= 5; k++) {
      for (int step : new int[] {1, 2, 3, 7, 1000}) {
        n.add(k * step + step / 2.0);
        n.add(k * step - step / 2.0);
        n.add(Math.nextUp(k * step + step / 2.0));
        n.add(Math.nextDown(k * step + step / 2.0));
      }
      n.add(k + 0.5);
      n.add(k - 0.5);
    }
    n.addAll(List.of(0.0, -0.0, -0x1p-60, 0x1p-60, -0.5, 0.5, -1.0, 1.0, 0x1p52, -0x1p52, 1e300));
    n.addAll(List.of(Math.nextDown(0x1p52), Math.nextUp(-0x1p52), 123456789.49999999));
    return n;
  }

  private static List<Long> values(long min, long max) {
    List<Long> v = new ArrayList<>(List.of(0L, 1L, -1L, 7L, -7L, 999L, 1000L, 1500L, -2500L));
    v.addAll(List.of(min, max, min + 1, max - 1, max / 4, min / 4, max / 4 + 1, min / 4 - 1));
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 20; i++) {
      v.add(random.nextLong(Math.max(min, -1_000_000_000L), Math.min(max, 1_000_000_000L)));
    }
    return v;
  }

  @Test
  void longArithmeticGivesWhatBigDecimalsGive() {
    List<Double> noises = noises();
    for (NoiseOperation.Shape s : shapes()) {
      for (long[] type : TYPES) {
        BigDecimal typeMin = BigDecimal.valueOf(type[0]);
        BigDecimal typeMax = BigDecimal.valueOf(type[1]);
        long[] bounds = NoiseOperation.exactLongBounds(s, typeMin, typeMax);
        assertNotNull(bounds, s.toString());
        for (long v : values(type[0], type[1])) {
          for (double n : noises) {
            long expected = NoiseOperation.withNoise(s, v, n, typeMin, typeMax);
            assertEquals(
                expected,
                NoiseOperation.withNoise(s, v, n, bounds),
                () -> s + " value " + v + " noise " + n);
          }
          assertEquals(
              NoiseOperation.noisyLong(s, v, "p-" + v, typeMin, typeMax),
              NoiseOperation.noisyLong(s, v, "p-" + v, bounds),
              () -> s + " value " + v);
        }
      }
    }
  }

  @Test
  void fractionalRoundToOrBoundsKeepTheBigDecimalWay() {
    BigDecimal min = BigDecimal.valueOf(Integer.MIN_VALUE);
    BigDecimal max = BigDecimal.valueOf(Integer.MAX_VALUE);
    NoiseOperation.Shape half =
        new NoiseOperation.Shape(NOISE, BigDecimal.ONE, null, new BigDecimal("0.5"), null, null);
    assertNull(NoiseOperation.exactLongBounds(half, min, max));
    NoiseOperation.Shape fractionalMin =
        new NoiseOperation.Shape(NOISE, BigDecimal.ONE, null, null, new BigDecimal("0.5"), null);
    assertNull(NoiseOperation.exactLongBounds(fractionalMin, min, max));
    NoiseOperation.Shape wholeAsDecimal =
        new NoiseOperation.Shape(
            NOISE, BigDecimal.ONE, null, new BigDecimal("1000.00"), new BigDecimal("0.0"), null);
    assertNotNull(NoiseOperation.exactLongBounds(wholeAsDecimal, min, max));
  }
}
