package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyedNoiseTest {
  private static final KeyMaterial KEY = KeyMaterial.of(filled(3));

  private static byte[] filled(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  /** Mean and standard deviation of the unit noise over n distinct values. */
  private static double[] moments(KeyedNoise.Distribution d, int n) {
    KeyedNoise noise = new KeyedNoise(KEY, d);
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double x = noise.unitNoise(Integer.toString(i), null);
      sum += x;
      squares += x * x;
    }
    double mean = sum / n;
    return new double[] {mean, Math.sqrt(squares / n - mean * mean)};
  }

  @Test
  void eachDistributionHasItsMeanAndSpread() {
    int n = 200_000;
    double[] laplace = moments(KeyedNoise.Distribution.LAPLACE, n);
    double[] gaussian = moments(KeyedNoise.Distribution.GAUSSIAN, n);
    double[] uniform = moments(KeyedNoise.Distribution.UNIFORM, n);
    // Means within 4 standard errors of 0; deviations within 2% of sqrt(2), 1 and 1/sqrt(3).
    assertTrue(
        Math.abs(laplace[0]) < 4 * Math.sqrt(2) / Math.sqrt(n), "laplace mean " + laplace[0]);
    assertTrue(Math.abs(gaussian[0]) < 4 / Math.sqrt(n), "gaussian mean " + gaussian[0]);
    assertTrue(Math.abs(uniform[0]) < 4 / Math.sqrt(3 * n), "uniform mean " + uniform[0]);
    assertEquals(Math.sqrt(2), laplace[1], 0.02 * Math.sqrt(2));
    assertEquals(1, gaussian[1], 0.02);
    assertEquals(1 / Math.sqrt(3), uniform[1], 0.02 / Math.sqrt(3));
  }

  @Test
  void uniformNoiseStaysWithinItsScaleAndEveryValueIsFinite() {
    for (KeyedNoise.Distribution d : KeyedNoise.Distribution.values()) {
      KeyedNoise noise = new KeyedNoise(KEY, d);
      for (int i = 0; i < 50_000; i++) {
        double x = noise.unitNoise("v" + i, null);
        assertTrue(Double.isFinite(x), d + " " + x);
        if (d == KeyedNoise.Distribution.UNIFORM) {
          assertTrue(Math.abs(x) < 1, "uniform " + x);
        }
      }
    }
  }

  @Test
  void theSameValueAndIdentityGetTheSameNoiseOthersIndependentNoise() {
    KeyedNoise noise = new KeyedNoise(KEY, KeyedNoise.Distribution.LAPLACE);
    KeyedNoise again = new KeyedNoise(KeyMaterial.of(filled(3)), KeyedNoise.Distribution.LAPLACE);
    KeyedNoise otherKey =
        new KeyedNoise(KeyMaterial.of(filled(4)), KeyedNoise.Distribution.LAPLACE);
    assertEquals(noise.unitNoise("1000", "p1"), again.unitNoise("1000", "p1"));
    assertEquals(noise.unitNoise("1000", null), again.unitNoise("1000", null));
    assertNotEquals(noise.unitNoise("1000", "p1"), noise.unitNoise("1000", "p2"));
    assertNotEquals(noise.unitNoise("1000", "p1"), noise.unitNoise("1000", null));
    assertNotEquals(noise.unitNoise("1000", null), otherKey.unitNoise("1000", null));
    // The identity is length-prefixed: ("ab", "c") and ("a", "bc") are different inputs.
    assertNotEquals(noise.unitNoise("c", "ab"), noise.unitNoise("bc", "a"));
    assertNotEquals(noise.unitNoise("张伟😀", null), noise.unitNoise("张伟", null));
  }

  @Test
  void itsTextNamesTheDistributionNeverTheKey() {
    assertEquals(
        "KeyedNoise(gaussian)", new KeyedNoise(KEY, KeyedNoise.Distribution.GAUSSIAN).toString());
  }
}
