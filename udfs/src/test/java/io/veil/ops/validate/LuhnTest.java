package io.veil.ops.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LuhnTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "79927398713", // the textbook example
        "4111111111111111", // well-known Visa test number
        "5555555555554444", // well-known Mastercard test number
        "378282246310005", // well-known Amex test number (15 digits)
        "6212345678901265", // UnionPay-shaped
        "00",
        "18",
      })
  void acceptsValidNumbers(String number) {
    assertTrue(Luhn.isValid(number));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "79927398710",
        "4111111111111112",
        "6222021234567890",
        "0", // too short to carry a check digit
        "4111 1111 1111 1111", // separators must be stripped by the caller
        "4111-1111-1111-1111",
        "411111111111111a",
      })
  void rejectsInvalidNumbers(String number) {
    assertFalse(Luhn.isValid(number));
  }

  @Test
  void checkDigitCompletesAValidNumber() {
    assertEquals('3', Luhn.checkDigit("7992739871"));
    assertEquals('1', Luhn.checkDigit("411111111111111"));
    assertEquals('0', Luhn.checkDigit("0"));
    for (int i = 0; i < 1000; i++) {
      String payload = String.format("62220212%07d", i * 7919);
      assertTrue(Luhn.isValid(payload + Luhn.checkDigit(payload)), payload);
    }
  }

  @Test
  void checkDigitRejectsBadPayloads() {
    assertThrows(IllegalArgumentException.class, () -> Luhn.checkDigit(""));
    assertThrows(IllegalArgumentException.class, () -> Luhn.checkDigit(null));
    assertThrows(IllegalArgumentException.class, () -> Luhn.checkDigit("12a4"));
  }
}
