package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
  /** What "well-formed" must mean: Java decodes and re-encodes the bytes unchanged. */
  private static boolean roundTrips(byte[] b) {
    return Arrays.equals(b, new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
  }

  private static boolean wellFormed(String hex) {
    byte[] b = HexFormat.of().parseHex(hex);
    return Utf8.isWellFormed(b, 0, b.length);
  }

  @Test
  void edgesOfUnicodeTable37() {
    assertTrue(wellFormed(""));
    assertTrue(wellFormed("7f"));
    assertTrue(wellFormed("c280")); // U+0080
    assertTrue(wellFormed("e0a080")); // U+0800
    assertTrue(wellFormed("ed9fbf")); // U+D7FF, just below the surrogates
    assertTrue(wellFormed("ee8080")); // U+E000, just above
    assertTrue(wellFormed("f0908080")); // U+10000
    assertTrue(wellFormed("f48fbfbf")); // U+10FFFF
    assertFalse(wellFormed("80")); // a continuation byte first
    assertFalse(wellFormed("c080")); // overlong NUL
    assertFalse(wellFormed("c1bf")); // overlong
    assertFalse(wellFormed("e09fbf")); // overlong three-byte form
    assertFalse(wellFormed("eda080")); // a surrogate, U+D800
    assertFalse(wellFormed("f08fbfbf")); // overlong four-byte form
    assertFalse(wellFormed("f4908080")); // above U+10FFFF
    assertFalse(wellFormed("f5808080"));
    assertFalse(wellFormed("e282")); // cut off
    assertFalse(wellFormed("e228a1")); // a non-continuation inside a sequence
    assertFalse(wellFormed("ff"));
  }

  @Test
  void agreesWithJavasDecoderOnRandomBytes() {
    Random r = new Random(11);
    // Bytes drawn mostly from the interesting ranges (ASCII, lead bytes, continuation bytes) so
    // that both well-formed and broken sequences are common.
    int[] pool = {
      0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef,
      0xf0, 0xf4, 0xf5, 0xff
    };
    int wellFormed = 0;
    for (int n = 0; n < 200_000; n++) {
      byte[] b = new byte[r.nextInt(7)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : pool[r.nextInt(pool.length)]);
      }
      boolean expected = roundTrips(b);
      assertEquals(expected, Utf8.isWellFormed(b, 0, b.length), HexFormat.of().formatHex(b));
      wellFormed += expected ? 1 : 0;
    }
    assertTrue(wellFormed > 20_000, "too few well-formed samples: " + wellFormed);
  }

  @Test
  void readsOnlyTheGivenRange() {
    byte[] b = "xé€y".getBytes(StandardCharsets.UTF_8);
    assertTrue(Utf8.isWellFormed(b, 1, b.length - 2));
    assertFalse(Utf8.isWellFormed(b, 2, 2)); // starts inside é
    assertFalse(Utf8.isWellFormed(b, 1, 3)); // cuts € off
    assertTrue(Utf8.isAscii(b, 0, 1));
    assertFalse(Utf8.isAscii(b, 0, 2));
  }
}
