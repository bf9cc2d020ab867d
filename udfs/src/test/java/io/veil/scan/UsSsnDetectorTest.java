package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UsSsnDetectorTest {
  private final UsSsnDetector detector = new UsSsnDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "123-45-6780",
        "001-01-0001",
        "665-99-9999",
        "667-01-0001",
        "899-99-9999",
        "078-05-1121",
        "219-09-9998",
        "536 22 1234",
        " 536-22-1234 ",
      })
  void acceptsGroupedNumbersOfAllowedParts(String value) {
    assertTrue(detector.matches(value), value);
    assertEquals(PiiType.US_SSN, detector.type());
    assertEquals("us-ssn", detector.form());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "536221234", // bare nine digits: could be any id
        "000-12-3456", // area 000
        "666-12-3456", // area 666
        "900-12-3456", // areas 900-999 are never issued
        "999-12-3456",
        "536-00-1234", // group 00
        "536-22-0000", // serial 0000
        "078-05-1120", // the Woolworth wallet card
        "219-09-9999", // the SSA pamphlet's example
        "123-45-6789", // the placeholder
        "536-22 1234", // separators differ
        "536 22-1234",
        "536  22  1234",
        "536.22.1234",
        "536/22/1234",
        "2024-05-1234", // a date-like 4-2-4
        "2024-05-12",
        "555-12-34", // a phone fragment
        "555-1234",
        "123-45-67890", // one digit too many
        "536-22-12345",
        "53-622-1234",
        "536-221-234",
        "536-22-1234-99", // a longer grouped number
        "ORD-536-22-1234",
        "536-22-123４",
        "５３６-22-1234",
      })
  void rejectsOtherShapesAndNeverIssuedNumbers(String value) {
    assertFalse(detector.matches(value), value);
  }

  @Test
  void matchAtFindsTheWholeNumberInText() {
    String text = "SSN 123-45-6780.";
    assertEquals(text.indexOf('.'), UsSsnDetector.matchAt(text, 4));
    assertEquals(-1, UsSsnDetector.matchAt(text, 3));
    assertEquals(-1, UsSsnDetector.matchAt(text, 5));
    assertEquals(16, UsSsnDetector.matchAt("ssn: 536 22 1234 on file", 5));
    // The boundary after the number is the caller's to check.
    assertEquals(11, UsSsnDetector.matchAt("536-22-12345", 0));
    assertEquals(11, UsSsnDetector.matchAt("536-22-1234a", 0));
    // A run-on with the number's own separator is a longer number.
    assertEquals(-1, UsSsnDetector.matchAt("536-22-1234-5", 0));
    assertEquals(-1, UsSsnDetector.matchAt("536 22 1234 5678", 0));
    assertEquals(11, UsSsnDetector.matchAt("536 22 1234-5", 0));
    assertEquals(11, UsSsnDetector.matchAt("536-22-1234-", 0));
    assertEquals(-1, UsSsnDetector.matchAt("536-22-123", 0));
    assertEquals(-1, UsSsnDetector.matchAt("536-22-1234", -1));
    assertEquals(-1, UsSsnDetector.matchAt("536-22-1234", 12));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "123-45-6780",
        "536 22 1234",
        "536-22-1234-99",
        "536-22-12345",
        "123-45-6789",
        "536-22 1234",
        "536-22-123",
        "x536-22-1234",
        "",
      })
  void matchesAgreesWithMatchAtOnWholeValues(String value) {
    assertEquals(UsSsnDetector.matchAt(value, 0) == value.length(), detector.matches(value), value);
  }
}
