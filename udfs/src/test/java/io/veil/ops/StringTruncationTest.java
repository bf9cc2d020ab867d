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

  @Test
  void shortEmptyAndNullValues() {
    assertEquals("ab", new StringTruncation(3, 0).truncate("ab"));
    assertEquals("", new StringTruncation(3, 0).truncate(""));
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
