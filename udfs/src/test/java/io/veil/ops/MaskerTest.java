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
    assertEquals("ab*****", Masker.positional(2, 0, STAR).mask("abcdefg"));
    assertEquals("*****fg", Masker.positional(0, 2, STAR).mask("abcdefg"));
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
    // Keeping both ends would show two of three letters (finding 4 of issue 20): masked whole.
    assertEquals("***", Masker.positional(1, 1, STAR).mask("abc"));
  }

  @Test
  void neverSplitsSurrogatePairs() {
    String emoji = "a\uD83D\uDE42bcde\uD83D\uDE00"; // a🙂bcde😀 : 7 code points, 9 chars
    assertEquals("a*****\uD83D\uDE00", Masker.positional(1, 1, STAR).mask(emoji));
    assertEquals("\uD83D\uDE42****", Masker.positional(1, 0, STAR).mask("\uD83D\uDE42abcd"));
    // A supplementary mask character is written whole.
    assertEquals(
        "a\uD83D\uDE48\uD83D\uDE48\uD83D\uDE48\uD83D\uDE48",
        Masker.positional(1, 0, 0x1F648).mask("abcde"));
  }

  @Test
  void countsCombiningMarksAndRightToLeftTextByCodePoint() {
    String combining = "e\u0301te\u0301te\u0301"; // étété, combining acute accents: 8 code points
    assertEquals("e*******", Masker.positional(1, 0, STAR).mask(combining));
    String arabic = "\u0639\u0628\u062F\u0627\u0644\u0631\u062D\u0645\u0646"; // عبدالرحمن
    assertEquals("\u0639*******\u0646", Masker.positional(1, 1, STAR).mask(arabic));
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

  /**
   * Issue 20, finding 4: a keep-first/keep-last mask must hide at least 4 of a value's letters and
   * digits and at least a third of them, else it masks the value whole.
   */
  @Test
  void masksHideTooLittleOnShortValues() {
    Masker phone = Masker.positional(3, 4, STAR);
    assertEquals("138****5678", phone.mask("13812345678")); // 4 of 11 hidden: enough
    assertEquals("********", phone.mask("12345678")); // would show 7 of 8 digits
    assertEquals("+86**********5678", phone.mask("+86 138-1234-5678")); // 7 of 13 digits hidden
    // Four hidden, but not a third: 4 of 16 letters.
    assertEquals("****************", Masker.positional(6, 6, STAR).mask("abcdefghijklmnop"));
    assertEquals(
        "abcde*****klmno", Masker.positional(5, 5, STAR).mask("abcdefghijklmno")); // 5 of 15
    // Separators do not count as hidden: only two digits behind the dashes.
    assertEquals("*******", Masker.positional(1, 1, STAR).mask("1--2--3"));
    // A hidden letter equal to the mask character is not hidden at all.
    assertEquals("xxxxxxxxxxx", Masker.positional(3, 4, 'x').mask("abcxxxxdefg"));
    // Class masks: the kept ends are bounded the same way.
    assertEquals("Xxxxx", Masker.byClass(2, 2, 'X', 'x', 'n', Masker.KEEP, 'X').mask("Abcde"));
  }

  @Test
  void masksHideTooLittleOnShortValuesOnTheAsciiPathToo() {
    for (String s :
        new String[] {
          "12345678", "13812345678", "1--2--3", "abcdefghijklmnop", "abcdefghijklmnopq"
        }) {
      for (Masker m :
          new Masker[] {
            Masker.positional(3, 4, STAR),
            Masker.positional(6, 6, 0x2022),
            Masker.positional(1, 1, STAR),
            Masker.byClass(2, 2, 'X', 'x', 'n', Masker.KEEP, 'X')
          }) {
        byte[] ascii = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(
            m.mask(s),
            new String(
                m.maskAscii(ascii, 0, ascii.length), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    byte[] shortPhone = "12345678".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertEquals(
        "********",
        new String(
            Masker.positional(3, 4, STAR).maskAscii(shortPhone, 0, 8),
            java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void refusesNegativeKeeps() {
    assertThrows(IllegalArgumentException.class, () -> Masker.positional(-1, 0, STAR));
  }

  @Test
  void maskAsciiGivesTheBytesOfMask() {
    java.util.Random r = new java.util.Random(5);
    java.util.List<Masker> maskers =
        java.util.List.of(
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
        assertEquals(
            m.mask(s),
            new String(m.maskAscii(bytes, 1, s.length()), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void maskAsciiLeavesOtherTextToTheStringPath() {
    byte[] utf8 = "Müller".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertNull(Masker.positional(1, 1, STAR).maskAscii(utf8, 0, utf8.length));
    assertEquals(
        "*",
        new String(
            Masker.positional(1, 1, STAR).maskAscii(utf8, 0, 1),
            java.nio.charset.StandardCharsets
                .UTF_8)); // "M" alone is ASCII: too short, masked whole
  }
}
