package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NationalPhoneDetectorTest {
  private final NationalPhoneDetector detector = new NationalPhoneDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(591)341-7776", // US, an unassigned area code: possible, grouped as the US does
        "(415) 555-2671",
        "415-555-2671",
        "206.269.0743x9150",
        "206-269-0743 ext. 12",
        "1-800-555-0199", // trunk prefix 1 before the national number
        "001-591-341-7776x123", // dialled from abroad
        "0115 496 0914", // UK drama range
        "(020) 7946 0958",
        "020 7946 0958",
        "030 12345678", // Berlin
        "0391 500080",
        "01 23 45 67 89", // France
        "06 12 34 56 78",
        "612 34 56 78", // Spain
        "911 23 45 67",
        "010-12345678", // Beijing landline, area code as written
        "06 6982 1234" // Rome
      })
  void acceptsNumbersWrittenAsTheirCountryWritesThem(String value) {
    assertTrue(detector.matches(value), value);
    assertEquals(PiiType.PHONE, detector.type());
    assertEquals("national", detector.form());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "2062690743", // one run of digits: an id as much as a phone
        "2024-05-12", // a date
        "12/05/2024",
        "2019-2024", // a range of years, not a Brazilian local number
        "2024 123456", // an order number's grouping, not a US number's
        "ORD-2024-123456",
        "1234.56",
        "1.2.3.4",
        "12:34:56",
        "415--555-2671",
        "415-555-2671-",
        "(415 555-2671",
        "415) 555-2671",
        "415-555-267a",
        "+1 415 555 2671", // international numbers are E164PhoneDetector's
        "123-45-6789", // grouped as a US Social Security number
        "4111 1111 1111 1111" // a card
      })
  void rejectsOtherDigits(String value) {
    assertFalse(detector.matches(value), value);
  }

  @Test
  void extensionsAreCutOffOnlyAfterANumber() {
    String s = "206.269.0743x9150";
    assertEquals(12, NationalPhoneDetector.withoutExtension(s, 0, s.length()));
    assertEquals(3, NationalPhoneDetector.withoutExtension("x12", 0, 3));
    assertEquals(5, NationalPhoneDetector.withoutExtension("12345", 0, 5));
  }

  @Test
  void regionsComeFromLibphonenumber() {
    assertTrue(NationalPhoneDetector.isRegion("de"));
    assertFalse(NationalPhoneDetector.isRegion("XX"));
    assertThrows(IllegalArgumentException.class, () -> new NationalPhoneDetector(List.of("XX")));
    // Switzerland is not among the defaults; a column named for it tries it first.
    assertTrue(NationalPhoneDetector.preferring(List.of("CH")).matches("044 668 18 00"));
  }
}
