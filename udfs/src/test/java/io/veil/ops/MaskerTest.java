package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MaskerTest {
  private static final int STAR = '*';

  @Test
  void keepsFirstAndLastCodePoints() {
    assertEquals("138****5678", Masker.positional(3, 4, STAR).mask("13812345678"));
    assertEquals("*****", Masker.positional(0, 0, STAR).mask("abcde"));
    assertEquals("ab***", Masker.positional(2, 0, STAR).mask("abcde"));
    assertEquals("***de", Masker.positional(0, 2, STAR).mask("abcde"));
  }

  @Test
  void nullStaysNullAndEmptyStaysEmpty() {
    assertNull(Masker.positional(1, 1, STAR).mask(null));
    assertEquals("", Masker.positional(1, 1, STAR).mask(""));
    assertEquals("", Masker.positional(0, 0, STAR).mask(""));
  }

  @Test
  void valueShorterThanKeptEndsIsMaskedWhole() {
    // Publishing "Li" unchanged because keep-first + keep-last >= its length would leak it.
    assertEquals("**", Masker.positional(1, 1, STAR).mask("Li"));
    assertEquals("***", Masker.positional(3, 4, STAR).mask("abc"));
    assertEquals("*", Masker.positional(1, 0, STAR).mask("a"));
    assertEquals("a*c", Masker.positional(1, 1, STAR).mask("abc"));
  }

  @Test
  void neverSplitsSurrogatePairs() {
    String emoji = "a\uD83D\uDE42b\uD83D\uDE00"; // a🙂b😀 : 4 code points, 6 chars
    assertEquals("a**\uD83D\uDE00", Masker.positional(1, 1, STAR).mask(emoji));
    assertEquals("\uD83D\uDE42**", Masker.positional(1, 0, STAR).mask("\uD83D\uDE42ab"));
    // A supplementary mask character is written whole.
    assertEquals("a\uD83D\uDE48\uD83D\uDE48", Masker.positional(1, 0, 0x1F648).mask("abc"));
  }

  @Test
  void countsCombiningMarksAndRightToLeftTextByCodePoint() {
    String combining = "e\u0301te\u0301"; // été with combining acute accents: 5 code points
    assertEquals("e****", Masker.positional(1, 0, STAR).mask(combining));
    String arabic = "\u0645\u062D\u0645\u062F"; // محمد
    assertEquals("\u0645**\u062F", Masker.positional(1, 1, STAR).mask(arabic));
  }

  @Test
  void masksCharacterClassesAsSparkDoesAndUncasedLettersByDefault() {
    Masker sparkLike = Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, Masker.AS_OTHER);
    assertEquals("XxXXnnn-@$#", sparkLike.mask("AbCD123-@$#"));
    assertEquals("王伟 Xxxxx", sparkLike.mask("王伟 Zhang")); // Spark leaves Chinese readable
    Masker veil = Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, 'X');
    assertEquals("XX Xxxxx", veil.mask("王伟 Zhang"));
    Masker otherMasked = Masker.byClass(0, 0, 'X', 'x', 'n', 'o', Masker.AS_OTHER);
    assertEquals("oo", otherMasked.mask("王伟"));
  }

  @Test
  void classMaskingKeepsEnds() {
    Masker m = Masker.byClass(1, 1, 'X', 'x', 'n', Masker.KEEP, 'X');
    assertEquals("Axxx-nn9", m.mask("Abcd-789"));
  }

  @Test
  void refusesNegativeKeeps() {
    assertThrows(IllegalArgumentException.class, () -> Masker.positional(-1, 0, STAR));
  }

  @Test
  void maskAsciiGivesTheBytesOfMask() {
    java.util.Random r = new java.util.Random(5);
    java.util.List<Masker> maskers = java.util.List.of(
        Masker.positional(3, 4, '*'),
        Masker.positional(0, 0, 0x2022), // a bullet: two bytes more per masked character
        Masker.positional(2, 0, 0x1F512), // a supplementary mask character
        Masker.byClass(0, 0, 'X', 'x', 'n', Masker.KEEP, Masker.AS_OTHER), // Spark's mask()
        Masker.byClass(1, 1, Masker.KEEP, 'x', 0x00B7, '_', '?'));
    for (int n = 0; n < 20_000; n++) {
      char[] c = new char[r.nextInt(20)];
      for (int i = 0; i < c.length; i++) {
        c[i] = (char) r.nextInt(128); // every ASCII character, controls included
      }
      String s = new String(c);
      byte[] bytes = ("<" + s + ">").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (Masker m : maskers) {
        assertEquals(m.mask(s), new String(m.maskAscii(bytes, 1, s.length()), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void maskAsciiLeavesOtherTextToTheStringPath() {
    byte[] utf8 = "Müller".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertNull(Masker.positional(1, 1, STAR).maskAscii(utf8, 0, utf8.length));
    assertEquals("*", new String(Masker.positional(1, 1, STAR).maskAscii(utf8, 0, 1),
        java.nio.charset.StandardCharsets.UTF_8)); // "M" alone is ASCII: too short, masked whole
  }
}
