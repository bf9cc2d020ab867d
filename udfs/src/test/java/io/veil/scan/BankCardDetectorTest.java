package io.veil.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.veil.ops.validate.Luhn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BankCardDetectorTest {
  private final BankCardDetector detector = new BankCardDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111111111111111",
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "5500000000000004",
        "2223000048400011",
        "378282246310005",
        "3782 822463 10005",
        "6011111111111117",
        "3530111333300000",
        "4222222222222", // 13 digits
      })
  void acceptsCardNumbers(String value) {
    assertTrue(detector.matches(value), value);
  }

  @Test
  void acceptsNineteenDigitUnionPayNumbers() {
    String payload = "621700000000000000";
    assertTrue(detector.matches(payload + Luhn.checkDigit(payload)));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "4111111111111112", // Luhn fails
        "0000000000000000", // Luhn-valid, one repeated digit
        "1234567812345670", // Luhn-valid, no card network starts with 1
        "9111111111111111",
        "2000000000000008", // 2-series outside 2221-2720
        "3200000000000009", // 32 is no network
        "411111111111", // 12 digits
        "41111111111111111113", // 20 digits
        "4111  1111 1111 1111",
        "4111_1111_1111_1111",
        "4111.1111.1111.1111",
        " -4111111111111111",
      })
  void rejectsOtherNumbers(String value) {
    assertFalse(detector.matches(value), value);
  }
}
