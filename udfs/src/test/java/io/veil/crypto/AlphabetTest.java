package io.veil.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AlphabetTest {
  @Test
  void presetsHaveTheDocumentedOrder() {
    assertEquals(10, Alphabet.DIGITS.radix());
    assertEquals(16, Alphabet.HEX_LOWER.radix());
    assertEquals(62, Alphabet.ALPHANUMERIC.radix());
    assertEquals(10, Alphabet.ALPHANUMERIC.numeralOf('a'));
    assertEquals(36, Alphabet.ALPHANUMERIC.numeralOf('A'));
    assertEquals(-1, Alphabet.DIGITS.numeralOf('X'));
    assertEquals(-1, Alphabet.DIGITS.numeralOf(0x1F600));
  }

  @Test
  void customAlphabetsCountCodePoints() {
    Alphabet emoji = Alphabet.of("😀😁x");
    assertEquals(3, emoji.radix());
    assertEquals(1, emoji.numeralOf(0x1F601));
    assertEquals('x', emoji.codePointOf(2));
    assertEquals(-1, emoji.numeralOf(0xD83D));
  }

  @Test
  void refusesInvalidAlphabets() {
    assertEquals(
        "Invalid alphabet: FF1 needs 2 to 65536 distinct characters, got 1",
        assertThrows(IllegalArgumentException.class, () -> Alphabet.of("a")).getMessage());
    assertEquals(
        "Invalid alphabet: U+0061 appears more than once",
        assertThrows(IllegalArgumentException.class, () -> Alphabet.of("abca")).getMessage());
    assertEquals(
        "Invalid alphabet: unpaired surrogate U+D83D",
        assertThrows(IllegalArgumentException.class, () -> Alphabet.of("ab\uD83D")).getMessage());
  }
}
