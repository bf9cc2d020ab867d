package io.veil.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

  /**
   * Issue 20, finding 9: a pattern that backtracks catastrophically on a crafted cell hung the
   * task. Matching may read a value's characters only so many times, then that value fails (and
   * goes to on-invalid); patterns that do not backtrack so are untouched, however long the value.
   */
  @Test
  void catastrophicPatternStallsTheJob() {
    RegexReplacement nested = new RegexReplacement("(.*a){12}$", "x");
    String crafted = "a".repeat(40) + "!";
    RuntimeException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> assertThrows(RuntimeException.class, () -> nested.replace(crafted)));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Cannot replace: matching the pattern read the value's characters more than"),
        e.getMessage());
    assertFalse(e.getMessage().contains("aaaa"), "no value in the message");
    RegexReplacement backreference = new RegexReplacement("(a|aa)+\\1$", "x");
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () ->
            assertThrows(
                RuntimeException.class, () -> backreference.replace("a".repeat(60) + "!")));

    // Java's engine handles (a+)+$ itself; values it matches normally stay well within the budget.
    assertEquals("x", new RegexReplacement("(a+)+$", "x").replace("a".repeat(5000)));
    assertEquals(
        "a".repeat(40) + "!", new RegexReplacement("(a+)+$", "x").replace("a".repeat(40) + "!"));
    assertEquals(
        "#".repeat(1_000_000), new RegexReplacement("\\d", "#").replace("7".repeat(1_000_000)));
    assertEquals("x", nested.replace("a".repeat(12)));
    String noAt = "x".repeat(2000);
    assertEquals(
        noAt, new RegexReplacement(".*@.*", "?").replace(noAt)); // quadratic, 2,000 characters
  }

  /** Replacements are exactly String.replaceAll's, empty matches and surrogate pairs included. */
  @Test
  void replacementsEqualReplaceAll() {
    String[] patterns = {
      "x*", "\\b", "(?=a)", "a|", "\\d+", "[^a-z]", "$", "^", ".", "\\p{L}+", "(a)(b)?"
    };
    String[] replacements = {"", "#", "[x]", "$0", "<$1>", "\\$"};
    String[] values = {"", "a", "abc", "xxaxx", "ab12cd345", "😀a😀", "王伟 ab", "a\nb"};
    for (String p : patterns) {
      for (String r : replacements) {
        if (r.equals("<$1>") && !p.contains("(a)")) {
          continue; // a group the pattern does not have is refused at construction
        }
        RegexReplacement replacement = new RegexReplacement(p, r);
        for (String v : values) {
          assertEquals(v.replaceAll(p, r), replacement.replace(v), p + " -> " + r + " on " + v);
        }
      }
    }
  }
}
