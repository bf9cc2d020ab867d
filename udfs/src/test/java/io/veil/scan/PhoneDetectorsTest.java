package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneDetectorsTest {
  private final ChineseMobileDetector mobile = new ChineseMobileDetector();
  private final E164PhoneDetector e164 = new E164PhoneDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "13812345678",
        "19912345678",
        "15012345678",
        "138-1234-5678",
        "138 1234 5678",
        "138.1234.5678",
        "+86 138-1234-5678",
        "+8613812345678",
        "(+86) 13812345678",
        "0086 138 1234 5678",
        "8613812345678",
      })
  void chineseMobileAcceptsNumbersWithCountryCodeAndSeparators(String value) {
    assertTrue(mobile.matches(value), value);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "12812345678", // second digit 2
        "10012345678",
        "23812345678", // not starting with 1
        "1381234567", // 10 digits
        "138123456789", // 12 digits
        "14012345678", // unallocated segment 140
        "15412345678", // unallocated segment 154
        "138--1234-5678",
        "-13812345678",
        "138a12345678",
        "+1 138 1234 5678",
        "+86",
        "1381234567８", // full-width digit
      })
  void chineseMobileRejectsOtherNumbers(String value) {
    assertFalse(mobile.matches(value), value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+14155552671",
        "+1 (415) 555-2671",
        "+1 415-555-2671",
        "+44 20 7946 0958",
        "+44 (0)20 7946 0958",
        "+49 30 901820",
        "+33 1 42 68 53 00",
        "+86 138 1234 5678",
        "+86 10 6552 9988",
        "+7 495 123-45-67",
        "+81 3-1234-5678",
        "+39 06 6982 1234",
        "+353 1 234 5678",
        "+852 2123 4567",
      })
  void e164AcceptsInternationalNumbers(String value) {
    assertTrue(e164.matches(value), value);
    assertEquals(PiiType.PHONE, e164.type());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "14155552671", // no plus
        "+1 415 555 267", // NANP needs 10 national digits
        "+1 015 555 2671", // area code starting with 0
        "+0 123 456 789",
        "+28 1234 5678", // unassigned country code
        "+999 1234 5678",
        "+44 0207 946 0958", // trunk 0 after the country code
        "+86 12812345678", // not a mobile segment
        "+1234567", // too short
        "+1234567890123456", // 16 digits
        "+1 (415 555-2671",
        "+1 415 555 2671 ext 3",
        "+ 1 415 555 2671",
      })
  void e164RejectsMalformedNumbers(String value) {
    assertFalse(e164.matches(value), value);
  }

  @Test
  void countryCodesResolveByLongestAssignedPrefix() {
    assertEquals(1, E164PhoneDetector.countryCodeLength("14155552671"));
    assertEquals(2, E164PhoneDetector.countryCodeLength("8613812345678"));
    assertEquals(3, E164PhoneDetector.countryCodeLength("85221234567"));
    assertEquals(0, E164PhoneDetector.countryCodeLength("2812345678"));
  }
}
