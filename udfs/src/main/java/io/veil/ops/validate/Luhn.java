package io.veil.ops.validate;

/**
 * The Luhn (mod 10) check digit used by payment card numbers (ISO/IEC 7812-1).
 *
 * <p>Both methods take digits only; strip the spaces or hyphens of a formatted card number first.
 * Plain Java with no Spark dependency: the sample-data generator and the PII scanner share it.
 */
public final class Luhn {

  private Luhn() {}

  /**
   * Returns the digit that, appended to {@code payload}, makes a Luhn-valid number.
   *
   * @throws IllegalArgumentException if {@code payload} is empty or holds a non-digit
   */
  public static char checkDigit(CharSequence payload) {
    if (payload == null || payload.length() == 0) {
      throw new IllegalArgumentException("Invalid Luhn payload: expected at least one digit");
    }
    int sum = weightedSum(payload, true);
    if (sum < 0) {
      throw new IllegalArgumentException("Invalid Luhn payload: only digits are accepted");
    }
    return (char) ('0' + (10 - sum % 10) % 10);
  }

  /** Whether {@code number} is at least two digits, all digits, with a matching check digit. */
  public static boolean isValid(CharSequence number) {
    if (number == null || number.length() < 2) {
      return false;
    }
    int sum = weightedSum(number, false);
    return sum >= 0 && sum % 10 == 0;
  }

  /**
   * Luhn sum from the right: every second digit is doubled, starting with the rightmost one when
   * {@code doubleRightmost} (the payload case, whose check digit is still missing). Returns -1 if a
   * character is not an ASCII digit.
   */
  private static int weightedSum(CharSequence digits, boolean doubleRightmost) {
    int sum = 0;
    boolean doubleIt = doubleRightmost;
    for (int i = digits.length() - 1; i >= 0; i--) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      int d = c - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum;
  }
}
