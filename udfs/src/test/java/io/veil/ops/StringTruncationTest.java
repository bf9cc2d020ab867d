package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StringTruncationTest {
  @Test
  void keepsPrefixSuffixOrBoth() {
    assertEquals("100", new StringTruncation(3, 0).truncate("100086"));
    assertEquals("086", new StringTruncation(0, 3).truncate("100086"));
    assertEquals("1086", new StringTruncation(1, 3).truncate("100086"));
  }

  /**
   * Issue 20, finding 5: a value no longer than what truncation keeps was published whole ({@code
   * keep-first = 1, keep-last = 1} returned a two-character name as it was). Here, as the SQL
   * function and the job's default {@code on-invalid = mask} do, it is masked whole.
   */
  @Test
  void stringTruncationPublishesShortValuesUnchanged() {
    assertEquals("**", new StringTruncation(1, 1).truncate("Li"));
    assertEquals("**", new StringTruncation(1, 1).truncate("王伟"));
    assertEquals("***", new StringTruncation(3, 0).truncate("abc"));
    assertEquals(
        "*", new StringTruncation(0, 2).truncate("\uD83D\uDE42")); // one code point, two chars
    assertEquals("Lg", new StringTruncation(1, 1).truncate("Lag"));
  }

  @Test
  void emptyAndNullValues() {
    assertEquals("", new StringTruncation(3, 0).truncate("")); // nothing to hide
    assertNull(new StringTruncation(3, 0).truncate(null));
  }

  @Test
  void countsCodePoints() {
    assertEquals("\uD83D\uDE42a", new StringTruncation(2, 0).truncate("\uD83D\uDE42abc"));
    assertEquals("c\uD83D\uDE00", new StringTruncation(0, 2).truncate("abc\uD83D\uDE00"));
    assertEquals("欧阳", new StringTruncation(2, 0).truncate("欧阳娜娜"));
  }

  @Test
  void refusesNothingToKeep() {
    assertThrows(IllegalArgumentException.class, () -> new StringTruncation(0, 0));
  }
}
