package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DictionaryTest {

  @Test
  void loadsEntriesWithoutCommentsInFileOrderOncePerJvm() {
    Dictionary surnames = Dictionary.named("surnames-zh.txt");
    assertEquals("王", surnames.entries().get(0));
    assertTrue(surnames.entries().stream().noneMatch(e -> e.startsWith("#") || e.isBlank()));
    assertSame(surnames, Dictionary.named("surnames-zh.txt"));
  }

  @Test
  void looksUpExactlyOrIgnoringCaseAndNormalization() {
    Dictionary first = Dictionary.named("first-names-latin.txt");
    assertTrue(first.contains("James"));
    assertFalse(first.contains("JAMES"));
    assertTrue(first.containsIgnoreCase("JAMES"));
    assertTrue(first.containsIgnoreCase("Zoe\u0301")); // decomposed Zoé
    assertFalse(first.containsIgnoreCase(null));
  }

  @Test
  void refusesUnknownDictionaries() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Dictionary.named("nope.txt"));
    assertTrue(e.getMessage().startsWith("Unknown dictionary nope.txt"));
  }
}
