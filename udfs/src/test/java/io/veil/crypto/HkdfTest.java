package io.veil.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** RFC 5869 appendix A, test cases 1 to 3 (HKDF-SHA256). */
class HkdfTest {
  @Test
  void rfc5869TestCase1() {
    assertArrayEquals(
        hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
        Hkdf.derive(repeat(0x0b, 22), range(0x00, 13), range(0xf0, 10), 42));
  }

  @Test
  void rfc5869TestCase2() {
    assertArrayEquals(
        hex(
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                + "cc30c58179ec3e87c14c01d5c1f3434f1d87"),
        Hkdf.derive(range(0x00, 80), range(0x60, 80), range(0xb0, 80), 82));
  }

  @Test
  void rfc5869TestCase3() {
    byte[] expected =
        hex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    assertArrayEquals(expected, Hkdf.derive(repeat(0x0b, 22), new byte[0], new byte[0], 42));
    assertArrayEquals(expected, Hkdf.derive(repeat(0x0b, 22), null, null, 42));
  }

  @Test
  void refusesLengthsOutsideTheRfcRange() {
    assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(new byte[32], null, null, 0));
    assertThrows(
        IllegalArgumentException.class, () -> Hkdf.derive(new byte[32], null, null, 255 * 32 + 1));
    assertArrayEquals(
        Hkdf.derive(new byte[32], null, null, 255 * 32),
        Hkdf.derive(new byte[32], null, null, 255 * 32));
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static byte[] repeat(int value, int length) {
    byte[] b = new byte[length];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }

  private static byte[] range(int first, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }
}
