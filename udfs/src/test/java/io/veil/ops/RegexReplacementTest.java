package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegexReplacementTest {
  @Test
  void replacesEveryMatch() {
    RegexReplacement r = new RegexReplacement("1[3-9]\\d{9}", "[phone]");
    assertEquals("call [phone] or [phone]", r.replace("call 13812345678 or 15900001111"));
    assertNull(r.replace(null));
    assertEquals("192.0.2.0", new RegexReplacement("\\.\\d+$", ".0").replace("192.0.2.15"));
  }

  @Test
  void groupsInReplacement() {
    assertEquals("a-X", new RegexReplacement("(a)-b", "$1-X").replace("a-b"));
  }

  @Test
  void badPatternOrReplacementFailsEarly() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new RegexReplacement("(", "x"));
    assertTrue(e.getMessage().startsWith("Invalid regex pattern"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new RegexReplacement("a", "$2"));
    assertTrue(e.getMessage().startsWith("Invalid regex replacement"), e.getMessage());
  }
}
