package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IbanDetectorTest {
  private final IbanDetector detector = new IbanDetector();

  /** The example IBANs of the registry and of national banks' documentation. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "DE89 3704 0044 0532 0130 00",
        "DE89370400440532013000",
        "GB82 WEST 1234 5698 7654 32",
        "gb82west12345698765432",
        "FR14 2004 1010 0505 0001 3M02 606",
        "NL91 ABNA 0417 1643 00",
        "CH93 0076 2011 6238 5295 7",
        "BE68 5390 0754 7034",
        "NO93 8601 1117 947",
        "IT60 X054 2811 1010 0000 0123 456",
        "ES91 2100 0418 4502 0005 1332",
        "AT61 1904 3002 3457 3201",
      })
  void acceptsValidIbans(String value) {
    assertTrue(detector.matches(value), value);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "DE88 3704 0044 0532 0130 00", // check digits wrong
        "DE89 3704 0044 0532 0130 01", // account changed
        "DE89 3704 0044 0532 0130 0", // one character short for DE
        "GB82 WEST 1234 5698 7654 3", // short
        "XX82 WEST 1234 5698 7654 32", // no such country
        "DE00 3704 0044 0532 0130 00",
        "DE89  3704 0044 0532 0130 00",
        "DE89-3704-0044-0532-0130-00",
        "1234 5678 9012 3456 78",
      })
  void rejectsInvalidIbans(String value) {
    assertFalse(detector.matches(value), value);
  }
}
