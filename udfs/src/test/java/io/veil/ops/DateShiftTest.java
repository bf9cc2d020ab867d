package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.keys.KeyMaterial;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DateShiftTest {
  private static final KeyMaterial KEY = KeyMaterial.of(bytes(1));
  private static final KeyMaterial OTHER = KeyMaterial.of(bytes(2));

  private static byte[] bytes(int seed) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) seed);
    return b;
  }

  @Test
  void offsetsStayInTheRangeAndAreNeverZero() {
    DateShift shift = new DateShift(KEY, 3, 10);
    for (int i = 0; i < 20_000; i++) {
      long d = shift.offset("patient-" + i);
      assertTrue(Math.abs(d) >= 3 && Math.abs(d) <= 10, "offset " + d);
    }
  }

  @Test
  void everyOffsetOfTheRangeOccursAboutEquallyOften() {
    DateShift shift = new DateShift(KEY, 1, 5);
    int[] counts = new int[11];
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      counts[(int) shift.offset(Integer.toString(i)) + 5]++;
    }
    assertEquals(0, counts[5], "never 0");
    for (int d = -5; d <= 5; d++) {
      if (d != 0) {
        // 10 offsets: 10,000 expected each, standard deviation about 95; 6 of them is far out.
        assertTrue(Math.abs(counts[d + 5] - n / 10) < 600, d + ": " + counts[d + 5]);
      }
    }
  }

  @Test
  void theSamePersonAndKeyGiveTheSameOffsetAnotherKeyAnother() {
    DateShift a = new DateShift(KEY, 1, 365);
    DateShift again = new DateShift(KeyMaterial.of(bytes(1)), 1, 365);
    DateShift other = new DateShift(OTHER, 1, 365);
    int differ = 0;
    for (int i = 0; i < 1000; i++) {
      String by = "p" + i;
      assertEquals(a.offset(by), again.offset(by));
      differ += a.offset(by) != other.offset(by) ? 1 : 0;
    }
    assertTrue(differ > 990, "offsets under another key: " + differ + " of 1000 differ");
  }

  @Test
  void bytesAndStringsAgreeIncludingSupplementaryCharacters() {
    DateShift shift = new DateShift(KEY, 1, 365);
    for (String by : new String[] {"", "42", "张伟", "😀 emoji", "a\u0000b"}) {
      byte[] utf8 = ("xx" + by).getBytes(StandardCharsets.UTF_8);
      assertEquals(shift.offset(by), shift.offsetUtf8(utf8, 2, utf8.length - 2), by);
    }
    assertNotEquals(shift.offset("张伟"), shift.offset("张"));
  }

  @Test
  void aRangeOfOneDayGivesPlusOrMinusOne() {
    DateShift shift = new DateShift(KEY, 1, 1);
    boolean plus = false;
    boolean minus = false;
    for (int i = 0; i < 100; i++) {
      long d = shift.offset("x" + i);
      assertEquals(1, Math.abs(d));
      plus |= d > 0;
      minus |= d < 0;
    }
    assertTrue(plus && minus);
  }

  @Test
  void invalidRangesAndTheKeyNeverShow() {
    assertThrows(IllegalArgumentException.class, () -> new DateShift(KEY, 0, 5));
    assertThrows(IllegalArgumentException.class, () -> new DateShift(KEY, 6, 5));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DateShift(KEY, 1, DateShift.MAX_DAYS * 86_400L + 1));
    String shown = new DateShift(KEY, 2, 9).toString();
    assertEquals("DateShift(2..9)", shown);
    assertFalse(shown.contains("0101"));
  }
}
