package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UkNinoDetectorTest {
  private final UkNinoDetector detector = new UkNinoDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AB123456C",
        "AB 12 34 56 C",
        "ab 12 34 56 c",
        "Ab123456d",
        "AB 123456 C",
        "AB123456 A",
        "AB 123456B",
        "JG103759A",
        "CE 01 23 45 D",
        "OA123456A", // O is barred only as the second letter
        "NA123456A", // N is fine with anything but K and T
        "ZY123456B",
        "TT123456C",
        " AB123456C ",
      })
  void acceptsAllocatedPrefixesSolidOrSpaced(String value) {
    assertTrue(detector.matches(value), value);
    assertEquals(PiiType.UK_NINO, detector.type());
    assertEquals("uk-nino", detector.form());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "QQ123456C", // HMRC's documentation example: Q is never used
        "QQ 12 34 56 C",
        "DA123456A", // D, F, I, Q, U, V never first
        "FA123456A",
        "IA123456A",
        "UA123456A",
        "VA123456A",
        "AD123456A", // ... nor second
        "AI123456A",
        "AV123456A",
        "AO123456A", // O never second
        "BG123456A", // unallocated prefixes
        "GB123456A",
        "KN123456A",
        "NK123456A",
        "NT123456A",
        "TN123456A",
        "ZZ123456A",
        "AB123456E", // suffix beyond D
        "AB123456", // no suffix
        "AB12345C",
        "AB1234567C",
        "AB  123456 C",
        "AB 12 3456 C", // pairs half-written
        "AB 1234 56 C",
        "AB-12-34-56-C",
        "AB123456-C",
        "SW1A 1AA", // postcodes
        "EC1A 1BB",
        "AB12 CDE", // a car registration
        "AB-1234-5678", // a product code
        "A1123456C",
        "1B123456C",
        "ÄB123456C",
        "ＡＢ123456C",
        "AB123456C1",
      })
  void rejectsUnallocatedPrefixesAndOtherCodes(String value) {
    assertFalse(detector.matches(value), value);
  }

  @Test
  void matchAtFindsTheWholeNumberInText() {
    String text = "NI no. AB 12 34 56 C, thanks";
    assertEquals(text.indexOf(','), UkNinoDetector.matchAt(text, 7));
    assertEquals(-1, UkNinoDetector.matchAt(text, 6));
    assertEquals(-1, UkNinoDetector.matchAt(text, 8));
    assertEquals(9, UkNinoDetector.matchAt("AB123456C.", 0));
    // Letters or digits right after are the caller's boundary to check.
    assertEquals(9, UkNinoDetector.matchAt("AB123456Cx", 0));
    assertEquals(10, UkNinoDetector.matchAt("AB123456 and", 0));
    assertEquals(-1, UkNinoDetector.matchAt("AB123456 ", 0));
    assertEquals(-1, UkNinoDetector.matchAt("AB12345", 0));
    assertEquals(-1, UkNinoDetector.matchAt("AB123456C", -1));
    assertEquals(-1, UkNinoDetector.matchAt("AB123456C", 1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AB123456C",
        "AB 12 34 56 C",
        "AB 123456 C",
        "AB123456C1",
        "QQ123456C",
        "AB 12 3456 C",
        "AB123456",
        "",
      })
  void matchesAgreesWithMatchAtOnWholeValues(String value) {
    assertEquals(
        UkNinoDetector.matchAt(value, 0) == value.length(), detector.matches(value), value);
  }
}
