package io.veil.scan;

import io.veil.ops.validate.Luhn;

/**
 * Payment card numbers (ISO/IEC 7812): 13 to 19 digits, optionally grouped with single spaces or
 * hyphens, a correct {@link Luhn} check digit, and an issuer prefix of a card network: 2221-2720
 * (Mastercard), 30 and 34-39 (Diners, Amex, JCB), 4 (Visa), 5 (Mastercard, Maestro), 6 (UnionPay,
 * Discover, Maestro, RuPay). One random number in ten passes Luhn, so the prefix and the column's
 * share of matches carry the rest of the evidence; numbers of one repeated digit are refused.
 */
public final class BankCardDetector implements ValueDetector {
  static final int MIN_DIGITS = 13;
  static final int MAX_DIGITS = 19;
  private static final String SEPARATORS = " -";

  @Override
  public PiiType type() {
    return PiiType.BANK_CARD;
  }

  @Override
  public String form() {
    return "luhn";
  }

  @Override
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    String digits = GroupedDigits.digits(value.strip(), SEPARATORS);
    return digits != null && isCardNumber(digits);
  }

  /** Whether {@code digits} (digits only) is a plausible card number. */
  static boolean isCardNumber(String digits) {
    int n = digits.length();
    if (n < MIN_DIGITS || n > MAX_DIGITS || GroupedDigits.allSame(digits)) {
      return false;
    }
    return hasNetworkPrefix(digits) && Luhn.isValid(digits);
  }

  private static boolean hasNetworkPrefix(String digits) {
    switch (digits.charAt(0)) {
      case '2':
        int four = Integer.parseInt(digits.substring(0, 4));
        return four >= 2221 && four <= 2720;
      case '3':
        char second = digits.charAt(1);
        return second == '0' || second >= '4';
      case '4':
      case '5':
      case '6':
        return true;
      default:
        return false;
    }
  }
}
