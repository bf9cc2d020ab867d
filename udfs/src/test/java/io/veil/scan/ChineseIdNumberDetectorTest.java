package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.ops.validate.ChineseIdNumber;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseIdNumberDetectorTest {
  static final Clock TODAY = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final ChineseIdNumberDetector detector = new ChineseIdNumberDetector(TODAY);

  private static String withCheck(String body) {
    return body + ChineseIdNumber.checkCharacter(body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"11010519491231002X", "11010519491231002x", " 11010519491231002X "})
  void acceptsValidNumbersAndALowerCaseCheckX(String value) {
    assertTrue(detector.matches(value), value);
    assertEquals(PiiType.ID_CARD, detector.type());
  }

  @Test
  void acceptsGeneratedNumbers() {
    assertTrue(detector.matches(withCheck("44030619851231123")));
    assertTrue(detector.matches(withCheck("31010120000229000")));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "110105194912310021", // wrong check character
        "440524188001010014", // valid, but born before 1900
        "110105 19491231002X",
        "11010519491231002",
        "1101051949123100２X",
      })
  void rejectsInvalidNumbers(String value) {
    assertFalse(detector.matches(value), value);
  }

  @Test
  void rejectsFutureBirthDatesAndImpossibleOnes() {
    assertFalse(detector.matches(withCheck("11010520300101001")));
    assertFalse(detector.matches(withCheck("11010519900230001")));
    assertFalse(detector.matches(withCheck("99010519900101001")));
  }
}
